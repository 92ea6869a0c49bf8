// Every trap of the edge-cases fixture, end to end: kstat's JSON equals plain git's figures
// for every path of it, alone and together, in a work tree and a bare repository.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/build.js';
import { EDGE_PATHS, EDGE_WINDOW, edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { EXIT } from '../../src/errors.js';
import type { PathReport } from '../../src/types.js';
import { expectFailure, kstat, KSTAT_BIN, kstatJson, parseJson } from '../helpers/cli.js';
import { figures } from '../helpers/figures.js';
import { oracleSignals } from '../helpers/oracle.js';
import { fixtureRepo, git, removeTempDirs, snapshot, tempDir } from '../helpers/repos.js';

const SINCE = Date.parse(EDGE_WINDOW.since) / 1000;
const UNTIL = Date.parse(EDGE_WINDOW.until) / 1000;
const NEVER = 'drivers/edge/never';
const paths = EDGE_PATHS.map((p) => p.path).filter((p) => p !== NEVER);

let repo: string;
let bare: string;
beforeAll(() => {
  repo = fixtureRepo(edgeCases);
  bare = fixtureRepo(edgeCases, { bare: true });
});
afterAll(removeTempDirs);


describe('edge cases equal plain git', () => {
  it.each(paths)('%s', (path) => {
    const r = kstatJson(['--', path], { cwd: repo });
    expect(r.path).toBe(path);
    expect(figures(r)).toEqual(oracleSignals({ repo, rev: 'HEAD', path, since: SINCE, until: UNTIL }));
  });

  it('all paths in one run give the same figures as each alone, bare or not', () => {
    const all = parseJson<PathReport[]>(kstat(['--json', '--', ...paths], { cwd: bare }).stdout);
    expect(all.map((r) => r.path)).toEqual(paths);
    for (const r of all) {
      expect(figures(r)).toEqual(oracleSignals({ repo: bare, rev: 'HEAD', path: r.path, since: SINCE, until: UNTIL }));
    }
  });

  it('a narrow window at odd offsets', () => {
    const since = '2021-04-20T12:00:00-12:00';
    const until = '2023-06-01T00:00:00Z';
    for (const path of ['drivers/edge/tz', 'drivers/edge/edges', '.']) {
      const r = kstatJson(['--since', since, '--until', until, '--', path], { cwd: repo });
      expect(figures(r)).toEqual(oracleSignals({ repo, rev: 'HEAD', path, since: Date.parse(since) / 1000, until: Date.parse(until) / 1000 }));
    }
  });
});

describe('edge cases: what a user sees', () => {
  it('clock skew: the in-window commit behind an old-dated one counts', () => {
    const r = kstatJson(['drivers/edge/skew'], { cwd: repo });
    const plainSince = git(repo, ['log', '--full-history', '--no-merges', `--since=${EDGE_WINDOW.since}`, '--format=%H', '--', 'drivers/edge/skew']).trim().split('\n');
    expect(r.commits).toBeGreaterThan(plainSince.length);
  });

  it('a deleted directory: figures from history, no files, a warning', () => {
    const r = kstatJson(['drivers/edge/gone'], { cwd: repo });
    expect([r.files, r.lines]).toEqual([0, 0]);
    expect(r.commits).toBeGreaterThan(0);
    expect(r.warnings).toEqual(['drivers/edge/gone is not in the tree of HEAD (deleted): files and lines are 0, history figures count its past']);
    expect(kstat(['drivers/edge/gone'], { cwd: repo }).stdout).toContain('warning: drivers/edge/gone is not in the tree of HEAD (deleted)');
  });

  it('a path that never existed is an error', () => {
    const r = kstat([NEVER], { cwd: repo });
    expectFailure(r, EXIT.usage, `kstat: path not found: "${NEVER}" is not in HEAD and no commit reachable from it touches it ("drivers/edge" is the nearest directory that exists)\n`);
  });

  it('a path with bytes that are not UTF-8 cannot be named, and the error says which directory to name', () => {
    const r = spawnSync('bash', ['-c', `'${process.execPath}' '${KSTAT_BIN}' "$(printf 'drivers/edge/\\303\\274n\\303\\257 c\\303\\264de/latin1-\\351.c')"`], { cwd: repo, env: hermeticGitEnv({ NO_COLOR: '1' }), encoding: 'utf8' });
    expectFailure({ ...r, code: r.status }, EXIT.usage, 'kstat: path not found: "drivers/edge/ünï côde/latin1-\uFFFD.c" is not in HEAD and no commit reachable from it touches it (it holds bytes that are not UTF-8, which kstat cannot pass to git: name the directory that holds it, "drivers/edge/ünï côde")\n');
    // The directory counts the file.
    expect(kstatJson(['drivers/edge/ünï côde'], { cwd: repo }).files).toBe(2);
  });

  it('paths that look like git options are paths: never an option, never a file written', () => {
    const target = join(tempDir(), 'x');
    for (const path of [`--output=${target}`, '-p', '--exec=touch ' + target, '--no-index', ':(exclude)drivers', ':!drivers']) {
      const r = kstat(['--json', '--', path], { cwd: repo });
      if (path === '-p') {
        expect(r.code).toBe(0);
        expect(figures(parseJson<PathReport>(r.stdout))).toEqual(oracleSignals({ repo, rev: 'HEAD', path, since: SINCE, until: UNTIL }));
        continue;
      }
      expectFailure(r, EXIT.usage, new RegExp(`^kstat: path not found: ${JSON.stringify(path).replace(/[()!*?[\]]/g, '\\$&')} is not in HEAD`));
    }
    expect(existsSync(target)).toBe(false);
  });

  it('glob characters and pathspec magic are literal', () => {
    expect(kstatJson(['drivers/edge/star*'], { cwd: repo }).commits).toBe(oracleSignals({ repo, rev: 'HEAD', path: 'drivers/edge/star*', since: SINCE, until: UNTIL }).commits);
    const star = kstatJson(['drivers/edge/star*'], { cwd: repo });
    const starfish = kstatJson(['drivers/edge/starfish'], { cwd: repo });
    expect(star.last_commit!.sha).not.toBe(starfish.last_commit!.sha);
    expect(kstatJson([':colon'], { cwd: repo }).files).toBe(1);
  });

  it('text output stays one block per path with odd names and non-UTF-8 authors', () => {
    const r = kstat(['--format', 'text', '--', 'drivers/edge/people', 'drivers/edge/-dash', 'drivers/edge/with space'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter((l) => l === 'repository signals')).toHaveLength(3);
    expect(r.stdout).toContain('\ndrivers/edge/with space\n');
    // JSON stays valid UTF-8 whatever bytes git printed.
    const json = kstat(['--json', '.'], { cwd: repo }).stdout;
    expect(Buffer.from(json, 'utf8').toString('utf8')).toBe(json);
    expect(() => parseJson(json)).not.toThrow();
  });

  it('never writes to the repository it reads: every file, the index included, stays byte for byte', () => {
    const before = snapshot(repo);
    for (const args of [['.'], ['--json', '--each', 'drivers/edge'], ['--csv', 'drivers', '-p'], ['drivers/edge/never']]) kstat(args, { cwd: repo });
    expect(snapshot(repo)).toEqual(before);
  });
});
