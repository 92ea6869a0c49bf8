// git's diff and submodule settings, in the repository's config, a global config file or the
// work tree, change kstat's figures exactly as they change plain git's: for a path alone and
// for several paths in one run (where some commits are read again for one path).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSettings, SETTINGS_PATHS } from '../../fixtures/recipes/diff-settings.js';
import type { PathReport } from '../../src/types.js';
import { kstat, parseJson } from '../helpers/cli.js';
import { figures } from '../helpers/figures.js';
import { oracleSignals, type OracleFigures as Signals } from '../helpers/oracle.js';
import { fixtureRepo, git, removeTempDirs, tempDir } from '../helpers/repos.js';

afterAll(removeTempDirs);

const SINCE = Date.parse('2020-08-10T00:00:00Z') / 1000;
const UNTIL = Date.parse('2025-08-10T00:00:00Z') / 1000;

interface Setting {
  name: string;
  /** Applies the setting to a fresh repository; returns the environment kstat and git then need. */
  apply: (dir: string) => Record<string, string>;
  /** Whether the setting changes git's figures for some path here (with -M, diff.renames cannot). */
  changes: boolean;
}

const repoConfig =
  (...kv: Array<[string, string]>) =>
  (dir: string): Record<string, string> => {
    for (const [k, v] of kv) git(dir, ['config', k, v]);
    return {};
  };

const SETTINGS: Setting[] = [
  { name: 'diff.algorithm=patience (repository config)', apply: repoConfig(['diff.algorithm', 'patience']), changes: true },
  {
    name: 'diff.algorithm=histogram (global config file)',
    apply: () => {
      const file = join(tempDir(), 'gitconfig');
      writeFileSync(file, '[diff]\n\talgorithm = histogram\n');
      return { GIT_CONFIG_GLOBAL: file };
    },
    changes: true,
  },
  { name: 'diff.renameLimit=1', apply: repoConfig(['diff.renameLimit', '1']), changes: true },
  { name: 'diff.renames=copies', apply: repoConfig(['diff.renames', 'copies']), changes: false },
  { name: 'diff.renames=false', apply: repoConfig(['diff.renames', 'false']), changes: false },
  { name: 'diff.indentHeuristic=false', apply: repoConfig(['diff.indentHeuristic', 'false']), changes: false },
  { name: 'core.bigFileThreshold=100', apply: repoConfig(['core.bigFileThreshold', '100']), changes: true },
  { name: 'diff.ignoreSubmodules=all', apply: repoConfig(['diff.ignoreSubmodules', 'all']), changes: true },
  { name: 'submodule.sub.ignore=all (repository config)', apply: repoConfig(['submodule.sub.ignore', 'all']), changes: true },
  {
    name: 'submodule ignore = all in the work tree\'s .gitmodules',
    apply: (dir) => {
      writeFileSync(join(dir, '.gitmodules'), '[submodule "sub"]\n\tpath = p/sub\n\turl = https://example.org/sub.git\n\tignore = all\n');
      return {};
    },
    changes: true,
  },
  {
    name: '.gitattributes naming a file by its full path (-diff)',
    apply: (dir) => {
      writeFileSync(join(dir, '.gitattributes'), 'p/x.txt -diff\n');
      return {};
    },
    changes: true,
  },
];

/** kstat's reports for one run over `paths`, in order. */
function run(dir: string, paths: string[], env: Record<string, string>): PathReport[] {
  const r = kstat(['--json', ...paths], { cwd: dir, env });
  if (r.code !== 0) throw new Error(`kstat exited ${r.code}: ${r.stderr}`);
  const out = parseJson<PathReport | PathReport[]>(r.stdout);
  return Array.isArray(out) ? out : [out];
}

const oracle = (dir: string, path: string, env: Record<string, string>): Signals => oracleSignals({ repo: dir, rev: 'HEAD', path, since: SINCE, until: UNTIL, env });

let defaults: string;
beforeAll(() => {
  defaults = fixtureRepo(diffSettings);
});

describe.each(SETTINGS)('$name', ({ apply, changes }) => {
  let dir: string;
  let env: Record<string, string>;
  let expected: Record<string, Signals>;
  beforeAll(() => {
    dir = fixtureRepo(diffSettings);
    env = apply(dir);
    expected = Object.fromEntries(SETTINGS_PATHS.map((p) => [p, oracle(dir, p, env)]));
  });

  it(changes ? 'changes git\'s figures here' : 'leaves git\'s figures (with -M) as they are', () => {
    const differs = SETTINGS_PATHS.some((p) => JSON.stringify(expected[p]) !== JSON.stringify(oracle(defaults, p, {})));
    expect(differs).toBe(changes);
  });

  it.each(SETTINGS_PATHS)('%s alone equals plain git under the setting', (path) => {
    expect(run(dir, [path], env).map(figures)).toEqual([expected[path]]);
  });

  it.each([[SETTINGS_PATHS], [['p', 'q']], [['p/sub', 'q']]])('%j in one run equals plain git under the setting', (paths) => {
    expect(run(dir, paths, env).map(figures)).toEqual(paths.map((p) => expected[p]));
  });
});
