// Cases a review found: each once gave a wrong figure or a wrong exit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/build.js';
import { MLX5_CORE, mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import { EXIT } from '../../src/errors.js';
import { kstat, kstatJson, KSTAT_BIN } from '../helpers/cli.js';
import { oracleSignals } from '../helpers/oracle.js';
import { fixtureRepo, git, removeTempDirs, tempDir } from '../helpers/repos.js';

let repo: string;
beforeAll(() => {
  repo = fixtureRepo(mlx5VdpaCore);
});
afterAll(removeTempDirs);

/** A repository made with plain git commands at fixed dates. */
function small(): string {
  const dir = join(tempDir(), 's');
  mkdirSync(join(dir, 'd'), { recursive: true });
  mkdirSync(join(dir, 'e'));
  const at = (date: string) => ({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'C', GIT_COMMITTER_EMAIL: 'c@x' });
  const g = (args: string[], date = '2015-01-01T00:00:00Z') => execFileSync('git', args, { cwd: dir, env: hermeticGitEnv(at(date)) });
  g(['init', '-q', '-b', 'main']);
  writeFileSync(join(dir, 'd/f'), Array.from({ length: 1000 }, (_, i) => `${i}\n`).join(''));
  writeFileSync(join(dir, 'e/g'), Array.from({ length: 50 }, (_, i) => `${i}\n`).join(''));
  g(['add', '.']);
  g(['commit', '-qm', 'base']);
  for (const i of [1, 2, 3]) {
    writeFileSync(join(dir, 'd/f'), `${i}\n`, { flag: 'a' });
    g(['commit', '-qam', `c${i}`], `2024-0${i}-01T00:00:00Z`);
  }
  return dir;
}

describe('shallow clones', () => {
  it('the commits at the cut are not counted as adding their whole tree', () => {
    const full = small();
    const cut = join(tempDir(), 'cut');
    git(full, ['clone', '-q', '--depth', '2', '--no-local', `file://${full}`, cut]);
    const d = kstatJson(['d'], { cwd: cut });
    // c3 is whole; c2, the cut, is not counted: its parent is missing, its diff unknown.
    expect([d.commits, d.added, d.removed]).toEqual([1, 1, 0]);
    const e = kstatJson(['e'], { cwd: cut });
    expect([e.commits, e.added, e.authors, e.last_commit]).toEqual([0, 0, 0, null]);
    expect(d.warnings).toEqual(['shallow clone: history stops at 2024-02-01, and the 1 commit there is not counted, so figures may be low (run git fetch --unshallow)']);
  });
});

describe('the environment git inherits', () => {
  it('GIT_DIR and pathspec settings from the caller do not change what kstat reads', () => {
    const other = small();
    const expected = kstatJson([MLX5_CORE], { cwd: repo });
    expect(kstatJson([MLX5_CORE], { cwd: repo, env: { GIT_DIR: join(other, '.git') } })).toEqual(expected);
    expect(kstatJson(['-C', repo, MLX5_CORE], { cwd: '/', env: { GIT_DIR: join(other, '.git'), GIT_WORK_TREE: other } })).toEqual(expected);
    for (const v of ['GIT_ICASE_PATHSPECS', 'GIT_GLOB_PATHSPECS', 'GIT_NOGLOB_PATHSPECS']) {
      expect(kstatJson([MLX5_CORE], { cwd: repo, env: { [v]: '1' } })).toEqual(expected);
    }
  });
});

describe('output that cannot be written', () => {
  it('a full disk is an error with its own exit code, not a silent success', () => {
    let code = 0;
    let stderr = '';
    try {
      execFileSync('sh', ['-c', `'${process.execPath}' '${KSTAT_BIN}' --json ${MLX5_CORE} > /dev/full`], { cwd: repo, env: hermeticGitEnv(), encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      code = (e as { status: number }).status;
      stderr = (e as { stderr: string }).stderr;
    }
    expect(code).toBe(EXIT.output);
    expect(stderr).toBe('kstat: cannot write the output: ENOSPC (check the disk or the pipe kstat writes to)\n');
  });
});

describe('repository forms', () => {
  it('-C on the .git directory of a work tree reads the work tree, as from inside it', () => {
    const fromTop = kstatJson([MLX5_CORE], { cwd: repo });
    const fromGit = kstatJson(['-C', join(repo, '.git'), MLX5_CORE], { cwd: '/' });
    expect(fromGit).toEqual(fromTop);
    expect(fromGit.mailmap.sources).toEqual(['.mailmap']);
  });

  it('mailmap sources are listed in the order git reads them, and only those that exist', () => {
    const dir = fixtureRepo(mlx5VdpaCore);
    git(dir, ['config', 'mailmap.file', join(dir, 'extra.mailmap')]);
    expect(kstatJson([MLX5_CORE], { cwd: dir }).mailmap.sources).toEqual(['.mailmap']);
    writeFileSync(join(dir, 'extra.mailmap'), '');
    git(dir, ['config', 'mailmap.blob', 'HEAD:.mailmap']);
    expect(kstatJson([MLX5_CORE], { cwd: dir }).mailmap.sources).toEqual(['.mailmap', 'blob:HEAD:.mailmap', `file:${join(dir, 'extra.mailmap')}`]);
  });

  it('an empty -C is a usage error', () => {
    const r = kstat(['-C', '', MLX5_CORE], { cwd: repo });
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^kstat: -C is empty: name the repository directory/);
  });
});

describe('dates', () => {
  it('a commit dated beyond what any calendar holds is a clear git-data error', () => {
    const dir = small();
    const tree = git(dir, ['write-tree']).trim();
    const parent = git(dir, ['rev-parse', 'HEAD']).trim();
    const body = `tree ${tree}\nparent ${parent}\nauthor A <a@x> 9999999999999 +0000\ncommitter C <c@x> 9999999999999 +0000\n\nfar\n`;
    const sha = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: dir, env: hermeticGitEnv(), input: body, encoding: 'utf8' }).trim();
    git(dir, ['update-ref', 'refs/heads/far', sha]);
    const r = kstat(['--rev', 'far', '--since', '2000-01-01', '--until', '2030-01-01', 'd'], { cwd: dir });
    expect(r.code).toBe(EXIT.gitFailed);
    expect(r.stderr).toMatch(new RegExp(`^kstat: commit ${sha} has an impossible date \\(9999999999999\\)`));
  });

  it('years before 100 are those years, and a fractional --since never takes an earlier second', () => {
    const early = kstatJson(['--since', '0050-06-01', '--until', '2024-01-01', MLX5_CORE], { cwd: repo });
    expect(early.window.since).toBe('0050-06-01T00:00:00Z');
    const at = git(repo, ['log', '-1', '--format=%ct', '--', MLX5_CORE]).trim();
    const iso = new Date(Number(at) * 1000).toISOString().replace('.000Z', '.5Z');
    const r = kstatJson(['--since', iso, MLX5_CORE], { cwd: repo });
    expect(r.commits).toBe(oracleSignals({ repo, rev: 'HEAD', path: MLX5_CORE, since: Number(at) + 1, until: Date.parse(r.window.until) / 1000 }).commits);
    expect(r.commits).toBe(0);
  });
});
