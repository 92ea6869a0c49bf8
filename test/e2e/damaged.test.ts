// Repositories with objects kstat cannot read: a partial clone (never fetched from, never
// written to, never hanging), and missing or corrupt objects. Each is one clear line and its
// own exit code, never a silently smaller figure.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/build.js';
import { edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { EXIT } from '../../src/errors.js';
import { isFailure, type PathReport, type PathResult } from '../../src/types.js';
import { expectFailure, kstat, parseJson } from '../helpers/cli.js';
import { commitLooseLine, fixtureRepo, git, looseObject, removeTempDirs, snapshot, tempDir } from '../helpers/repos.js';

let source: string;
beforeAll(() => {
  source = fixtureRepo(edgeCases);
  git(source, ['config', 'uploadpack.allowFilter', 'true']);
});
afterAll(removeTempDirs);

function partialClone(filter: string, opts: { bare: boolean } = { bare: true }): string {
  const dir = join(tempDir('kstat-partial-'), opts.bare ? 'clone.git' : 'clone');
  execFileSync('git', ['clone', '-q', ...(opts.bare ? ['--bare'] : []), `--filter=${filter}`, `file://${source}`, dir], { env: hermeticGitEnv(), stdio: 'pipe' });
  return dir;
}

/** The objects a partial clone lacks. */
function missingObjects(clone: string): Set<string> {
  const out = git(clone, ['rev-list', '--objects', '--all', '--missing=print']);
  return new Set(out.split('\n').filter((l) => l.startsWith('?')).map((l) => l.slice(1)));
}

describe('a partial clone', () => {
  const PARTIAL = /^kstat: object ([0-9a-f]{40}) is not in this partial clone, and kstat never fetches: make a full clone/;
  const named = (r: { stderr: string }): string => PARTIAL.exec(r.stderr)![1]!;

  it('without blobs: each reader stops at the first missing object, names it, fetches nothing, writes nothing', () => {
    const clone = partialClone('blob:none');
    const missing = missingObjects(clone);
    expect(missing.size).toBeGreaterThan(0);
    const before = snapshot(clone);
    const run = (args: string[]) => {
      const r = kstat(['-C', clone, ...args], { cwd: clone });
      expectFailure(r, EXIT.partialClone, PARTIAL);
      expect(missing).toContain(named(r));
      return named(r);
    };
    // A bare clone's mailmap is HEAD:.mailmap, read first: without it authors would be wrong.
    expect(run(['drivers'])).toBe(git(clone, ['rev-parse', 'HEAD:.mailmap']).trim());
    expect(snapshot(clone)).toEqual(before);
    git(clone, ['config', 'mailmap.blob', 'refs/heads/no-such-branch:.mailmap']);
    const configured = snapshot(clone);
    // The tree reader: a window before every commit leaves it and the build switches' reader of
    // the kbuild files in and above the path (docs/signals.md "Build switches") the only readers of blobs.
    const kbuild = ['', 'drivers', 'drivers/edge', 'drivers/edge/ren'].flatMap((d) => ['Kbuild', 'Makefile'].map((f) => (d ? `${d}/${f}` : f)));
    const headBlobs = new Set(git(clone, ['ls-tree', '-r', '--object-only', 'HEAD', '--', 'drivers/edge/ren', ...kbuild]).split('\n'));
    expect(headBlobs).toContain(run(['--since', '1999-01-01', '--until', '2000-01-01', 'drivers/edge/ren']));
    // The windowed walk's --numstat.
    run(['drivers']);
    // Shared walks and --each: each path that needs a missing object fails in its place.
    for (const args of [['drivers/edge/ren', 'drivers/outside'], ['--each', 'drivers']]) {
      const r = kstat(['--json', '-C', clone, ...args], { cwd: clone });
      expect(r.code).toBe(EXIT.somePathsFailed);
      const results = parseJson<PathResult[]>(r.stdout);
      for (const x of results) {
        expect(isFailure(x) && x.error.code).toBe('partial-clone');
        if (isFailure(x)) expect(missing).toContain(/object ([0-9a-f]{40}) is not in this partial clone/.exec(x.error.message)![1]);
      }
    }
    expect(snapshot(clone)).toEqual(configured);
    // The source is still there: a lazy fetch would have succeeded had kstat allowed it.
    expect(git(clone, ['cat-file', '-p', `HEAD:drivers/edge/ren/b.c`]).length).toBeGreaterThan(0);
  });

  it('with a work tree (blobs of HEAD fetched at checkout): history\'s blobs are missing', () => {
    const clone = partialClone('blob:none', { bare: false });
    const r = kstat(['drivers/edge/ren'], { cwd: clone });
    expectFailure(r, EXIT.partialClone, PARTIAL);
    expect(missingObjects(clone)).toContain(named(r));
  });

  it('without trees: the same error', () => {
    const clone = partialClone('tree:0');
    const r = kstat(['-C', clone, 'drivers/edge'], { cwd: clone });
    expectFailure(r, EXIT.partialClone, /object [0-9a-f]{40} is not in this partial clone/);
  });

  it('holding every object it needs gives the full clone\'s figures', () => {
    const clone = partialClone('blob:limit=1m');
    const full = kstat(['--json', '-C', source, 'drivers'], { cwd: source });
    const partial = kstat(['--json', '-C', clone, 'drivers'], { cwd: clone });
    expect(partial.code).toBe(0);
    expect(parseJson<PathReport>(partial.stdout).commits).toBe(parseJson<PathReport>(full.stdout).commits);
    expect({ ...parseJson<PathReport>(partial.stdout), mailmap: null }).toEqual({ ...parseJson<PathReport>(full.stdout), mailmap: null });
  });
});

describe('a damaged repository', () => {
  /** A copy of the fixture with one more commit whose objects are loose, so one can be broken. */
  function withLooseCommit(): { repo: string; blob: string; tree: string } {
    const repo = join(tempDir('kstat-damaged-'), 'repo');
    execFileSync('git', ['clone', '-q', source, repo], { env: hermeticGitEnv(), stdio: 'pipe' });
    const blob = commitLooseLine(repo);
    return { repo, blob, tree: git(repo, ['rev-parse', 'HEAD:drivers/edge/ren']).trim() };
  }
  const corrupt = (repo: string, oid: string): void => {
    chmodSync(looseObject(repo, oid), 0o644);
    writeFileSync(looseObject(repo, oid), 'not a zlib stream');
  };

  it('a corrupt blob: a clear error naming it, exit 9', () => {
    const { repo, blob } = withLooseCommit();
    corrupt(repo, blob);
    // With other paths, the path fails in its place (per-path-failures.test.ts).
    const r = kstat(['drivers/edge/ren'], { cwd: repo });
    expectFailure(r, EXIT.damaged, new RegExp(`^kstat: damaged repository: object ${blob} cannot be read \\(.+\\): run git fsck`));
  });

  it('a missing blob: exit 9', () => {
    const { repo, blob } = withLooseCommit();
    rmSync(looseObject(repo, blob));
    expectFailure(kstat(['drivers/edge/ren'], { cwd: repo }), EXIT.damaged, new RegExp(`damaged repository: object ${blob} cannot be read`));
  });

  it('a corrupt tree: exit 9', () => {
    const { repo, tree } = withLooseCommit();
    corrupt(repo, tree);
    expectFailure(kstat(['drivers/edge'], { cwd: repo }), EXIT.damaged, new RegExp(`damaged repository: object ${tree} cannot be read`));
  });

  it('objects outside what is read do not matter', () => {
    const { repo, blob } = withLooseCommit();
    corrupt(repo, blob);
    const r = kstat(['--json', 'drivers/outside'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(readFileSync(looseObject(repo, blob), 'utf8')).toBe('not a zlib stream');
  });
});
