// Bad input: one line on stderr naming the problem and the fix, a distinct exit code,
// nothing on stdout, never a stack trace.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MLX5_CORE, mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import { EXIT } from '../../src/errors.js';
import { expectFailure, kstat } from '../helpers/cli.js';
import { fixtureRepo, git, removeTempDirs, tempDir } from '../helpers/repos.js';

let repo: string;
beforeAll(() => {
  repo = fixtureRepo(mlx5VdpaCore);
});
afterAll(removeTempDirs);

function expectError(args: string[], code: number, message: RegExp, cwd = repo): void {
  expectFailure(kstat(args, { cwd }), code, message);
}

describe('usage errors exit 2', () => {
  it.each([
    [['--since', 'yesterday', MLX5_CORE], /--since "yesterday": not a date; use an ISO 8601 date/],
    [['--until', '2026-02-30', MLX5_CORE], /--until "2026-02-30": no such date/],
    [['--since', '2026-01-01T25:00', MLX5_CORE], /no such date or time/],
    [['--since', '2026-01-01', '--until', '2025-01-01', MLX5_CORE], /the window is empty: since 2026-01-01T00:00:00Z is after until 2025-01-01T00:00:00Z/],
    [['--years', '0', MLX5_CORE], /--years "0": give a whole number of years from 1 to 100/],
    [['--years', '-3', MLX5_CORE], /--years "-3": give a whole number/],
    [['--years', '2.5', MLX5_CORE], /--years "2.5"/],
    [['--years', '1000', MLX5_CORE], /from 1 to 100/],
    [['--years', '5', '--since', '2020-01-01', MLX5_CORE], /cannot be used with|both set/],
    [['--json', '--ndjson', MLX5_CORE], /cannot be used with/],
    [['--frobnicate', MLX5_CORE], /unknown option '--frobnicate'/],
    [['--jsn', MLX5_CORE], /unknown option '--jsn' \(Did you mean --json\?\) \(see kstat --help\)/],
    [[], /no path given: name a directory or file, e.g. kstat drivers\/vdpa\/mlx5\/core, or use --each DIR or --paths-from FILE/],
    [['/etc'], /"\/etc" is outside the repository: name a path inside it, relative to the current directory/],
    [['../x'], /"..\/x" leaves the repository/],
    [['drivers/vdpa/mlx5/cor'], /path not found: "drivers\/vdpa\/mlx5\/cor" is not in HEAD and no commit reachable from it touches it \(did you mean "drivers\/vdpa\/mlx5\/core"\?\)$/m],
    [['drivers/vdpa/mlx6/core'], /\(did you mean "drivers\/vdpa\/mlx5\/core"\?\)$/m],
    [['drivers/vdpa/mlx5/zzzzzzzzz'], /\("drivers\/vdpa\/mlx5" is the nearest directory that exists\)$/m],
    [['zzzzzzzzz/core'], /\(paths are relative to the repository top\)$/m],
    [[MLX5_CORE, 'Drivers/vdpa'], /path not found: "Drivers\/vdpa" .*\(did you mean "drivers\/vdpa"\?\)$/m],
  ])('%j', (args, message) => expectError(args, EXIT.usage, message));
});

describe('repository and revision errors', () => {
  it('not a repository: exit 3', () => {
    const dir = tempDir();
    expectError([MLX5_CORE], EXIT.notARepository, /not a git repository: .* \(run kstat inside a clone of linux.git, or pass -C DIR\)/, dir);
    expectError(['-C', join(dir, 'nope'), MLX5_CORE], EXIT.notARepository, /no such directory: .*nope/);
  });

  it('an empty repository: exit 3', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'r'));
    git(join(dir, 'r'), ['init', '-q', '-b', 'main']);
    expectError([MLX5_CORE], EXIT.notARepository, /the repository has no commits yet/, join(dir, 'r'));
  });

  it('an unknown revision, or one that looks like an option: exit 4', () => {
    expectError(['--rev', 'v99.0', MLX5_CORE], EXIT.badRevision, /unknown revision "v99.0": not a commit/);
    expectError(['--rev', '--output=/tmp/kstat-x', MLX5_CORE], EXIT.badRevision, /unknown revision "--output=\/tmp\/kstat-x"/);
    // A tree is not a commit.
    expectError(['--rev', 'HEAD^{tree}', MLX5_CORE], EXIT.badRevision, /unknown revision/);
    // git quotes the revision back; words in it are not a damaged or partial repository.
    const oid = '0123456789abcdef0123456789abcdef01234567';
    for (const rev of [oid, `unable to read ${oid}`, `could not fetch ${oid} from promisor remote`]) {
      expectError(['--rev', rev, MLX5_CORE], EXIT.badRevision, /unknown revision/);
    }
  });
});

describe('help and version', () => {
  it('every exit code is in the README table and in --help, and no other', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = [...readme.slice(readme.indexOf('## Exit codes')).matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    const codes = Object.values(EXIT).sort((a, b) => a - b);
    expect(table).toEqual(codes);
    const help = kstat(['--help'], { cwd: repo }).stdout;
    const listed = help.slice(help.indexOf('Exit codes:'));
    for (const code of codes) expect(listed).toMatch(new RegExp(`\\b${code} \\w`));
  });

  it('--help shows usage, every option and examples, exit 0', () => {
    const r = kstat(['--help'], { cwd: repo });
    expect(r.code).toBe(0);
    for (const flag of ['-C, --repo', '--rev', '--years', '--since', '--until', '--each', '--depth', '--paths-from', '--format', '--json', '--ndjson', '--csv', '--table', '--sort', '--order', '--width', '--limit', '--jobs', '--strategy', '--quiet', '--no-color', '--version', 'prepare', 'Examples:', 'Exit codes:']) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('--version prints the package version', () => {
    const r = kstat(['--version'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
