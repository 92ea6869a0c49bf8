// `kstat index`: builds the index outside the repository, which stays
// byte-identical; --status says what it holds; --drop removes it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { hermeticGitEnv } from '../../fixtures/git-env.js';
import { EXIT } from '../../src/errors.js';
import { afterAll, describe, expect, it } from 'vitest';
import { edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { kernel } from '../../fixtures/recipes/kernel.js';
import { KSTAT_BIN, kstat } from '../helpers/cli.js';
import { commitLooseLine, fixtureRepo, git, looseObject, removeTempDirs, snapshot, tempDir } from '../helpers/repos.js';

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

  it('run again, it brings the index up to date (only new commits read); --rebuild reads all of history again', () => {
    const repo = fixtureRepo(edgeCases);
    const dir = tempDir('kstat-index-');
    expect(kstat(['index', '--index-dir', dir], { cwd: repo }).code).toBe(0);
    const again = kstat(['index', '--index-dir', dir], { cwd: repo });
    expect([again.code, again.stderr]).toEqual([0, expect.stringMatching(/^kstat index: [0-9a-f]{12} in [\d.]+ s \(no commit to add\): .*\.sqlite\n$/)]);
    commitLooseLine(repo, 'one more');
    const updated = kstat(['index', '--index-dir', dir], { cwd: repo });
    expect(updated.stderr).toMatch(/ s \(1 commit added\): /);
    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    expect(kstat(['index', '--status', '--index-dir', dir], { cwd: repo }).stdout).toContain(`: ${head}, `);
    // A run reads it as it is: nothing left to add.
    const run = kstat(['--json', '--index-dir', dir, 'drivers/edge'], { cwd: repo });
    expect(run.stderr).toMatch(/^kstat: history from the index \S+\.sqlite\n$/);
    expect(run.stdout).toBe(kstat(['--json', '--no-index', 'drivers/edge'], { cwd: repo }).stdout);
    const rebuilt = kstat(['index', '--rebuild', '--index-dir', dir], { cwd: repo });
    expect(rebuilt.stderr).toMatch(/^kstat index: [0-9a-f]{12} in [\d.]+ s: .*\.sqlite\n$/);
    // Settings the index was not built under: kstat index reads all of history again.
    git(repo, ['config', 'diff.algorithm', 'patience']);
    expect(kstat(['index', '--index-dir', dir], { cwd: repo }).stderr).toMatch(/^kstat index: [0-9a-f]{12} in [\d.]+ s: .*\.sqlite\n$/);
    expect(kstat(['--json', '--index-dir', dir, 'drivers/edge'], { cwd: repo }).stderr).toMatch(/^kstat: history from the index /);
  });

  it("a section's liveness kept from an earlier run is used only at the same revision, window end and mailmap", () => {
    const repo = fixtureRepo(kernel);
    const dir = tempDir('kstat-index-');
    expect(kstat(['index', '--index-dir', dir], { cwd: repo }).code).toBe(0);
    const sections = (stdout: string): unknown => (JSON.parse(stdout) as Array<{ sections: unknown }>).map((r) => r.sections);
    const both = (args: string[]): { indexed: string; walked: string } => {
      const indexed = kstat(['--json', '--index-dir', dir, ...args], { cwd: repo });
      expect(indexed.stderr).toMatch(/^kstat: history from the index /);
      return { indexed: indexed.stdout, walked: kstat(['--json', '--no-index', ...args], { cwd: repo }).stdout };
    };
    const each = ['--each', 'drivers', '--depth', '1'];
    const first = both(each);
    expect(first.indexed).toBe(first.walked);
    // Read again from what the first run kept.
    expect(both(each).indexed).toBe(first.walked);
    // Another window end: other sightings.
    const earlier = both(['--until', '2024-06-30', ...each]);
    expect(earlier.indexed).toBe(earlier.walked);
    expect(sections(earlier.indexed)).not.toEqual(sections(first.indexed));
    // The mailmap now makes the silent driver's maintainer out of people who sign off there.
    const mailmap = join(repo, '.mailmap');
    writeFileSync(mailmap, `${readFileSync(mailmap, 'utf8')}${['eve@corp.example', 'carl@contrib.example', 'finn@fixes.example', 'gus@test.example'].map((e) => `Sid Silent <sid@silent.example> <${e}>\n`).join('')}`);
    const mapped = both(each);
    expect(mapped.indexed).toBe(mapped.walked);
    expect(sections(mapped.indexed)).not.toEqual(sections(first.indexed));
  });

  it("what runs keep does not pile up: sections' liveness is kept for the tip's revision and the one before (to carry it), and git's mailmap answers until the mailmap changes", () => {
    const repo = fixtureRepo(kernel);
    const dir = tempDir('kstat-index-');
    expect(kstat(['index', '--index-dir', dir], { cwd: repo }).code).toBe(0);
    const file = join(dir, readdirSync(dir)[0]!);
    const rows = (table: string): number => {
      const db = new (createRequire(import.meta.url)('better-sqlite3'))(file, { readonly: true });
      try {
        return db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
      } finally {
        db.close();
      }
    };
    const run = (): void => expect(kstat(['--json', '--index-dir', dir, '--each', 'drivers', '--depth', '1'], { cwd: repo }).stderr).toMatch(/^kstat: history from the index /);
    run();
    const [sections, people] = [rows('liveness'), rows('contacts')];
    expect(sections).toBeGreaterThan(0);
    expect(people).toBeGreaterThan(0);
    const env = hermeticGitEnv({ GIT_AUTHOR_NAME: 'D', GIT_AUTHOR_EMAIL: 'd@example.org', GIT_COMMITTER_NAME: 'D', GIT_COMMITTER_EMAIL: 'd@example.org', GIT_AUTHOR_DATE: '2026-04-20T00:00:00Z', GIT_COMMITTER_DATE: '2026-04-20T00:00:00Z' });
    for (const n of [1, 2]) {
      execFileSync('git', ['commit', '-q', '--allow-empty', '-m', `tip ${n}`], { cwd: repo, env });
      run();
      expect([rows('liveness'), rows('contacts')]).toEqual([2 * sections, people]);
    }
    // Another mailmap: the answers kept were the old one's, and are asked again.
    const eve = (): string[] => {
      const db = new (createRequire(import.meta.url)('better-sqlite3'))(file, { readonly: true });
      try {
        return db.prepare("SELECT answer FROM contacts WHERE line LIKE '%<eve@corp.example>%'").pluck().all() as string[];
      } finally {
        db.close();
      }
    };
    expect(eve().length).toBeGreaterThan(0);
    expect(eve()).not.toContain('Sid Silent <sid@silent.example>');
    writeFileSync(join(repo, '.mailmap'), 'Sid Silent <sid@silent.example> <eve@corp.example>\n', { flag: 'a' });
    run();
    expect(new Set(eve())).toEqual(new Set(['Sid Silent <sid@silent.example>']));
  });

  it('Ctrl-C while git reads history for a build: exit 130, no index and no temporary file left, and no git still reading', async () => {
    const repo = fixtureRepo(edgeCases);
    const dir = tempDir('kstat-index-');
    // git as it is, except that the build's readers wait first: the build is caught in the middle.
    const shim = tempDir('kstat-git-shim-');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const marks = join(shim, 'readers');
    writeFileSync(
      join(shim, 'git'),
      `#!/bin/sh\ncase " $* " in *" --no-walk=unsorted "*) echo $$ >> '${marks}'; trap 'kill $! 2>/dev/null; exit 143' TERM; sleep 30 & wait $!;; esac\nexec '${real}' "$@"\n`,
      { mode: 0o755 },
    );
    const child = spawn(process.execPath, [KSTAT_BIN, 'index', '--index-dir', dir], { cwd: repo, env: hermeticGitEnv({ PATH: `${shim}:${process.env.PATH}` }) });
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const started = Date.now();
    while (!(existsSync(marks) && readdirSync(dir).some((f) => f.startsWith('.')))) {
      expect(Date.now() - started, 'the build never reached its readers').toBeLessThan(20_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGINT');
    expect(await closed).toBe(EXIT.interrupted);
    expect(readdirSync(dir)).toEqual([]);
    // Every reader the build started was stopped (each would wait 30 s otherwise; dying takes a moment).
    const readers = readFileSync(marks, 'utf8').split('\n').filter(Boolean);
    expect(readers.length).toBeGreaterThan(0);
    // A zombie has stopped too: it waits only for a parent to reap it.
    const running = (pid: string): boolean => {
      try {
        return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    const stopped = Date.now();
    while (readers.some(running) && Date.now() - stopped < 5_000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readers.filter(running)).toEqual([]);
  });

  it('--status and --drop together are a usage error', () => {
    const repo = fixtureRepo(edgeCases);
    const r = kstat(['index', '--status', '--drop', '--index-dir', tempDir()], { cwd: repo });
    expect([r.code, r.stderr]).toEqual([2, 'kstat: --status and --drop cannot go together: give one\n']);
  });

  it('a file it cannot write: exit 7 with the fix, the old index whole and nothing beside it', () => {
    const repo = fixtureRepo(edgeCases);
    const dir = tempDir('kstat-index-');
    expect(kstat(['index', '--index-dir', dir], { cwd: repo }).code).toBe(0);
    const [file] = readdirSync(dir);
    const before = readFileSync(join(dir, file!));
    // The kernel refuses writes past 16 KiB, as a full disk would.
    const r = kstat(['index', '--rebuild', '--index-dir', dir], { cwd: repo, fileLimitKiB: 16 });
    expect(r.code).toBe(EXIT.output);
    expect(r.stderr).toMatch(/^kstat: cannot write the index .*\.sqlite: SQLITE_\w+ \(free space, or give --index-dir a directory you can write\)\n$/);
    expect(readdirSync(dir)).toEqual([file]);
    expect(readFileSync(join(dir, file!)).equals(before)).toBe(true);
  });

  it('an --index-dir it cannot make: exit 7 naming the directory', () => {
    const repo = fixtureRepo(edgeCases);
    const blocker = join(tempDir('kstat-index-'), 'a-file');
    writeFileSync(blocker, '');
    const r = kstat(['index', '--index-dir', join(blocker, 'cache')], { cwd: repo });
    expect([r.code, r.stderr]).toEqual([EXIT.output, `kstat: cannot make the index directory ${join(blocker, 'cache')}: ENOTDIR (give --index-dir a directory you can write)\n`]);
  });

  it('a repository with a blob git cannot read still indexes: runs fail the paths the walked run fails, with the same errors, and give the others the same figures', () => {
    const repo = fixtureRepo(edgeCases);
    rmSync(looseObject(repo, commitLooseLine(repo)));
    const dir = tempDir('kstat-index-');
    expect(kstat(['index', '--index-dir', dir], { cwd: repo }).code).toBe(0);
    // Which of a run's git readers meets the missing blob first varies from run to run, walked or
    // not, and with it the words in parentheses: the rest of each message is compared.
    const reader = (s: string): string => s.replace(/cannot be read \([^)]*\)/g, 'cannot be read (…)');
    for (const args of [['--each', '.', '--depth', '2'], ['--each', 'drivers/edge', '--depth', '1'], ['drivers/edge/ren'], ['drivers/edge/people']]) {
      const walked = kstat(['--json', '--no-index', ...args], { cwd: repo });
      const indexed = kstat(['--json', '--index-dir', dir, ...args], { cwd: repo });
      expect([indexed.code, reader(indexed.stdout), reader(indexed.stderr.replace(/^kstat: history from the index .*\n/, ''))], args.join(' ')).toEqual([walked.code, reader(walked.stdout), reader(walked.stderr)]);
    }
    // Some paths failed, and the others have figures: the comparison above means something.
    expect(kstat(['--json', '--index-dir', dir, '--each', 'drivers/edge', '--depth', '1'], { cwd: repo }).code).toBe(EXIT.somePathsFailed);
    expect(kstat(['--json', '--index-dir', dir, 'drivers/edge/people'], { cwd: repo }).code).toBe(0);
  });

  it('a partial clone without blobs still indexes: the same paths fail with the same code as walked, the named object may differ', () => {
    const source = fixtureRepo(edgeCases);
    git(source, ['config', 'uploadpack.allowFilter', 'true']);
    const clone = join(tempDir('kstat-partial-'), 'clone.git');
    execFileSync('git', ['clone', '-q', '--bare', '--filter=blob:none', `file://${source}`, clone], { env: hermeticGitEnv(), stdio: 'pipe' });
    // Without the mailmap's blob every run would stop at once: no mailmap here.
    git(clone, ['config', 'mailmap.blob', 'refs/heads/no-such-branch:.mailmap']);
    const dir = tempDir('kstat-index-');
    expect(kstat(['-C', clone, 'index', '--index-dir', dir], { cwd: clone }).code).toBe(0);
    // Each failed path names a blob it needs; which one depends on the reader that met it first.
    const objects = (s: string): string => s.replace(/object [0-9a-f]{40} is not/g, 'object X is not');
    for (const args of [['--each', '.', '--depth', '2'], ['--each', 'drivers/edge', '--depth', '1']]) {
      const walked = kstat(['-C', clone, '--json', '--no-index', ...args], { cwd: clone });
      const indexed = kstat(['-C', clone, '--json', '--index-dir', dir, ...args], { cwd: clone });
      expect(indexed.code).toBe(EXIT.somePathsFailed);
      expect([indexed.code, objects(indexed.stdout)], args.join(' ')).toEqual([walked.code, objects(walked.stdout)]);
    }
  });

  it('an index damaged past what opening it checks: exit 12 with the fix, never a figure from half of it', () => {
    const repo = fixtureRepo(kernel);
    const dir = tempDir('kstat-index-');
    expect(kstat(['index', '--index-dir', dir], { cwd: repo }).code).toBe(0);
    const file = join(dir, readdirSync(dir)[0]!);
    const bytes = readFileSync(file);
    // Its header and schema pages whole, a third of its data overwritten.
    bytes.fill(0xab, Math.floor(bytes.length / 2), Math.floor((bytes.length * 5) / 6));
    writeFileSync(file, bytes);
    const r = kstat(['--json', '--index-dir', dir, '--each', '.', '--depth', '2'], { cwd: repo });
    expect([r.code, r.stdout]).toEqual([EXIT.indexUnavailable, '']);
    expect(r.stderr).toMatch(/\nkstat: the index cannot be read \(database disk image is malformed\): kstat index rebuilds it; --no-index walks history instead\n$/);
  });

  it('without better-sqlite3 (an optional dependency): kstat index exits 12 with the fix; a run with an index file walks history and says so', () => {
    const repo = fixtureRepo(edgeCases);
    const dir = tempDir('kstat-index-');
    expect(kstat(['index', '--index-dir', dir], { cwd: repo }).code).toBe(0);
    // kstat as installed where better-sqlite3 could not be: its files, and every other package.
    const root = dirname(dirname(KSTAT_BIN));
    const copy = tempDir('kstat-nosqlite-');
    for (const f of ['bin', 'dist', 'package.json']) cpSync(join(root, f), join(copy, f), { recursive: true });
    mkdirSync(join(copy, 'node_modules'));
    for (const m of readdirSync(join(root, 'node_modules'))) if (m !== 'better-sqlite3') symlinkSync(join(root, 'node_modules', m), join(copy, 'node_modules', m));
    const bin = join(copy, 'bin/kstat.js');
    const run = (args: string[]): { code: number | null; stdout: string; stderr: string } => {
      try {
        return { code: 0, stdout: execFileSync(process.execPath, [bin, ...args], { cwd: repo, env: hermeticGitEnv({ NO_COLOR: '1' }), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), stderr: '' };
      } catch (e) {
        const err = e as { status: number; stdout: string; stderr: string };
        return { code: err.status, stdout: err.stdout, stderr: err.stderr };
      }
    };
    const built = run(['index', '--index-dir', tempDir('kstat-index-')]);
    expect(built.code).toBe(EXIT.indexUnavailable);
    expect(built.stderr).toMatch(/^kstat: the index needs better-sqlite3, which is not installed \(.*\): run npm install better-sqlite3@12 \(it may compile: python3, make and g\+\+\)\n$/);
    const walked = spawnJson(bin, repo, ['--json', '--index-dir', dir, 'drivers/edge']);
    expect(walked.code).toBe(0);
    expect(walked.stderr).toMatch(/^kstat: the index .* cannot be used \(the index needs better-sqlite3, which is not installed/);
    expect(walked.stdout).toBe(kstat(['--json', '--no-index', 'drivers/edge'], { cwd: repo }).stdout);
  });
});

/** Runs a kstat entry point other than the tested build's, with stderr kept on success too. */
function spawnJson(bin: string, cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, env: hermeticGitEnv({ NO_COLOR: '1' }), encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
