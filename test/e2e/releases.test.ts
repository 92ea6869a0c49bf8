// Releases, end to end (docs/signals.md "Releases"): on a fixture with annotated, lightweight,
// rc and unreachable tags, each path's `releases` equals what plain git says tag by tag
// (`git tag --merged`, `git rev-parse TAG:PATH`) read with a version sort written here.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import { REL_PATHS, releases } from '../../fixtures/recipes/releases.js';
import { hermeticGitEnv } from '../../fixtures/git-env.js';
import { EXIT } from '../../src/errors.js';
import { pathIds } from '../../src/git/releases.js';
import type { PathReport } from '../../src/types.js';
import { expectFailure, kstat, kstatJson, parseJson } from '../helpers/cli.js';
import { fixtureRepo, git, removeTempDirs, tempDir } from '../helpers/repos.js';
import { tangledHistory } from '../helpers/tangled.js';

const PATHS = [...Object.values(REL_PATHS).filter((p) => p !== REL_PATHS.side), 'drivers', '.'];
/** The default pattern, written out again: releases are `v1.2`, `1.2.3`, never `v1.2-rc1`. */
const DEFAULT = /^v?[0-9]+(\.[0-9]+)+$/;

let repo: string;
beforeAll(() => {
  repo = fixtureRepo(releases);
});
afterAll(removeTempDirs);

/** `v1.10` after `v1.9`: numbers compared as numbers, a shorter list first when one is a prefix. */
function byVersion(a: string, b: string): number {
  const nums = (t: string): number[] => t.replace(/^v/, '').split('.').map(Number);
  const [x, y] = [nums(a), nums(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function tagsOf(rev: string, pattern: RegExp): string[] {
  return git(repo, ['tag', '--merged', rev]).split('\n').filter((t) => t !== '' && pattern.test(t)).sort(byVersion);
}

/** The path's object id in the tag's tree, or null: one git process per question. */
function idAt(tag: string, path: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', `${tag}:${path === '.' ? '' : path}`], { cwd: repo, env: hermeticGitEnv(), encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function expected(path: string, tags: string[], n: number): PathReport['releases'] {
  if (tags.length === 0) return null;
  const ids = tags.map((t) => idAt(t, path));
  const changedIn = tags.filter((_, i) => ids[i] !== (i === 0 ? null : ids[i - 1]));
  const counted = tags.slice(-n);
  return {
    considered: counted.length,
    changed: changedIn.filter((t) => counted.includes(t)).length,
    first: tags.find((_, i) => ids[i] !== null) ?? null,
    last: changedIn.at(-1) ?? null,
    oldest: counted[0]!,
    newest: tags.at(-1)!,
  };
}

const many = (args: string[]): PathReport[] => {
  const r = kstat(['--json', ...args], { cwd: repo });
  if (r.code !== 0) throw new Error(r.stderr);
  return parseJson<PathReport[]>(r.stdout);
};

describe('releases', () => {
  it('the fixture has what the figures must tell apart', () => {
    const all = git(repo, ['tag']).split('\n').filter(Boolean);
    expect(all).toEqual(expect.arrayContaining(['v1.2-rc1', 'v1.5.1', 'release-candidate', 'v1.3', 'v1.3.0']));
    // v1.5.1 is on a side branch; v1.3 is lightweight, v1.3.0 annotated, on one commit.
    expect(tagsOf('HEAD', DEFAULT)).not.toContain('v1.5.1');
    expect(git(repo, ['cat-file', '-t', 'v1.3.0']).trim()).toBe('tag');
    expect(git(repo, ['cat-file', '-t', 'v1.3']).trim()).toBe('commit');
    expect(idAt('v1.5', REL_PATHS.reverted)).toBe(idAt('v1.3', REL_PATHS.reverted));
    expect(idAt('v1.4', REL_PATHS.reverted)).not.toBe(idAt('v1.3', REL_PATHS.reverted));
    expect(tagsOf('HEAD', DEFAULT).slice(-3)).toEqual(['v1.9', 'v1.10', 'v1.11']);
    // Before v1.4, the directories above two paths are a file and a symlink; a tree from then on.
    expect(git(repo, ['ls-tree', 'v1.3', '--', 'drivers/morph', 'drivers/link'])).toMatch(/^100644 blob \S+\tdrivers\/morph\n120000 blob \S+\tdrivers\/link\n$|^120000 blob \S+\tdrivers\/link\n100644 blob \S+\tdrivers\/morph\n$/);
    expect(idAt('v1.3', REL_PATHS.morph)).toBeNull();
    expect(idAt('v1.4', REL_PATHS.linked)).not.toBeNull();
  });

  it('every path, in one run, equals git tag by tag (the default 20 releases)', () => {
    const tags = tagsOf('HEAD', DEFAULT);
    const got = many(PATHS);
    expect(got.map((r) => [r.path, r.releases])).toEqual(PATHS.map((p) => [p, expected(p, tags, 20)]));
    expect(got.every((r) => r.notes.every((n) => !n.includes('release')))).toBe(true);
  });

  it.each([1, 3, 5])('--releases %i counts that many of the newest', (n) => {
    const tags = tagsOf('HEAD', DEFAULT);
    expect(many(['--releases', String(n), ...PATHS]).map((r) => r.releases)).toEqual(PATHS.map((p) => expected(p, tags, n)));
  });

  it('a path alone gets what it gets among others', () => {
    const tags = tagsOf('HEAD', DEFAULT);
    for (const p of [REL_PATHS.reverted, REL_PATHS.odd, REL_PATHS.blip]) expect(kstatJson(['--', p], { cwd: repo }).releases).toEqual(expected(p, tags, 20));
  });

  it('--release-tags picks other tags; a revision on the side branch reaches its own', () => {
    const rc = /^v1\.[0-9]+-rc[0-9]+$/;
    const rcTags = tagsOf('HEAD', rc);
    expect(rcTags).toEqual(['v1.2-rc1', 'v1.4-rc1']);
    expect(many(['--release-tags', rc.source, ...PATHS]).map((r) => r.releases)).toEqual(PATHS.map((p) => expected(p, rcTags, 20)));
    const side = tagsOf('side', DEFAULT);
    expect(side).toContain('v1.5.1');
    const paths = [REL_PATHS.side, REL_PATHS.reverted];
    expect(many(['--rev', 'side', ...paths]).map((r) => r.releases)).toEqual(paths.map((p) => expected(p, side, 20)));
  });

  it('tags that all miss --release-tags: releases is null, a note names the pattern, and the block has no releases line', () => {
    const r = kstatJson(['--release-tags', '^nothing$', REL_PATHS.steady], { cwd: repo });
    expect(r.releases).toBeNull();
    expect(r.notes.filter((n) => n.includes('release'))).toEqual(['no release tag in HEAD matches --release-tags ^nothing$']);
    const text = kstat(['--release-tags', '^nothing$', REL_PATHS.steady], { cwd: repo }).stdout;
    expect(text).not.toContain('changed in');
    expect(text.trimEnd().split('\n').at(-1)).toBe('note: no release tag in HEAD matches --release-tags ^nothing$');
  });

  it('a history without any tag has no releases and nothing to note', () => {
    const bare = fixtureRepo(mlx5VdpaCore);
    expect(git(bare, ['tag'])).toBe('');
    const r = kstatJson(['drivers/vdpa/mlx5/core'], { cwd: bare });
    expect(r.releases).toBeNull();
    expect(r.notes.filter((n) => n.includes('release'))).toEqual([]);
  });

  it('a bad --release-tags or --releases is a usage error on one line', () => {
    expectFailure(kstat(['--release-tags', '(v', REL_PATHS.steady], { cwd: repo }), EXIT.usage, /^kstat: --release-tags "\(v": not a regular expression \(.*\); give one over tag names, e\.g\. \^v\[0-9\]\+\\\.\[0-9\]\+\$\n$/);
    expectFailure(kstat(['--releases', '0', REL_PATHS.steady], { cwd: repo }), EXIT.usage, 'kstat: --releases "0": give a whole number of releases from 1 to 10000\n');
  });
});

describe('a path below a submodule', () => {
  const commit = (dir: string, message: string): void => {
    const who = { NAME: 'Dev', EMAIL: 'dev@example.org', DATE: '2024-01-01T00:00:00Z' };
    const env = Object.fromEntries(['AUTHOR', 'COMMITTER'].flatMap((role) => Object.entries(who).map(([k, v]) => [`GIT_${role}_${k}`, v])));
    execFileSync('git', ['commit', '-q', '-m', message], { cwd: dir, env: hermeticGitEnv(env), stdio: 'ignore' });
  };
  it("is in no release, even where the submodule's commit is one of the repository's own: git never looks into it", async () => {
    const dir = tempDir();
    git(dir, ['init', '-q']);
    writeFileSync(join(dir, 'x.c'), 'x\n');
    git(dir, ['add', 'x.c']);
    commit(dir, 'root');
    const root = git(dir, ['rev-parse', 'HEAD']).trim();
    // A submodule entry pointing at the root commit, whose tree holds x.c.
    git(dir, ['update-index', '--add', '--cacheinfo', `160000,${root},drivers/sub`]);
    commit(dir, 'sub');
    git(dir, ['tag', 'v1.0']);
    const tag = git(dir, ['rev-parse', 'v1.0']).trim();
    expect(git(dir, ['rev-parse', `${root}:x.c`]).trim()).toMatch(/^[0-9a-f]{40}$/);
    const ids = await pathIds({ cwd: dir }, [{ name: 'v1.0', oid: tag }], ['drivers/sub/x.c', 'drivers/sub']);
    expect(ids[0]).toEqual([null]);
    // The submodule entry itself names its commit, as `git rev-parse v1.0:drivers/sub` does.
    expect(ids[1]).toEqual([git(dir, ['rev-parse', 'v1.0:drivers/sub']).trim()]);
  });
});

describe('releases where dates lie', () => {
  it("a tag dated after commits that reach it is reached: git's walk decides, as the index does, not for-each-ref --merged's dates", () => {
    // Every topic tip of a history with clocks days slow, and every merge, tagged as a release
    // (the index places merges apart from the commits it reads).
    const { repo: tangled } = tangledHistory(1);
    const at = (args: string[]): string => git(tangled, args).trim();
    const merges = at(['rev-list', '--merges', 'main']).split('\n').map((oid, i): [string, string] => [`m${i}`, oid]);
    const tips = [...at(['for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads/t*']).split('\n').map((l) => l.split(' ') as [string, string]), ...merges];
    for (const [name, oid] of tips) git(tangled, ['tag', `v9.${name.slice(1)}${name.startsWith('m') ? '.1' : ''}`, oid]);
    const reachable = new Set(at(['rev-list', 'main']).split('\n'));
    const reached = tips.filter(([, oid]) => reachable.has(oid));
    // Some reached tips are dated after main's tip, which reaches them.
    const tipDate = Number(at(['log', '-1', '--format=%ct', 'main']));
    expect(reached.filter(([, oid]) => Number(at(['log', '-1', '--format=%ct', oid])) > tipDate).length).toBeGreaterThan(0);
    const considered = (args: string[]): number | undefined => {
      const r = kstat(['--json', '--releases', '1000', ...args, '.'], { cwd: tangled });
      expect(r.code, r.stderr).toBe(0);
      return parseJson<PathReport>(r.stdout).releases?.considered;
    };
    expect(considered(['--no-index'])).toBe(reached.length);
    const dir = tempDir('kstat-releases-index-');
    expect(kstat(['index', '--index-dir', dir], { cwd: tangled }).code).toBe(0);
    expect(considered(['--index-dir', dir])).toBe(reached.length);
  });
});

describe('releases in the text, table, CSV, sort and check', () => {
  it('the block says how many of the last releases changed the path, within 80 columns', () => {
    const tags = tagsOf('HEAD', DEFAULT);
    const e = expected(REL_PATHS.added, tags, 20)!;
    const out = kstat(['--width', '80', REL_PATHS.added], { cwd: repo }).stdout.split('\n');
    expect(out).toContain(`changed in ${e.changed} of ${e.considered} releases (${e.oldest} → ${e.newest}); first ${e.first}, last change ${e.last}`);
    expect(out.every((l) => l.length <= 80)).toBe(true);
    const never = kstat(['--release-tags', '^v1\\.[01]$', REL_PATHS.added], { cwd: repo }).stdout;
    expect(never).toContain('changed in 0 of 2 releases (v1.0 → v1.1); in no release');
    expect(kstat(['--release-tags', '^v1\\.0$', REL_PATHS.steady], { cwd: repo }).stdout).toContain('changed in 1 of the only release counted (v1.0); first v1.0, last change v1.0');
  });

  it('the table shows rel. as changed/considered; CSV has the four columns; --sort releases_changed orders by them', () => {
    const reports = many(PATHS);
    const table = kstat(['--sort', 'releases_changed', '--', ...PATHS], { cwd: repo }).stdout.split('\n');
    expect(table[0]).toMatch(/ rel\.$/);
    const byChanged = [...reports].sort((a, b) => b.releases!.changed - a.releases!.changed || (a.path < b.path ? -1 : 1));
    const rows = table.slice(2, 2 + reports.length);
    expect(rows.map((row) => row.split(/ {2,}/)[0])).toEqual(byChanged.map((r) => r.path.replace('\n', '\\n')));
    rows.forEach((row, i) => expect(row).toMatch(new RegExp(` ${byChanged[i]!.releases!.changed}/${byChanged[i]!.releases!.considered}$`)));
    const csv = kstat(['--csv', REL_PATHS.gone, REL_PATHS.steady], { cwd: repo }).stdout.trimEnd().split('\n');
    const head = csv[0]!.split(',');
    expect(head.slice(-4)).toEqual(['releases_changed', 'releases_considered', 'first_release', 'last_release']);
    const gone = reports.find((r) => r.path === REL_PATHS.gone)!.releases!;
    expect(csv[1]!.split(',').slice(-4)).toEqual([String(gone.changed), String(gone.considered), gone.first, gone.last]);
  });

  it('--min-releases-changed holds for paths changed in at least N; without release tags it breaks (no figure)', () => {
    const reports = many(PATHS.filter((p) => p !== REL_PATHS.odd));
    const low = reports.filter((r) => r.releases!.changed < 3).map((r) => r.path);
    expect(low.length).toBeGreaterThan(0);
    const r = kstat(['check', '--json', '--min-releases-changed', '3', ...reports.map((x) => x.path)], { cwd: repo });
    expect(r.code).toBe(EXIT.checkFailed);
    const verdicts = (JSON.parse(r.stdout) as { paths: Array<{ path: string; status: string }> }).paths;
    expect(verdicts.filter((v) => v.status === 'fail').map((v) => v.path).sort()).toEqual(low.sort());
    const none = kstat(['check', '--json', '--release-tags', '^nothing$', '--min-releases-changed', '0', REL_PATHS.steady], { cwd: repo });
    expect(none.code).toBe(EXIT.checkFailed);
  });
});
