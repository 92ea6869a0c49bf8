// The early stop is used only where git itself would trust the commit-graph: not with grafts,
// not with replace refs under whatever base git reads them from, and again where git is told to
// ignore replace refs. In each case kstat's figures equal plain git's in the same environment.
import { execFileSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/build.js';
import { analyze, type RunPlan } from '../../src/analyze/index.js';
import { kstatJson } from '../helpers/cli.js';
import { figures } from '../helpers/figures.js';
import { oracleSignals } from '../helpers/oracle.js';
import { git, removeTempDirs, tempDir } from '../helpers/repos.js';

afterAll(removeTempDirs);

const SINCE = Date.parse('2020-01-01T00:00:00Z') / 1000;
const UNTIL = Date.parse('2025-01-01T00:00:00Z') / 1000;

interface Skewed {
  dir: string;
  /** An old commit on main, the early stop's frontier. */
  old: string;
  /** A commit inside the window on a side branch, reachable from main only through a graft of `old`. */
  side: string;
}

/**
 * main: o1 (2015) ← o2 (2016) ← m1 (2024) ← m2 (2025, HEAD); side: q (2023) on o1. Every commit
 * touches `f`. The default window, 2020 to 2025, holds m1 and m2; the graph proves o2 older than
 * it. Grafting q under o2 puts q in the window's history: git counts 3.
 */
function skewedRepo(): Skewed {
  const dir = join(tempDir(), 'repo');
  git(tempDir(), ['init', '-q', '-b', 'main', dir]);
  const commit = (msg: string, date: string): string => {
    appendFileSync(join(dir, 'f'), `${msg}\n`);
    const env = hermeticGitEnv({ GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@x', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    execFileSync('git', ['add', 'f'], { cwd: dir, env });
    execFileSync('git', ['commit', '-qm', msg], { cwd: dir, env });
    return git(dir, ['rev-parse', 'HEAD']).trim();
  };
  const o1 = commit('o1', '2015-01-01T00:00:00Z');
  const old = commit('o2', '2016-01-01T00:00:00Z');
  commit('m1', '2024-01-01T00:00:00Z');
  commit('m2', '2025-01-01T00:00:00Z');
  git(dir, ['checkout', '-q', '-b', 'side', o1]);
  const side = commit('q', '2023-01-01T00:00:00Z');
  git(dir, ['checkout', '-q', 'main']);
  git(dir, ['commit-graph', 'write', '--reachable']);
  return { dir, old, side };
}

/** Plain git's commit set for a path, in the given environment (the command of docs/signals.md). */
function plainCommits(dir: string, path: string, env: Record<string, string> = {}): string[] {
  const out = execFileSync('git', ['log', '--full-history', '--no-merges', `--since-as-filter=@${SINCE} +0000`, `--until=@${UNTIL} +0000`, '--format=%H', '--', path], {
    cwd: dir,
    env: hermeticGitEnv(env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.split('\n').filter(Boolean);
}

async function planOf(dir: string): Promise<RunPlan> {
  let seen: RunPlan | null = null;
  await analyze({ repo: dir, rev: 'HEAD', paths: ['f'] }, { onPlan: (p) => (seen = p) });
  return seen!;
}

describe('grafts', () => {
  it('an info/grafts file turns the early stop off, and figures equal plain git, which follows the graft', async () => {
    const { dir, old, side } = skewedRepo();
    expect((await planOf(dir)).frontier).toBe(1);
    writeFileSync(join(dir, '.git/info/grafts'), `${old} ${side}\n`);
    expect(plainCommits(dir, 'f')).toContain(side);
    expect((await planOf(dir)).frontier).toBeNull();
    for (const path of ['f', '.']) {
      expect(figures(kstatJson([path], { cwd: dir }))).toEqual(oracleSignals({ repo: dir, rev: 'HEAD', path, since: SINCE, until: UNTIL }));
    }
  });

  it('a linked worktree reads the grafts of the repository it belongs to', () => {
    const { dir, old, side } = skewedRepo();
    const linked = join(tempDir(), 'linked');
    git(dir, ['worktree', 'add', '-q', '--detach', linked, 'main']);
    writeFileSync(join(dir, '.git/info/grafts'), `${old} ${side}\n`);
    expect(kstatJson(['f'], { cwd: linked }).commits).toBe(plainCommits(linked, 'f').length);
  });
});

describe('replace refs', () => {
  const base = 'refs/kstat-replace/';

  it('under GIT_REPLACE_REF_BASE are seen as git sees them: figures equal plain git with and without it', () => {
    const { dir, old, side } = skewedRepo();
    execFileSync('git', ['replace', '--graft', old, side], { cwd: dir, env: hermeticGitEnv({ GIT_REPLACE_REF_BASE: base }) });
    const env = { GIT_REPLACE_REF_BASE: base };
    expect(plainCommits(dir, 'f', env)).toContain(side);
    expect(kstatJson(['f'], { cwd: dir, env }).commits).toBe(plainCommits(dir, 'f', env).length);
    expect(kstatJson(['f'], { cwd: dir }).commits).toBe(plainCommits(dir, 'f').length);
  });

  describe('that git is told to ignore', () => {
    const saved = process.env.GIT_NO_REPLACE_OBJECTS;
    afterEach(() => {
      if (saved === undefined) delete process.env.GIT_NO_REPLACE_OBJECTS;
      else process.env.GIT_NO_REPLACE_OBJECTS = saved;
    });

    it('GIT_NO_REPLACE_OBJECTS keeps the early stop, and figures equal plain git with it', async () => {
      const { dir, old, side } = skewedRepo();
      git(dir, ['replace', '--graft', old, side]);
      const env = { GIT_NO_REPLACE_OBJECTS: '1' };
      expect(plainCommits(dir, 'f', env)).not.toContain(side);
      expect(kstatJson(['f'], { cwd: dir, env }).commits).toBe(plainCommits(dir, 'f', env).length);
      expect(kstatJson(['f'], { cwd: dir }).commits).toBe(plainCommits(dir, 'f').length);
      process.env.GIT_NO_REPLACE_OBJECTS = '1';
      expect((await planOf(dir)).frontier).toBe(1);
      // An explicit core.useReplaceRefs=true wins over the variable in git: replacements count again.
      git(dir, ['config', 'core.useReplaceRefs', 'true']);
      expect((await planOf(dir)).frontier).toBeNull();
      expect(kstatJson(['f'], { cwd: dir, env }).commits).toBe(plainCommits(dir, 'f', env).length);
    });

    it('core.useReplaceRefs=false keeps the early stop, and figures equal plain git', async () => {
      const { dir, old, side } = skewedRepo();
      git(dir, ['replace', '--graft', old, side]);
      git(dir, ['config', 'core.useReplaceRefs', 'false']);
      expect((await planOf(dir)).frontier).toBe(1);
      expect(kstatJson(['f'], { cwd: dir }).commits).toBe(plainCommits(dir, 'f').length);
    });
  });
});
