// `kstat index`: builds the index outside the repository, which stays
// byte-identical; --status says what it holds; --drop removes it.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { kstat } from '../helpers/cli.js';
import { fixtureRepo, git, removeTempDirs, snapshot, tempDir } from '../helpers/repos.js';

afterAll(removeTempDirs);

describe('kstat index', () => {
  it('builds, reports and drops the index in --index-dir, and leaves the repository as it was', () => {
    const repo = fixtureRepo(edgeCases);
    const dir = join(tempDir('kstat-index-'), 'cache');
    const before = snapshot(repo);
    const built = kstat(['index', '--index-dir', dir], { cwd: repo });
    expect([built.code, built.stdout]).toEqual([0, '']);
    expect(built.stderr).toMatch(/^kstat index: [0-9a-f]{12} in [\d.]+ s: .*\.sqlite\n$/);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(snapshot(repo)).toEqual(before);
    const status = kstat(['index', '--status', '--index-dir', dir], { cwd: repo });
    const count = git(repo, ['rev-list', '--no-merges', '--count', 'HEAD']).trim();
    expect(status.stdout).toBe(`${join(dir, files[0]!)}: ${git(repo, ['rev-parse', 'HEAD']).trim()}, ${count} commits, ${status.stdout.match(/, ([\d.]+ MiB)\n$/)![1]}\n`);
    // From a subdirectory the same repository finds the same index.
    expect(kstat(['index', '--status', '--index-dir', dir], { cwd: join(repo, 'drivers') }).stdout).toBe(status.stdout);
    expect(kstat(['index', '--drop', '--index-dir', dir], { cwd: repo }).code).toBe(0);
    expect(existsSync(join(dir, files[0]!))).toBe(false);
    expect(kstat(['index', '--status', '--index-dir', dir], { cwd: repo }).stdout).toMatch(/: no index\n$/);
  });

  it('--status and --drop together are a usage error', () => {
    const repo = fixtureRepo(edgeCases);
    const r = kstat(['index', '--status', '--drop', '--index-dir', tempDir()], { cwd: repo });
    expect([r.code, r.stderr]).toEqual([2, 'kstat: --status and --drop cannot go together: give one\n']);
  });
});
