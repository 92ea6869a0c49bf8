// Bad input: one line on stderr naming the problem and the fix, a distinct exit code,
// nothing on stdout, never a stack trace.
import { appendFileSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MLX5_CORE, mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import { EXIT } from '../../src/errors.js';
import { expectFailure, kstat, kstatJson } from '../helpers/cli.js';
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
    [['--since', '2026-01-01', '--until', '2025-01-01', MLX5_CORE], /the window is empty: since 2026-01-01T00:00:00Z is after until 2025-01-01T23:59:59Z/],
    [['--years', '0', MLX5_CORE], /--years "0": give a whole number of years from 1 to 100/],
    [['--years', '-3', MLX5_CORE], /--years "-3": give a whole number/],
    [['--years', '2.5', MLX5_CORE], /--years "2.5"/],
    [['--years', '1000', MLX5_CORE], /from 1 to 100/],
    [['--years', '5', '--since', '2020-01-01', MLX5_CORE], /cannot be used with|both set/],
    [['--json', '--ndjson', MLX5_CORE], /cannot be used with/],
    [['--frobnicate', MLX5_CORE], /unknown option '--frobnicate'/],
    [['--jsn', MLX5_CORE], /unknown option '--jsn' \(Did you mean --json\?\) \(see kstat --help\)/],
    [[], /no path given: name a directory or file, e.g. kstat drivers\/vdpa\/mlx5\/core, or use --each DIR, --paths-from FILE or --section NAME/],
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

describe('--rev names one commit', () => {
  it.each([
    ['vdpa-next..main', 'is a range'],
    ['main...vdpa-next', 'is a range'],
    ['main..vdpa-next', 'is a range'],
    ['vdpa-next..', 'is a range'],
    ['^vdpa-next', 'is a range'],
    ['main^!', 'is a range'],
    ['main^-', 'is a range'],
    ['main^-1', 'is a range'],
    ['main^@', 'names a set of commits'],
  ])('%j %s: exit 4', (rev, what) => {
    const message = `kstat: --rev ${JSON.stringify(rev)} ${what}: --rev names one commit (a branch, tag or commit id, e.g. v6.9)\n`;
    expectFailure(kstat(['--rev', rev, MLX5_CORE], { cwd: repo }), EXIT.badRevision, message);
  });

  it.each(['main', 'main~3', 'main^0', 'vdpa-next^{commit}', ':/vdpa/mlx5: rework'])('%j is the commit git names', (rev) => {
    const sha = git(repo, ['rev-parse', '--verify', '--end-of-options', rev]).trim();
    expect(kstatJson(['--rev', rev, MLX5_CORE], { cwd: repo }).revision).toMatchObject({ name: rev, sha });
  });
});

describe('git configuration errors exit 11, in git\'s words', () => {
  const tiny = {
    name: 'config-errors',
    description: 'two commits, for a repository configuration git refuses',
    head: 'main',
    commits: ['2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'].map((date, i) => ({
      branch: 'main',
      author: { name: 'A', email: 'a@example.org' },
      authorDate: date,
      message: `c${i}\n`,
      ops: [{ op: 'write' as const, path: 'd/f.c', content: `${i}\n` }],
    })),
  };
  const fix = ' \\(fix the setting git names, e.g. git config --unset KEY\\)\n$';
  const expectConfigError = (args: string[], cwd: string, words: string, env?: Record<string, string>): void =>
    expectFailure(kstat(args, { cwd, env }), EXIT.gitConfig, new RegExp(`^kstat: git configuration error: ${words}${fix}`));

  it.each([
    [['diff.renameLimit', 'abc'], "bad numeric config value 'abc' for 'diff.renamelimit': invalid unit"],
    [['log.date', 'bogus'], 'unknown date format bogus'],
    [['diff.algorithm', 'bogus'], "bad config variable 'diff.algorithm' in file '.git/config' at line \\d+"],
    // git's reason, then the setting it names.
    [['core.abbrev', '2'], "abbrev length out of range: 2; bad config variable 'core.abbrev' in file '.git/config' at line \\d+"],
  ])('git config %j', (setting, words) => {
    const dir = fixtureRepo(tiny);
    git(dir, ['config', ...setting]);
    expectConfigError(['d'], dir, words);
    // Several paths, and --each, meet it too.
    expectConfigError(['--table', 'd', 'd/f.c'], dir, words);
  });

  it('an unknown repository extension', () => {
    const dir = fixtureRepo(tiny);
    git(dir, ['config', 'core.repositoryformatversion', '1']);
    git(dir, ['config', 'extensions.foo', 'bar']);
    expectConfigError(['d'], dir, 'unknown repository extension found: foo');
    // prepare says what it is about to do first; its error is the same.
    const prepare = kstat(['prepare'], { cwd: dir });
    expect(prepare.code).toBe(EXIT.gitConfig);
    expect(prepare.stderr.split('\n').at(-2)).toMatch(/^kstat: git configuration error: unknown repository extension found: foo \(/);
  });

  it('a broken config line', () => {
    const dir = fixtureRepo(tiny);
    appendFileSync(join(dir, '.git/config'), '[core\n');
    expectConfigError(['d'], dir, 'bad config line \\d+ in file .git/config');
    expectConfigError(['-C', dir, '--rev', 'main', 'd'], tempDir(), 'bad config line \\d+ in file .git/config');
  });

  it('a bad value from the environment\'s configuration', () => {
    const dir = fixtureRepo(tiny);
    const env = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'diff.renameLimit', GIT_CONFIG_VALUE_0: 'abc' };
    expectConfigError(['d'], dir, "bad numeric config value 'abc' for 'diff.renamelimit'.*", env);
  });
});

describe('directories as the user typed them', () => {
  it('-C through a symlink is named as given, not as its target', () => {
    const dir = tempDir();
    symlinkSync(repo, join(dir, 'linux'));
    const r = kstat(['-C', './linux', '--rev', 'v99.0', MLX5_CORE], { cwd: dir });
    expectFailure(r, EXIT.badRevision, 'kstat: unknown revision "v99.0": not a commit in ./linux (try a branch, tag or commit id, e.g. --rev v6.9)\n');
    expect(r.stderr).not.toContain(realpathSync(repo));
    mkdirSync(join(dir, 'empty'));
    git(join(dir, 'empty'), ['init', '-q', '-b', 'main']);
    symlinkSync(join(dir, 'empty'), join(dir, 'fresh'));
    expectFailure(kstat(['-C', 'fresh', MLX5_CORE], { cwd: dir }), EXIT.notARepository, /^kstat: the repository has no commits yet: fresh \(/);
  });
});

describe('help and version', () => {
  it('kstat help and kstat help prepare print the help, exit 0', () => {
    const help = kstat(['help'], { cwd: repo });
    expect([help.code, help.stdout, help.stderr]).toEqual([0, kstat(['--help'], { cwd: repo }).stdout, '']);
    const prepare = kstat(['help', 'prepare'], { cwd: repo });
    expect([prepare.code, prepare.stdout, prepare.stderr]).toEqual([0, kstat(['prepare', '--help'], { cwd: repo }).stdout, '']);
    expect(prepare.stdout).toMatch(/^Usage: kstat prepare/);
    expectFailure(kstat(['help', 'nope'], { cwd: repo }), EXIT.usage, 'kstat: no command "nope": kstat\'s commands are check, prepare, index, schema and help (see kstat --help)\n');
    // A path named help is still reachable, as ./help.
    expectFailure(kstat(['./help'], { cwd: repo }), EXIT.usage, /^kstat: path not found: "help"/);
  });

  it('--help shows no empty defaults', () => {
    expect(kstat(['--help'], { cwd: repo }).stdout).not.toContain('(default: [])');
  });

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
    for (const flag of ['-C, --repo', '--rev', '--years', '--since', '--until', '--each', '--depth', '--paths-from', '--format', '--json', '--ndjson', '--csv', '--table', '--sort', '--order', '--width', '--release-tags', '--releases', '--limit', '--jobs', '--strategy', '--quiet', '--no-color', '--index-dir', '--no-index', '--version', 'prepare', 'index', 'Examples:', 'Exit codes:']) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('--version prints the package version', () => {
    const r = kstat(['--version'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
