// Runs that read history from the index (issue 16): `kstat --index-dir DIR` prints exactly what the
// same run with --no-index prints, byte for byte, for one path and many, any window and any
// revision, after new commits, a force-push or another --rev (walked live and added to the index),
// under git settings the index was not built with (not used: history walked instead; a changed
// mailmap is the exception: the authors are mapped again), and when the index file is damaged
// (not used). Every indexed run must also say on stderr that it used
// the index, so a test cannot pass because the index was silently ignored.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/git-env.js';
import { diffSettings, SETTINGS_PATHS } from '../../fixtures/recipes/diff-settings.js';
import { EDGE_PATHS, EDGE_WINDOW, edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { KERNEL_DIRS, KERNEL_PEOPLE, kernel } from '../../fixtures/recipes/kernel.js';
import { maintainersRecipe } from '../../fixtures/recipes/maintainers.js';
import { MLX5_CORE, MLX5_NET, mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import { jsonFormat, KSTAT_BIN, kstat, parseJson, parseNdjson, type CliResult } from '../helpers/cli.js';
import { assertValid } from '../helpers/schema.js';
import type { MaintainersFigures } from '../../src/types.js';
import { fixtureRepo, git, removeTempDirs, snapshot, tempDir } from '../helpers/repos.js';

afterAll(removeTempDirs);

// ---- helpers ---------------------------------------------------------------------------------

const USED = 'kstat: history from the index';
/** The line a run prints when it leaves the index alone (other settings, a damaged file). */
const NOT_USED = /^kstat: the index\b[^\n]*$/m;
const WALKED_INSTEAD = /^kstat: the index\b[^\n]*history walked instead[^\n]*$/m;

const usedLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith(USED));

const withoutIndexLines = (stderr: string): string => stderr.split('\n').filter((l) => !l.startsWith(USED) && !NOT_USED.test(l)).join('\n');

/** N of the `(N commits added)` the index line carries; 0 when it names none. */
function commitsAdded(stderr: string): number {
  const lines = usedLines(stderr);
  expect(lines, `one "${USED}" line on stderr:\n${stderr}`).toHaveLength(1);
  const m = /\b(\d+) commits? added\b/.exec(lines[0]!);
  return m ? Number(m[1]) : 0;
}

/** `kstat index --index-dir <fresh dir>` (plus `extra`) in repo; returns the directory. */
function buildIndex(repo: string, extra: string[] = [], env?: Record<string, string>): string {
  const dir = join(tempDir('kstat-indexed-'), 'cache');
  const r = kstat(['index', '--index-dir', dir, ...extra], { cwd: repo, env });
  expect([r.code, r.stdout, r.stderr]).toEqual([0, '', expect.stringMatching(/^kstat index: [0-9a-f]{12} in [\d.]+ s: [^\n]+\n$/)]);
  return dir;
}

/** The one index file in dir. */
function indexFile(dir: string): string {
  const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
  expect(files).toHaveLength(1);
  return join(dir, files[0]!);
}

/** `kstat index --status` in repo: the sha it names, or null for no index. */
function indexedHead(repo: string, dir: string): string | null {
  const r = kstat(['index', '--status', '--index-dir', dir], { cwd: repo });
  expect(r.code).toBe(0);
  if (/: no index\n$/.test(r.stdout)) return null;
  const m = /: ([0-9a-f]{40}), [^\n]*[\d.]+ MiB\n$/.exec(r.stdout);
  expect(m, r.stdout).not.toBeNull();
  return m![1]!;
}

/** args with flags put where kstat reads them: after `check` when the run is a check. */
const withFlags = (args: string[], flags: string[]): string[] => (args[0] === 'check' ? ['check', ...flags, ...args.slice(1)] : [...flags, ...args]);

/**
 * Where two JSON documents differ, as `path: indexed ≠ plain` lines (at most 20): what a report
 * of a mismatch needs, where a diff of two long strings would drown it.
 */
function jsonDifferences(indexed: string, plain: string): string[] {
  let a: unknown;
  let b: unknown;
  try {
    a = JSON.parse(indexed);
    b = JSON.parse(plain);
  } catch {
    return indexed === plain ? [] : ['(not JSON) the outputs differ'];
  }
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, at: string): void => {
    if (out.length >= 20) return;
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object' && Array.isArray(x) === Array.isArray(y)) {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], Array.isArray(x) ? `${at}[${k}]` : `${at}.${k}`);
      if (JSON.stringify(Object.keys(x)) !== JSON.stringify(Object.keys(y))) out.push(`${at}: keys in another order`);
    } else if (JSON.stringify(x) !== JSON.stringify(y)) {
      out.push(`${at}: indexed ${JSON.stringify(x)} ≠ no-index ${JSON.stringify(y)}`);
    }
  };
  walk(a, b, '$');
  return out;
}

/**
 * helpers/cli.ts's kstat() as a promise, so a run with the index and one without go side by side
 * (the pair is half the file's time otherwise). The same process, environment, limits and checks
 * of JSON against the shipped schema.
 */
function kstatAsync(args: string[], opts: { cwd: string; env?: Record<string, string>; validate?: boolean }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KSTAT_BIN, ...args], { cwd: opts.cwd, env: hermeticGitEnv({ NO_COLOR: '1', ...opts.env }), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const r: CliResult = { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      try {
        if (opts.validate === false) {
          // The caller compares the output byte for byte with one that was checked.
        } else if (args[0] === 'check' && (code === 0 || code === 1 || code === 10) && jsonFormat(args.slice(1)) === 'json') assertValid(JSON.parse(r.stdout), 'check');
        else if (code === 0 || code === 10) {
          const format = jsonFormat(args);
          if (format === 'json') parseJson(r.stdout);
          if (format === 'ndjson') parseNdjson(r.stdout);
        }
      } catch (e) {
        reject(e as Error);
        return;
      }
      resolve(r);
    });
  });
}

type Expect = 'used' | 'walked-instead' | 'not-used' | 'any';

interface SameOptions {
  use?: Expect;
  code?: number;
  env?: Record<string, string>;
  plain?: CliResult;
}

interface Pair {
  indexed: CliResult;
  plain: CliResult;
}

/**
 * The run with the index in dir and the same run with --no-index: the same exit code (`code`) and
 * byte-identical stdout. `use` says what the indexed run must say on stderr: `used` one
 * "history from the index" line; `walked-instead` the index left alone for other settings;
 * `not-used` left alone for any reason; `any` nothing asked (the index may or may not apply).
 * The --no-index run never mentions the index. `plain` is that run's result when a test already
 * has it (the same arguments, environment and repository): only the indexed run is made.
 */
async function same(repo: string, dir: string, args: string[], opts: SameOptions = {}): Promise<Pair> {
  const { use = 'used', code = 0, env } = opts;
  const label = `kstat ${args.map((a) => JSON.stringify(a)).join(' ')} in ${repo}`;
  const [plain, indexed] = await Promise.all([
    opts.plain ?? kstatAsync(withFlags(args, ['--no-index']), { cwd: repo, env }),
    kstatAsync(withFlags(args, ['--index-dir', dir]), { cwd: repo, env, validate: false }),
  ]);
  expect(plain.code, `${label} --no-index: ${plain.stderr}`).toBe(code);
  // A report (exit 0, or 1 from check) is never empty; a failure's message is the same either way.
  if (code <= 1) expect(plain.stdout.length, label).toBeGreaterThan(0);
  else expect(withoutIndexLines(indexed.stderr), label).toBe(plain.stderr);
  expect(plain.stderr, label).not.toMatch(/^kstat: (history from the index|the index)/m);
  expect(indexed.code, `${label} with the index: ${indexed.stderr}`).toBe(code);
  expect(jsonDifferences(indexed.stdout, plain.stdout), label).toEqual([]);
  expect(indexed.stdout, label).toBe(plain.stdout);
  if (use === 'used') {
    expect(usedLines(indexed.stderr), `${label}: ${indexed.stderr}`).toHaveLength(1);
    expect(indexed.stderr, label).not.toMatch(NOT_USED);
  } else if (use !== 'any') {
    expect(usedLines(indexed.stderr), `${label}: ${indexed.stderr}`).toHaveLength(0);
    expect(indexed.stderr, label).toMatch(use === 'walked-instead' ? WALKED_INSTEAD : NOT_USED);
  }
  return { indexed, plain };
}

/** Runs `same` and checks the indexed run added no commit to the index. */
async function sameNoneAdded(repo: string, dir: string, args: string[], opts: Omit<SameOptions, 'use'> = {}): Promise<Pair> {
  const pair = await same(repo, dir, args, opts);
  expect(commitsAdded(pair.indexed.stderr), pair.indexed.stderr).toBe(0);
  return pair;
}

/** git in repo as `who`, committed by the fixtures' committer, both dated `date`. */
function gitAt(repo: string, date: string, who: { name: string; email: string }, args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: hermeticGitEnv({
      GIT_AUTHOR_NAME: who.name,
      GIT_AUTHOR_EMAIL: who.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: 'Fixture Committer',
      GIT_COMMITTER_EMAIL: 'committer@example.org',
      GIT_COMMITTER_DATE: date,
    }),
  });
}

const DEV = { name: 'Edge Developer', email: 'dev@edge.example' };
const NIA = { name: 'Nia Newcomer', email: 'nia@newcomer.example' };
const CASEY = { name: 'Casey Case', email: 'casey.case@example.com' };

const lines = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}\n`).join('');
const sha = (repo: string, rev: string): string => git(repo, ['rev-parse', `${rev}^{commit}`]).trim();
const nonMerges = (repo: string, range: string): number => Number(git(repo, ['rev-list', '--count', '--no-merges', range]).trim());

/** The paths some commit reachable from rev touches: those a run at rev takes (others are usage errors). */
const pathsAt = (repo: string, rev: string, paths: string[]): string[] =>
  paths.filter((p) => git(repo, ['--literal-pathspecs', 'log', '-1', '--format=%H', '--full-history', rev, '--', p]).trim() !== '');

/** Every edge path but the one that never existed (a usage error: it fails a run of many paths). */
const ALL_EDGE = EDGE_PATHS.map((p) => p.path).filter((p) => p !== 'drivers/edge/never');
/** One-path runs: a sample of the edge cases (a rename target, a newline in a name, an evil merge). */
const EDGE_SAMPLE = ['drivers/edge/ren/b.c', 'drivers/edge/escapes/new\nline.c', 'drivers/edge/branch/evil.c'];

// ---- the fixtures as built --------------------------------------------------------------------

describe('edge-cases fixture: indexed runs print what --no-index runs print', () => {
  let repo: string;
  let dir: string;
  beforeAll(() => {
    repo = fixtureRepo(edgeCases);
    dir = buildIndex(repo);
  });

  it('every edge path in one run, with the default window; the index is used and adds nothing', async () => {
    const before = snapshot(repo);
    await sameNoneAdded(repo, dir, ['--json', '--', ...ALL_EDGE]);
    // Reading the index writes nothing into the repository.
    expect(snapshot(repo)).toEqual(before);
  });

  it.each(EDGE_SAMPLE)('one path: %j', async (path) => {
    await sameNoneAdded(repo, dir, ['--json', '--', path]);
  });

  it('--each runs: two levels deep; several --each with explicit paths', async () => {
    await sameNoneAdded(repo, dir, ['--json', '--each', 'drivers', '--depth', '2']);
    await sameNoneAdded(repo, dir, ['--json', '--each', 'drivers/edge/ren', '--each', 'drivers/edge/-dash', '--', '.', 'drivers/edge/ren/b.c', '-p']);
  });

  it('other windows: one in the past, a second inside each edge, a short one for one path', async () => {
    await sameNoneAdded(repo, dir, ['--json', '--until', '2021-04-20T23:59:59Z', '--', ...ALL_EDGE]);
    await sameNoneAdded(repo, dir, ['--json', '--since', '2021-04-21T00:00:01Z', '--until', '2026-04-20T23:59:59Z', '--', ...ALL_EDGE]);
    await sameNoneAdded(repo, dir, ['--json', '--since', EDGE_WINDOW.since, '--until', '2025-07', '--', 'drivers/edge/skew']);
  });

  it('other revisions the index holds: an older commit on main, the side branch; nothing added', async () => {
    const older = sha(repo, 'HEAD~4');
    await sameNoneAdded(repo, dir, ['--json', '--rev', older, '--', ...pathsAt(repo, older, ALL_EDGE)]);
    await sameNoneAdded(repo, dir, ['--json', '--rev', 'side', '--since', '2019', '--', ...pathsAt(repo, 'side', ALL_EDGE)]);
  });

  it('ndjson, and per-path walks, give the same bytes too', async () => {
    await sameNoneAdded(repo, dir, ['--format', 'ndjson', '--', ...ALL_EDGE]);
    await sameNoneAdded(repo, dir, ['--json', '--strategy', 'per-path', '--', 'drivers/edge/ren', 'drivers/edge/moved', 'drivers/outside', 'drivers/edge/people']);
  });

  it('kstat check: a rule broken and rules holding give the same stdout and exit code', async () => {
    await sameNoneAdded(repo, dir, ['check', '--min-commits', '2', '--each', 'drivers/edge'], { code: 1 });
    await sameNoneAdded(repo, dir, ['check', '--json', '--max-idle-months', '12', '--min-commits', '1', '--each', 'drivers/edge', '--', '.'], { code: 1 });
  });

  it('-q prints no index line; --no-index with --index-dir walks history', async () => {
    const [quiet, both] = await Promise.all([
      kstatAsync(['-q', '--json', '--index-dir', dir, '--each', 'drivers/edge'], { cwd: repo }),
      kstatAsync(['--json', '--no-index', '--index-dir', dir, '--each', 'drivers/edge'], { cwd: repo }),
    ]);
    expect(both.code).toBe(0);
    expect(both.stderr).not.toMatch(/^kstat: (history from the index|the index)/m);
    expect([quiet.code, quiet.stdout]).toEqual([0, both.stdout]);
    expect(quiet.stderr).not.toMatch(/^kstat: (history from the index|the index)/m);
  });

  it('a path that never existed is the same usage error either way', async () => {
    await same(repo, dir, ['--json', '--', 'drivers/edge/ren', 'drivers/edge/never'], { code: 2, use: 'any' });
  });

  it('without --index-dir (and no cache directory) a run does not find the index', async () => {
    const r = kstat(['--json', '--each', 'drivers/edge'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(usedLines(r.stderr)).toEqual([]);
  });
});

describe('kernel fixture: MAINTAINERS, trailers and release tags from the index', () => {
  let repo: string;
  let dir: string;
  beforeAll(() => {
    repo = fixtureRepo(kernel);
    dir = buildIndex(repo);
  });

  // Every section with F: lines (SHARED B HELPERS has only an N: regex).
  const sections = Object.values(KERNEL_DIRS)
    .filter((d) => d !== KERNEL_DIRS.sharedB)
    .flatMap((d) => ['--section', d.section]);
  const everything = ['--each', 'drivers', '--each', 'drivers/shared', ...sections, '--', '.', 'MAINTAINERS', 'arch'];

  it('every directory under drivers and drivers/shared, the tree, MAINTAINERS and every section, in one run', async () => {
    await sameNoneAdded(repo, dir, ['--json', ...everything]);
  });

  it.each(['drivers/healthy', 'drivers/shared/a'])('one path: %s', async (path) => {
    await sameNoneAdded(repo, dir, ['--json', path]);
  });

  it('a section alone, in text', async () => {
    await sameNoneAdded(repo, dir, ['--section', KERNEL_DIRS.silent.section]);
  });

  it('windows and revisions: a tag, a past window, a short one, other release, author and sweep settings', async () => {
    await sameNoneAdded(repo, dir, ['--json', '--rev', 'v1.12', ...everything]);
    await sameNoneAdded(repo, dir, ['--json', '--until', '2022-06-30', ...everything]);
    await sameNoneAdded(repo, dir, ['--json', '--since', '2025-06', '--releases', '4', '--release-tags', '^v1\\.1[0-9]$', '--authors', '0', '--sweep-dirs', '3', '--each', 'drivers', '--', '.']);
  });

  it('kstat check --preset deprecation: the same verdicts and exit codes, in JSON and markdown', async () => {
    await sameNoneAdded(repo, dir, ['check', '--preset', 'deprecation', '--json', '--each', 'drivers', '--depth', '1'], { code: 1 });
    await sameNoneAdded(repo, dir, ['check', '--preset', 'deprecation', '--format', 'markdown', '--each', 'drivers', '--each', 'drivers/shared'], { code: 1 });
  });

  it('release tags made and removed after the index was built are read as they are now', async () => {
    const tags = ['--json', '--each', 'drivers'];
    const { plain } = await sameNoneAdded(repo, dir, tags);
    const v124 = git(repo, ['rev-parse', 'refs/tags/v1.24']).trim();
    git(repo, ['tag', 'v1.25', 'HEAD~3']);
    git(repo, ['tag', '-d', 'v1.24']);
    const after = await sameNoneAdded(repo, dir, tags);
    expect(after.plain.stdout).not.toBe(plain.stdout);
    // As the fixture was, for the tests after this one.
    git(repo, ['tag', '-d', 'v1.25']);
    git(repo, ['update-ref', 'refs/tags/v1.24', v124]);
  });

  it('kstat index --rev builds at an older tag; a run at HEAD walks and adds exactly the commits after it', async () => {
    const old = buildIndex(repo, ['--rev', 'v1.10']);
    expect(indexedHead(repo, old)).toBe(sha(repo, 'v1.10'));
    const expected = nonMerges(repo, 'v1.10..HEAD');
    expect(expected).toBeGreaterThan(10);
    const first = await same(repo, old, ['--json', ...everything]);
    expect(commitsAdded(first.indexed.stderr)).toBe(expected);
    await sameNoneAdded(repo, old, ['--json', ...everything], { plain: first.plain });
    expect(indexedHead(repo, old)).toBe(sha(repo, 'HEAD'));
    await sameNoneAdded(repo, old, ['--json', '--rev', 'v1.5', '--each', 'drivers']);
  });
});

type Person = MaintainersFigures['sections'][number]['maintainers'][number];

describe("maintainers fixture: liveness from the index past every section's newest commit", () => {
  // There the index reads only the commits that may name someone still unseen: by author or
  // committer, or by a trailer holding an address the mailmap maps to theirs, in any case.
  it.each([
    ['in the index as built', false],
    ['in commits the run adds to the index', true],
  ])('people seen only by a trailer (%s): an address the mailmap maps to theirs, and one in upper case', async (_, added) => {
    const repo = fixtureRepo(maintainersRecipe);
    const before = added ? buildIndex(repo) : null;
    const zed = { name: 'Zed Contributor', email: 'zed@contrib.example' };
    writeFileSync(join(repo, 'include/linux/foo.hx'), 'include/linux/foo.hx\nv3\n');
    gitAt(repo, '2026-04-22T00:00:00Z', zed, ['commit', '-q', '-a', '-m', 'foo.hx: again', '-m', 'Tested-by: Rob Reviewer <ROB@REV.EXAMPLE>']);
    // The newest commit of both sections that cover foo.hx: every sighting below comes after it.
    writeFileSync(join(repo, 'include/linux/foo.h'), 'include/linux/foo.h\nv2\n');
    gitAt(repo, '2026-04-23T00:00:00Z', zed, ['commit', '-q', '-a', '-m', 'foo.h: fix']);
    const { plain, indexed } = await same(repo, before ?? buildIndex(repo), ['--json', 'include/linux/foo.hx']);
    expect(commitsAdded(indexed.stderr), indexed.stderr).toBe(added ? 2 : 0);
    const sections = (parseJson(plain.stdout) as unknown as MaintainersFigures).sections;
    const seen = (section: string, email: string): Person['last_seen'] => {
      const s = sections.find((x) => x.name === section)!;
      return [...s.maintainers, ...s.reviewers].find((p) => p.email === email)!.last_seen;
    };
    // R: alice@new.example, named by `Reviewed-by: alice@old.example` (the .mailmap joins them), not by her older commits.
    expect(seen('FOO HEADERS', 'alice@new.example')).toMatchObject({ date: '2026-01-05T09:00:00Z', as: 'trailer' });
    expect(seen('FOO NETWORK DRIVER', 'alice@old.example')).toMatchObject({ date: '2026-01-05T09:00:00Z', as: 'trailer' });
    // R: rob@rev.example, named in upper case, not by his own commit of 2023.
    expect(seen('FOO NETWORK DRIVER', 'rob@rev.example')).toMatchObject({ date: '2026-04-22T00:00:00Z', as: 'trailer' });
  });
});

describe("kernel fixture: sections' liveness carried from the tip the index came from", () => {
  /** Rewrites what the index kept of every section's liveness at `rev`: each sighting dated 1999. */
  const backdate = (dir: string, rev: string): number => {
    const db = new (createRequire(import.meta.url)('better-sqlite3'))(indexFile(dir));
    try {
      const rows = db.prepare('SELECT key, until, value FROM liveness WHERE rev = ?').raw().all(rev) as Array<[string, number, string]>;
      const put = db.prepare('UPDATE liveness SET value = ? WHERE key = ? AND rev = ? AND until = ?');
      for (const [key, until, value] of rows) put.run(value.replace(/"date":"[^"]*"/g, '"date":"1999-01-01T00:00:00Z"'), key, rev, until);
      return rows.length;
    } finally {
      db.close();
    }
  };
  const head = (repo: string): string => git(repo, ['rev-parse', 'HEAD']).trim();
  const each = ['--json', '--each', 'drivers', '--depth', '1'];

  it('new commits: a run at the new tip reads only the head of the new walk and prints the --no-index bytes; a window end that moves back over older commits is found anew', async () => {
    const repo = fixtureRepo(kernel);
    const dir = buildIndex(repo);
    await sameNoneAdded(repo, dir, each);
    // The silent driver's maintainer reviews a patch (seen again, in the head); another driver gets a commit.
    const { carl, dana, sid } = KERNEL_PEOPLE;
    writeFileSync(join(repo, 'drivers/silent/carried.c'), 'int carried;\n');
    gitAt(repo, '2025-11-02T00:00:00Z', carl, ['add', '.']);
    gitAt(repo, '2025-11-02T00:00:00Z', carl, ['commit', '-q', '-m', 'silent: carried', '-m', `Reviewed-by: ${sid.name} <${sid.email}>`]);
    writeFileSync(join(repo, 'drivers/healthy/carried.c'), 'int carried;\n');
    gitAt(repo, '2025-11-03T00:00:00Z', dana, ['add', '.']);
    gitAt(repo, '2025-11-03T00:00:00Z', dana, ['commit', '-q', '-m', 'healthy: carried']);
    const moved = await same(repo, dir, each);
    expect(commitsAdded(moved.indexed.stderr)).toBe(2);
    const silent = (parseJson(moved.indexed.stdout) as unknown as Array<MaintainersFigures & { path: string }>).find((r) => r.path === 'drivers/silent')!;
    expect(silent.sections[0]!.maintainers.find((p) => p.email === sid.email)!.last_seen).toMatchObject({ date: '2025-11-02T00:00:00Z', as: 'trailer' });
    // What the run at this tip kept is what the next tip's run carries: backdated, it shows.
    expect(backdate(dir, head(repo))).toBeGreaterThan(0);
    gitAt(repo, '2025-11-04T00:00:00Z', dana, ['commit', '-q', '--allow-empty', '-m', 'empty']);
    const carried = kstat(['--index-dir', dir, ...each], { cwd: repo });
    expect(carried.stdout).toContain('"date": "1999-01-01T00:00:00Z"');
    // A tip dated before commits past the head: the window's end takes them out, nothing is carried.
    gitAt(repo, '2025-10-20T00:00:00Z', dana, ['commit', '-q', '--allow-empty', '-m', 'a slow clock']);
    const back = await same(repo, dir, each);
    expect(back.indexed.stdout).not.toContain('1999-01-01');
  });

  it('pull requests one after another, each on main: every run prints the --no-index bytes, the sections carried from main', async () => {
    const repo = fixtureRepo(kernel);
    const dir = buildIndex(repo);
    await sameNoneAdded(repo, dir, each);
    const { carl, dana, sid } = KERNEL_PEOPLE;
    const main = git(repo, ['symbolic-ref', '--short', 'HEAD']).trim();
    const pullRequest = async (name: string, file: string, who: typeof carl, date: string, trailer: string[] = []): Promise<Pair> => {
      gitAt(repo, date, who, ['checkout', '-q', '-b', name, main]);
      writeFileSync(join(repo, file), `int ${name};\n`);
      gitAt(repo, date, who, ['add', '.']);
      gitAt(repo, date, who, ['commit', '-q', '-m', `${name}: change`, ...trailer]);
      const pair = await same(repo, dir, each);
      expect(commitsAdded(pair.indexed.stderr), pair.indexed.stderr).toBe(1);
      gitAt(repo, date, who, ['checkout', '-q', main]);
      return pair;
    };
    await pullRequest('one', 'drivers/silent/one.c', carl, '2025-11-02T00:00:00Z', ['-m', `Reviewed-by: ${sid.name} <${sid.email}>`]);
    const two = await pullRequest('two', 'drivers/healthy/two.c', dana, '2025-11-03T00:00:00Z');
    // The second knows nothing of the first's review.
    const silent = (parseJson(two.indexed.stdout) as unknown as Array<MaintainersFigures & { path: string }>).find((r) => r.path === 'drivers/silent')!;
    expect(silent.sections[0]!.maintainers.find((p) => p.email === sid.email)!.last_seen?.date).not.toBe('2025-11-02T00:00:00Z');
    await sameNoneAdded(repo, dir, each);
  });

  it('two pulls with no run between (kstat index after each): carried from the last tip a run was at, past both heads', async () => {
    const repo = fixtureRepo(kernel);
    const dir = buildIndex(repo);
    await sameNoneAdded(repo, dir, each);
    const ran = head(repo);
    const { carl, dana, sid } = KERNEL_PEOPLE;
    // Dated a day before the tip the run was at: only the first head, not the window's end
    // moving over it, says the old answer for sid cannot be carried.
    const slow = new Date((Number(git(repo, ['log', '-1', '--format=%ct']).trim()) - 86_400) * 1000).toISOString();
    writeFileSync(join(repo, 'drivers/silent/first.c'), 'int first;\n');
    gitAt(repo, slow, carl, ['add', '.']);
    gitAt(repo, slow, carl, ['commit', '-q', '-m', 'silent: first', '-m', `Reviewed-by: ${sid.name} <${sid.email}>`]);
    // Not the first pull's tip: the next head holds the old tip.
    gitAt(repo, '2025-11-02T00:00:00Z', dana, ['commit', '-q', '--allow-empty', '-m', 'after first']);
    const update = (added: number): void => expect(kstat(['index', '--index-dir', dir], { cwd: repo }).stderr).toMatch(new RegExp(`\\(${added} commits? added\\)`));
    update(2);
    writeFileSync(join(repo, 'drivers/healthy/second.c'), 'int second;\n');
    gitAt(repo, '2025-11-03T00:00:00Z', dana, ['add', '.']);
    gitAt(repo, '2025-11-03T00:00:00Z', dana, ['commit', '-q', '-m', 'healthy: second']);
    update(1);
    const copy = join(tempDir('kstat-indexed-'), 'cache');
    cpSync(dir, copy, { recursive: true });
    // Carried, and the --no-index bytes: the sighting in the first pull's head is found anew.
    const moved = await sameNoneAdded(repo, dir, each);
    const silent = (parseJson(moved.indexed.stdout) as unknown as Array<MaintainersFigures & { path: string }>).find((r) => r.path === 'drivers/silent')!;
    expect(silent.sections[0]!.maintainers.find((p) => p.email === sid.email)!.last_seen).toMatchObject({ date: slow.replace(/\.000Z$/, 'Z'), as: 'trailer' });
    // What the run at the first tip kept is what is carried: backdated, it shows.
    expect(backdate(copy, ran)).toBeGreaterThan(0);
    expect(kstat(['--index-dir', copy, ...each], { cwd: repo }).stdout).toContain('"date": "1999-01-01T00:00:00Z"');
  });

  it.each([
    ['the section\'s newest commit', false],
    ["a maintainer's sighting", true],
  ])('%s, kept by the old tip inside the head and now after the window: found anew, not carried', async (_, sideTouches) => {
    // Y ← X (sid reviews in drivers/silent) ← A, indexed and run at A; then B merges a side branch
    // forked from Y, dated before X: git's walk from B shows A and X before it meets A's walk,
    // and B's window ends before X.
    const repo = fixtureRepo(kernel);
    const { carl, dana, sid } = KERNEL_PEOPLE;
    const y = head(repo);
    writeFileSync(join(repo, 'drivers/silent/inside.c'), 'int inside;\n');
    gitAt(repo, '2025-11-04T00:00:00Z', carl, ['add', '.']);
    gitAt(repo, '2025-11-04T00:00:00Z', carl, ['commit', '-q', '-m', 'silent: inside', '-m', `Reviewed-by: ${sid.name} <${sid.email}>`]);
    gitAt(repo, '2025-11-05T00:00:00Z', dana, ['commit', '-q', '--allow-empty', '-m', 'A']);
    const dir = buildIndex(repo);
    await sameNoneAdded(repo, dir, each);
    // S may change the silent driver too: then the head finds the section's newest commit, not sid.
    gitAt(repo, '2025-11-02T00:00:00Z', dana, ['checkout', '-q', '-b', 'side', y]);
    if (sideTouches) writeFileSync(join(repo, 'drivers/silent/side.c'), 'int side;\n');
    gitAt(repo, '2025-11-02T00:00:00Z', dana, ['add', '.']);
    gitAt(repo, '2025-11-02T00:00:00Z', dana, ['commit', '-q', '--allow-empty', '-m', 'S']);
    gitAt(repo, '2025-11-03T00:00:00Z', dana, ['checkout', '-q', '-']);
    gitAt(repo, '2025-11-03T00:00:00Z', dana, ['merge', '-q', '--no-ff', '-m', 'B', 'side']);
    const merged = await same(repo, dir, each);
    expect(commitsAdded(merged.indexed.stderr)).toBe(1);
    const silent = (parseJson(merged.indexed.stdout) as unknown as Array<MaintainersFigures & { path: string }>).find((r) => r.path === 'drivers/silent')!.sections[0]!;
    expect(silent.last_commit_date).not.toBe('2025-11-04T00:00:00Z');
    expect(silent.maintainers.find((p) => p.email === sid.email)!.last_seen?.date).not.toBe('2025-11-04T00:00:00Z');
  });
});

describe('mlx5 example: indexed runs print what --no-index runs print', () => {
  let repo: string;
  let dir: string;
  beforeAll(() => {
    repo = fixtureRepo(mlx5VdpaCore);
    dir = buildIndex(repo);
  });

  it('--each three levels deep with explicit paths', async () => {
    const paths = [MLX5_CORE, `${MLX5_CORE}/`, MLX5_NET, 'drivers/vdpa/mlx5', '.', `${MLX5_CORE}/mr.c`, 'Makefile'];
    await sameNoneAdded(repo, dir, ['--json', '--each', 'drivers', '--depth', '3', '--', ...paths]);
  });

  it('core alone: its window, an older revision with a window in the past, ten years', async () => {
    await sameNoneAdded(repo, dir, ['--json', MLX5_CORE]);
    const rev = git(repo, ['rev-list', '-1', '--before=2024-01-01', 'HEAD']).trim();
    await sameNoneAdded(repo, dir, ['--json', '--rev', rev, '--since', '2022-02-03T04:05:06Z', '--until', '2023-12-15', MLX5_CORE]);
    await sameNoneAdded(repo, dir, ['--json', '--years', '10', MLX5_CORE]);
  });
});

describe('a bare repository', () => {
  it('is indexed and read like a work tree (its mailmap from HEAD)', async () => {
    const repo = fixtureRepo(edgeCases, { bare: true });
    const dir = buildIndex(repo);
    await sameNoneAdded(repo, dir, ['--json', '--', ...ALL_EDGE]);
  });
});

// ---- the repository moves on after the index was built ------------------------------------------

describe('new commits after the index was built', () => {
  it('are walked and added: the first run says how many, the next adds none, --status names the new HEAD', async () => {
    const repo = fixtureRepo(edgeCases);
    const dir = buildIndex(repo);
    const oldHead = sha(repo, 'HEAD');
    expect(indexedHead(repo, dir)).toBe(oldHead);

    // 1. A rename across directories, and a rename with an edit into another directory.
    mkdirSync(join(repo, 'drivers/outside'));
    git(repo, ['mv', 'drivers/edge/moved/c.c', 'drivers/outside/back.c']);
    git(repo, ['mv', 'drivers/edge/text/noeol.c', 'drivers/edge/ren-extra/noeol.c']);
    appendFileSync(join(repo, 'drivers/edge/ren-extra/noeol.c'), '\nmore\n');
    git(repo, ['add', '-A']);
    gitAt(repo, '2026-05-01T10:00:00Z', DEV, ['commit', '-q', '-m', 'edge: move c.c out to drivers/outside, noeol.c into ren-extra']);
    // 2. A newcomer touches several paths at once, with trailers.
    appendFileSync(join(repo, 'drivers/edge/ren/b.c'), lines(3, 'b more'));
    writeFileSync(join(repo, 'drivers/edge/people/nia.c'), lines(12, 'nia'));
    writeFileSync(join(repo, '-p/root.c'), lines(4, 'root'));
    git(repo, ['rm', '-q', 'drivers/edge/bin/blob.bin']);
    git(repo, ['add', '-A']);
    gitAt(repo, '2026-05-02T10:00:00Z', NIA, ['commit', '-q', '-m', 'edge: touch ren, people, -p and bin\n\nSigned-off-by: Nia Newcomer <nia@newcomer.example>\nReviewed-by: Edge Maintainer <maint@edge.example>\n']);
    // 3. A side branch with a commit dated years back (clock skew: new to the index, old by its date).
    git(repo, ['checkout', '-q', '-b', 'topic']);
    writeFileSync(join(repo, 'drivers/edge/skew/a.c'), lines(9, 'skewed'));
    gitAt(repo, '2023-03-03T03:03:03Z', CASEY, ['commit', '-q', '-am', 'edge/skew: rewrite a.c with an old clock']);
    // 4. Meanwhile on main, and the merge (not counted as an added commit).
    git(repo, ['checkout', '-q', 'main']);
    writeFileSync(join(repo, 'drivers/edge/tz/east.c'), lines(5, 'east'));
    gitAt(repo, '2026-05-03T10:00:00+14:00', DEV, ['commit', '-q', '-am', 'edge/tz: rewrite east.c']);
    gitAt(repo, '2026-05-04T10:00:00Z', DEV, ['merge', '-q', '--no-ff', '-m', "Merge branch 'topic'", 'topic']);
    const newHead = sha(repo, 'HEAD');
    expect(nonMerges(repo, `${oldHead}..HEAD`)).toBe(4);
    expect(git(repo, ['status', '--porcelain'])).toBe('');

    const paths = [...ALL_EDGE, 'drivers/outside/back.c', 'drivers/edge/ren-extra/noeol.c', 'drivers/edge/people/nia.c'];
    const before = snapshot(repo);
    const first = await same(repo, dir, ['--json', '--', ...paths]);
    expect(commitsAdded(first.indexed.stderr), first.indexed.stderr).toBe(4);
    expect(snapshot(repo)).toEqual(before);
    // The new commits change the figures in the same window: an index read as it was built would be caught.
    const atOld = kstat(['--json', '--no-index', '--until', '2026-05-04T10:00:00Z', '--rev', oldHead, '--', ...ALL_EDGE], { cwd: repo });
    expect(atOld.code).toBe(0);
    const now = (JSON.parse(first.plain.stdout) as unknown[]).slice(0, ALL_EDGE.length);
    expect(jsonDifferences(atOld.stdout, JSON.stringify(now)).length).toBeGreaterThan(5);

    await sameNoneAdded(repo, dir, ['--json', '--', ...paths], { plain: first.plain });
    await sameNoneAdded(repo, dir, ['--json', '--each', 'drivers', '--depth', '2', '--since', '2023-03']);
    await sameNoneAdded(repo, dir, ['--json', '--rev', 'topic', '--', ...pathsAt(repo, 'topic', paths)]);
    await sameNoneAdded(repo, dir, ['--json', '--', 'drivers/outside']);
    expect(indexedHead(repo, dir)).toBe(newHead);
  });
});

describe('new commits with odd names, read by several runs at once', () => {
  it('each run prints the --no-index bytes; afterwards none adds anything', async () => {
    const repo = fixtureRepo(edgeCases);
    const dir = buildIndex(repo);
    // A Latin-1 (not UTF-8) name and a newline in a name, then their directory renamed.
    const odd = join(repo, 'drivers/edge/ünï côde');
    writeFileSync(Buffer.concat([Buffer.from(`${odd}/lat`), Buffer.from([0xe9]), Buffer.from('n.c')]), lines(2, 'latin'));
    writeFileSync(join(repo, 'drivers/edge/escapes/two\nlines.c'), lines(3, 'two'));
    git(repo, ['add', '-A']);
    gitAt(repo, '2026-05-01T00:00:00Z', DEV, ['commit', '-q', '-m', 'edge: odd names']);
    git(repo, ['mv', 'drivers/edge/ünï côde', 'drivers/edge/plain']);
    gitAt(repo, '2026-05-02T00:00:00Z', NIA, ['commit', '-q', '-m', 'edge: a plain name for the odd directory']);
    appendFileSync(join(repo, 'drivers/edge/tz/west.c'), lines(2, 'west'));
    gitAt(repo, '2026-05-03T00:00:00Z', CASEY, ['commit', '-q', '-am', 'edge/tz: west']);

    const args = ['--json', '--', ...ALL_EDGE, 'drivers/edge/plain', 'drivers/edge/escapes/two\nlines.c'];
    const [plain, ...indexed] = await Promise.all([
      kstatAsync(['--no-index', ...args], { cwd: repo }),
      ...[1, 2, 3].map(() => kstatAsync(['--index-dir', dir, ...args], { cwd: repo })),
    ]);
    expect(plain.code).toBe(0);
    for (const r of indexed) {
      expect([r.code, jsonDifferences(r.stdout, plain.stdout)], r.stderr).toEqual([0, []]);
      expect(r.stdout).toBe(plain.stdout);
      expect([0, 3]).toContain(commitsAdded(r.stderr));
    }
    expect(indexed.some((r) => commitsAdded(r.stderr) === 3)).toBe(true);
    await sameNoneAdded(repo, dir, args, { plain });
    await sameNoneAdded(repo, dir, ['--json', '--', 'drivers/edge/ünï côde']);
  });
});

describe('a force-push and other revisions', () => {
  it('a branch reset to an older commit with new commits on it: the new ones are added, figures match', async () => {
    const repo = fixtureRepo(edgeCases);
    const dir = buildIndex(repo);
    const oldHead = sha(repo, 'HEAD');
    git(repo, ['reset', '-q', '--hard', 'HEAD~2']);
    writeFileSync(join(repo, 'drivers/edge/edges/pushed.c'), lines(6, 'pushed'));
    git(repo, ['add', '-A']);
    gitAt(repo, '2026-04-22T00:00:00Z', DEV, ['commit', '-q', '-m', 'edge/edges: a new file after the force-push']);
    mkdirSync(join(repo, 'drivers/outside'));
    git(repo, ['mv', 'drivers/edge/ren/b.c', 'drivers/outside/b.c']);
    gitAt(repo, '2026-04-23T00:00:00Z', NIA, ['commit', '-q', '-m', 'edge: move ren/b.c to drivers/outside']);

    const paths = [...ALL_EDGE, 'drivers/outside/b.c'];
    const first = await same(repo, dir, ['--json', '--', ...paths]);
    expect(commitsAdded(first.indexed.stderr), first.indexed.stderr).toBe(2);
    await sameNoneAdded(repo, dir, ['--json', '--', ...paths], { plain: first.plain });
    // The commits the branch no longer reaches are still in the object store and in the index.
    await sameNoneAdded(repo, dir, ['--json', '--rev', oldHead, '--', ...ALL_EDGE]);
  });

  it('a force-push whose old commits are then pruned: the index updates from what is there', async () => {
    const repo = fixtureRepo(edgeCases);
    const dir = buildIndex(repo);
    git(repo, ['reset', '-q', '--hard', 'HEAD~1']);
    writeFileSync(join(repo, 'drivers/edge/edges/pruned.c'), lines(4, 'pruned'));
    git(repo, ['add', '-A']);
    gitAt(repo, '2026-04-22T00:00:00Z', DEV, ['commit', '-q', '-m', 'edge/edges: after a force-push and a prune']);
    const gone = git(repo, ['rev-parse', 'ORIG_HEAD']).trim();
    git(repo, ['update-ref', '-d', 'ORIG_HEAD']);
    git(repo, ['reflog', 'expire', '--expire=now', '--all']);
    git(repo, ['gc', '-q', '--prune=now']);
    expect(() => git(repo, ['cat-file', '-e', gone])).toThrow();
    const first = await same(repo, dir, ['--json', '--', ...ALL_EDGE]);
    expect(commitsAdded(first.indexed.stderr), first.indexed.stderr).toBe(1);
    await sameNoneAdded(repo, dir, ['--json', '--', ...ALL_EDGE], { plain: first.plain });
  });

  it('--rev a branch the index never saw, started from an old commit: its commits are added', async () => {
    const repo = fixtureRepo(edgeCases);
    const dir = buildIndex(repo);
    git(repo, ['checkout', '-q', '-b', 'other', 'HEAD~6']);
    writeFileSync(join(repo, 'drivers/edge/people/casey.c'), lines(7, 'casey'));
    gitAt(repo, '2025-01-01T00:00:00Z', CASEY, ['commit', '-q', '-am', 'edge/people: casey rewrites casey.c']);
    git(repo, ['checkout', '-q', 'main']);

    const paths = pathsAt(repo, 'other', ALL_EDGE);
    const first = await same(repo, dir, ['--json', '--rev', 'other', '--', ...paths]);
    expect(commitsAdded(first.indexed.stderr), first.indexed.stderr).toBe(1);
    // HEAD is as it was: all in the index.
    await sameNoneAdded(repo, dir, ['--json', '--', ...ALL_EDGE]);
  });
});

// ---- settings the index was not built under ----------------------------------------------------

describe('git settings other than those the index was built under', () => {
  interface Setting {
    name: string;
    recipe: 'diff-settings' | 'edge' | 'mlx5';
    /** Done before the index is built. */
    prepare?: (repo: string) => void;
    /** Applies the setting; returns the environment kstat then needs. */
    apply: (repo: string) => Record<string, string>;
    /** Whether the contract names the setting: the run must say it walked history instead. */
    named: boolean;
  }
  const config = (k: string, v: string) => (repo: string) => (git(repo, ['config', k, v]), {});
  const cutAt = (repo: string): string => git(repo, ['rev-list', '-1', '--before=2023-06-01', 'HEAD']).trim();
  const SETTINGS: Setting[] = [
    { name: 'diff.algorithm=patience (repository config)', recipe: 'diff-settings', apply: config('diff.algorithm', 'patience'), named: true },
    {
      name: 'diff.algorithm=histogram (global config file)',
      recipe: 'diff-settings',
      apply: () => {
        const file = join(tempDir(), 'gitconfig');
        writeFileSync(file, '[diff]\n\talgorithm = histogram\n');
        return { GIT_CONFIG_GLOBAL: file };
      },
      named: true,
    },
    { name: 'diff.renameLimit=1', recipe: 'diff-settings', apply: config('diff.renameLimit', '1'), named: false },
    { name: 'submodule.sub.ignore=all', recipe: 'diff-settings', apply: config('submodule.sub.ignore', 'all'), named: false },
    {
      name: 'an untracked .gitattributes with -diff in the work tree',
      recipe: 'diff-settings',
      apply: (repo) => (writeFileSync(join(repo, '.gitattributes'), 'p/x.txt -diff\n'), {}),
      named: false,
    },
    {
      name: 'a tracked .gitattributes changed to -diff in the work tree',
      recipe: 'diff-settings',
      prepare: (repo) => {
        writeFileSync(join(repo, '.gitattributes'), '*.bin binary\n');
        git(repo, ['add', '.gitattributes']);
        gitAt(repo, '2025-08-11T00:00:00Z', DEV, ['commit', '-q', '-m', 'attributes']);
      },
      apply: (repo) => (writeFileSync(join(repo, '.gitattributes'), 'p/x.txt -diff\n'), {}),
      named: false,
    },
    {
      name: 'a replace ref grafting a commit in the window onto nothing',
      recipe: 'mlx5',
      apply: (repo) => (git(repo, ['replace', '--graft', cutAt(repo)]), {}),
      named: true,
    },
    {
      name: 'a grafts file cutting history in the window',
      recipe: 'mlx5',
      apply: (repo) => {
        // git's deprecation hint on every command would fail any run, indexed or not.
        git(repo, ['config', 'advice.graftFileDeprecated', 'false']);
        writeFileSync(join(repo, '.git/info/grafts'), `${cutAt(repo)}\n`);
        return {};
      },
      named: true,
    },
  ];
  const recipes = { 'diff-settings': diffSettings, edge: edgeCases, mlx5: mlx5VdpaCore };
  /** A recipe's figures before any setting: the same for every build of it (fixed dates and identities). */
  const baselines = new Map<string, string>();
  const baseline = (s: Setting, repo: string, args: string[]): string => {
    const key = s.prepare ? `${s.name}` : s.recipe;
    if (!baselines.has(key)) baselines.set(key, kstat(['--no-index', ...args], { cwd: repo }).stdout);
    return baselines.get(key)!;
  };
  const pathsOf = { 'diff-settings': SETTINGS_PATHS, edge: ALL_EDGE, mlx5: [MLX5_CORE, MLX5_NET, 'drivers/vdpa/mlx5', '.'] };

  it.each(SETTINGS)('$name: runs under it print the --no-index bytes, with the index built before it and one built under it', async (s) => {
    const repo = fixtureRepo(recipes[s.recipe]);
    s.prepare?.(repo);
    const dir = buildIndex(repo);
    const args = ['--json', '--', ...pathsOf[s.recipe]];
    const before = baseline(s, repo, args);
    const env = s.apply(repo);
    const after = await same(repo, dir, args, { env, use: s.named ? 'walked-instead' : 'any' });
    // The setting changes the figures here: an index read as it was built would be caught.
    expect(after.plain.stdout).not.toBe(before);
    // An index built under the setting is read under it, and gives git's figures under it.
    await sameNoneAdded(repo, buildIndex(repo, [], env), args, { env, plain: after.plain });
  });

  it('an untracked .gitattributes found while the index is already being read: the run walks history, says so once, and keeps nothing it read', async () => {
    const repo = fixtureRepo(diffSettings);
    const dir = buildIndex(repo);
    const file = indexFile(dir);
    const built = readFileSync(file);
    const args = ['--json', '--', ...SETTINGS_PATHS];
    writeFileSync(join(repo, '.gitattributes'), 'p/x.txt -diff\n');
    const { indexed } = await same(repo, dir, args, { use: 'walked-instead' });
    expect(indexed.stderr.split('\n').filter((l) => /^kstat: (history from the index|the index)/.test(l)), indexed.stderr).toEqual([expect.stringMatching(/other git settings \(attributes\)/)]);
    expect(readFileSync(file).equals(built), 'the index is as it was built').toBe(true);
    // The same run where the index holds keeps what it learns (blob line counts): the check above would see it.
    rmSync(join(repo, '.gitattributes'));
    await sameNoneAdded(repo, dir, args);
    expect(readFileSync(file).equals(built)).toBe(false);
  });

  it('a changed .mailmap does not retire the index: the run maps the authors again (and says so), then reads them as they are', async () => {
    const repo = fixtureRepo(edgeCases);
    const dir = buildIndex(repo);
    const args = ['--json', '--', ...ALL_EDGE];
    const first = await sameNoneAdded(repo, dir, args);
    const mapped = (r: CliResult): boolean => /mailmap/.test(usedLines(r.stderr)[0] ?? '');
    const mailmap = join(repo, '.mailmap');
    const original = readFileSync(mailmap);
    appendFileSync(mailmap, 'Edge Developer <dev@edge.example> <maint@edge.example>\nCasey Renamed <casey.case@example.com>\n');
    const changed = await sameNoneAdded(repo, dir, args);
    expect(changed.plain.stdout).not.toBe(first.plain.stdout);
    expect(mapped(changed.indexed), changed.indexed.stderr).toBe(true);
    const again = await sameNoneAdded(repo, dir, args, { plain: changed.plain });
    expect(mapped(again.indexed), again.indexed.stderr).toBe(false);
    // Back as it was: mapped again, the first figures.
    writeFileSync(mailmap, original);
    const back = await sameNoneAdded(repo, dir, args, { plain: first.plain });
    expect(mapped(back.indexed), back.indexed.stderr).toBe(true);
    // A commit that changes the .mailmap: added, and the authors mapped again, in one run.
    appendFileSync(mailmap, 'Mia Mapped <mia@new.example> <casey.case@example.com>\n');
    gitAt(repo, '2026-05-01T00:00:00Z', DEV, ['commit', '-q', '-am', 'mailmap: Casey is Mia']);
    const both = await same(repo, dir, args);
    expect([commitsAdded(both.indexed.stderr), mapped(both.indexed)], both.indexed.stderr).toEqual([1, true]);
  });

  it('a shallow clone is read from its index; deepened, it is walked instead', async () => {
    const source = fixtureRepo(mlx5VdpaCore);
    const repo = join(tempDir('kstat-indexed-shallow-'), 'clone');
    git(source, ['clone', '-q', '--depth', '30', `file://${source}`, repo]);
    const dir = buildIndex(repo);
    const args = ['--json', '--', MLX5_CORE, MLX5_NET, '.'];
    const before = (await sameNoneAdded(repo, dir, args)).plain.stdout;
    git(repo, ['fetch', '-q', '--deepen', '20']);
    const after = await same(repo, dir, args, { use: 'walked-instead' });
    expect(after.plain.stdout).not.toBe(before);
  });

  it('one path at a time under another diff.algorithm; with the setting undone the index is used again', async () => {
    const repo = fixtureRepo(diffSettings);
    const dir = buildIndex(repo);
    const args = ['--json', '--', ...SETTINGS_PATHS];
    const { plain } = await sameNoneAdded(repo, dir, args);
    git(repo, ['config', 'diff.algorithm', 'patience']);
    for (const p of SETTINGS_PATHS.slice(0, 2)) await same(repo, dir, ['--json', '--', p], { use: 'walked-instead' });
    git(repo, ['config', '--unset', 'diff.algorithm']);
    await sameNoneAdded(repo, dir, args, { plain });
  });
});

// ---- a damaged index ----------------------------------------------------------------------------

describe('a damaged index file', () => {
  const DAMAGE: Array<[string, (file: string) => void]> = [
    ['emptied', (f) => truncateSync(f, 0)],
    ['overwritten with garbage', (f) => writeFileSync(f, Buffer.alloc(statSync(f).size, 'garbage!'))],
    [
      'with every page past the first overwritten',
      (f) => {
        const b = readFileSync(f);
        b.fill(0xa5, 4096);
        writeFileSync(f, b);
      },
    ],
  ];

  it.each(DAMAGE)('%s: the run walks history, says it could not use the index, and prints the --no-index figures', async (_, damage) => {
    const repo = fixtureRepo(edgeCases);
    const dir = buildIndex(repo);
    damage(indexFile(dir));
    await same(repo, dir, ['--json', '--', ...ALL_EDGE], { use: 'not-used' });
  });
});

describe("a path's last commit from the window's walk", () => {
  it('is taken only where no commit git lists before it is dated outside the window: a child dated years before its parent is the last commit', async () => {
    const repo = join(tempDir('kstat-indexed-skew-'), 'repo');
    mkdirSync(repo);
    git(repo, ['init', '-q', '-b', 'main']);
    const commit = (date: string, file: string, text: string, subject: string): void => {
      mkdirSync(join(repo, file, '..'), { recursive: true });
      writeFileSync(join(repo, file), text, { flag: 'a' });
      gitAt(repo, date, DEV, ['add', '-A']);
      gitAt(repo, date, DEV, ['commit', '-q', '-m', subject]);
    };
    commit('2024-01-01T00:00:00Z', 'p/x.c', 'one\n', 'p: in the window');
    // Dated before the window's start (5 years before the tip), listed before its parent by git.
    commit('2019-01-01T00:00:00Z', 'p/x.c', 'two\n', 'p: a clock set years back');
    commit('2024-06-01T00:00:00Z', 'q/y.c', 'three\n', 'q: the tip');
    const dir = buildIndex(repo);
    const { plain } = await sameNoneAdded(repo, dir, ['--json', '--', 'p', 'q']);
    const last = (JSON.parse(plain.stdout) as Array<{ last_commit: { subject: string } | null }>).map((r) => r.last_commit?.subject);
    expect(last).toEqual(['p: a clock set years back', 'q: the tip']);
    // Without the skewed commit before it, the window's first is the last commit.
    await sameNoneAdded(repo, dir, ['--json', '--', 'q']);
  });
});
