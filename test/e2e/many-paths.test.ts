// Many paths in one run: path sources, formats, sorting, streaming, strategies, prepare and
// progress. A path's figures are the same alone, in any batch, and under any strategy.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/build.js';
import { EDGE_PATHS, edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { MLX5_CORE, MLX5_NET, mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import { EXIT } from '../../src/errors.js';
import type { PathReport } from '../../src/types.js';
import { expectFailure, kstat, KSTAT_BIN, kstatJson, parseJson, parseNdjson } from '../helpers/cli.js';
import { figures } from '../helpers/figures.js';
import { fixtureRepo, git, removeTempDirs, tempDir } from '../helpers/repos.js';

let mlx5: string;
let edge: string;
beforeAll(() => {
  mlx5 = fixtureRepo(mlx5VdpaCore);
  edge = fixtureRepo(edgeCases);
});
afterAll(removeTempDirs);

const many = (args: string[], cwd: string): PathReport[] => {
  const r = kstat(['--json', ...args], { cwd });
  if (r.code !== 0) throw new Error(r.stderr);
  const out = parseJson<PathReport | PathReport[]>(r.stdout);
  return Array.isArray(out) ? out : [out];
};
const strip = (r: PathReport) => ({ path: r.path, ...figures(r), warnings: r.warnings });

describe('where paths come from', () => {
  it('--each DIR --depth N: every directory that deep in the revision\'s tree', () => {
    const expected = git(mlx5, ['ls-tree', '-r', '-d', '--name-only', 'HEAD', '--', 'drivers'])
      .trim()
      .split('\n')
      .filter((d) => d.split('/').length === 3);
    expect(many(['--each', 'drivers', '--depth', '2'], mlx5).map((r) => r.path)).toEqual(expected);
    expect(many(['--each', 'drivers/vdpa/mlx5'], mlx5).map((r) => r.path)).toEqual([MLX5_CORE, MLX5_NET]);
  });

  it('explicit paths, --each and --paths-from together, each path once, in that order', () => {
    const list = join(tempDir(), 'paths.txt');
    writeFileSync(list, `# wanted\n${MLX5_NET}\r\n\n${MLX5_CORE}/\ndrivers\n`);
    expect(many(['drivers', '--paths-from', list, '--each', 'drivers/vdpa/mlx5'], mlx5).map((r) => r.path)).toEqual(['drivers', MLX5_NET, MLX5_CORE]);
  });

  it('--paths-from - reads standard input', () => {
    const out = execFileSync(process.execPath, [KSTAT_BIN, '--ndjson', '--paths-from', '-'], { cwd: mlx5, env: hermeticGitEnv(), input: `${MLX5_CORE}\n${MLX5_NET}\n`, encoding: 'utf8' });
    expect(parseNdjson<PathReport>(out).map((x) => x.path)).toEqual([MLX5_CORE, MLX5_NET]);
  });

  it.each([
    [['--each', 'drivers/nope'], /--each "drivers\/nope": no such directory in HEAD/],
    [['--each', 'drivers', '--depth', '9'], /no paths to analyse: --each found no directories that deep/],
    [['--depth', '2', 'drivers'], /--depth goes with --each DIR/],
    [['--paths-from', '/nonexistent/list'], /cannot read --paths-from "\/nonexistent\/list": ENOENT/],
    [['--sort', 'size', 'drivers'], /unknown sort key 'size': use one of path, files, lines/],
    [['--limit', '0', 'drivers'], /--limit "0": give a whole number from 1/],
    [['--jobs', 'many', 'drivers'], /--jobs "many": give a whole number from 1 to 256/],
    [['--strategy', 'fast', 'drivers'], /--strategy "fast": use one of auto, per-path, shared/],
    [['--format', 'xml', 'drivers'], /argument 'xml' is invalid/],
    [['--csv', '--json', 'drivers'], /cannot be used with/],
  ])('%j is a usage error', (args, message) => {
    const r = kstat(args, { cwd: mlx5 });
    expectFailure(r, EXIT.usage, message);
  });
});

describe('formats for many paths', () => {
  it('several paths print a table by default, one block per path with --format text', () => {
    const table = kstat([MLX5_CORE, MLX5_NET], { cwd: mlx5 }).stdout.split('\n');
    expect(table[0]).toMatch(/^path\s+files\s+lines\s+commits\s+subst\.\s+\+\/−\s+authors\s+absence\s+elephant\s+active\s+last change\s+monthly commits \(█ = \d+\)\s*$/);
    // The substantive commits and both factors are the JSON's, in their columns.
    const [core] = many([MLX5_CORE], mlx5);
    const { substantive_commits: subst, absence_factor: absence, elephant_factor: elephant } = core!;
    expect(table[2]).toMatch(new RegExp(`^drivers/vdpa/mlx5/core\\s+3\\s+1,500\\s+58\\s+${subst}\\s+\\+1,023 −390\\s+10\\s+${absence}\\s+${elephant}\\s+20/61\\s+2026-02-18 `));
    expect(table).toContain('2 paths · window 2021-04-21 → 2026-04-21 (5y)');
    const blocks = kstat(['--format', 'text', MLX5_CORE, MLX5_NET], { cwd: mlx5 }).stdout;
    expect(blocks.split('\n').filter((l) => l === 'repository signals')).toHaveLength(2);
  });

  it('CSV has one row per path with the JSON figures', () => {
    const csv = kstat(['--csv', MLX5_CORE, MLX5_NET], { cwd: mlx5 }).stdout.trim().split('\n');
    const json = many([MLX5_CORE, MLX5_NET], mlx5);
    expect(csv[0]).toBe(
      'path,files,lines,commits,added,removed,authors,active_months,months,last_commit_date,last_commit_sha,warnings,revision,revision_sha,since,until,error,' +
        'substantive_commits,sweep_commits,substantive_added,substantive_removed,substantive_authors,absence_factor,substantive_absence_factor,elephant_factor,substantive_elephant_factor,substantive_active_months,last_substantive_commit_date,last_substantive_commit_sha,section,status,maintainer_idle_months,' +
        'reviewed_or_acked_commits,reviewed_share,signed_off_by_commits,signed_off_by_people,reviewed_by_commits,reviewed_by_people,acked_by_commits,acked_by_people,tested_by_commits,tested_by_people,' +
        'reported_by_commits,reported_by_people,co_developed_by_commits,co_developed_by_people,fixes_commits,stable_commits,revert_commits,substantive_reviewed_or_acked_commits,substantive_reviewed_share,maintainer_coverage,' +
        'defconfigs,build_gates,' +
        'releases_changed,releases_considered,first_release,last_release',
    );
    const share = (s: number | null) => (s === null ? '' : s);
    const kinds = (f: PathReport['review']['all']) => [f.signed_off_by, f.reviewed_by, f.acked_by, f.tested_by, f.reported_by, f.co_developed_by].flatMap((t) => [t.commits, t.people]);
    expect(csv.slice(1)).toEqual(
      json.map((r) =>
        [
          r.path, r.files, r.lines, r.commits, r.added, r.removed, r.authors, r.active_months, r.window.months, r.last_commit!.date, r.last_commit!.sha, '', r.revision.name, r.revision.sha, r.window.since, r.window.until, '',
          r.substantive_commits, r.sweep_commits, r.substantive_added, r.substantive_removed, r.substantive_authors, r.absence_factor, r.substantive_absence_factor,
          r.elephant_factor, r.substantive_elephant_factor, r.substantive_active_months, r.last_substantive_commit!.date, r.last_substantive_commit!.sha,
          // No MAINTAINERS in this repository: no section, status or maintainer idle months.
          r.section ?? '', r.status ?? '', '',
          r.review.all.reviewed_or_acked.commits, share(r.review.all.reviewed_or_acked.share), ...kinds(r.review.all),
          r.review.all.fixes.commits, r.review.all.stable.commits, r.review.all.reverts.commits,
          r.review.substantive.reviewed_or_acked.commits, share(r.review.substantive.reviewed_or_acked.share), share(r.maintainer_coverage),
          // No kbuild files: no switch, no defconfig count.
          r.defconfigs ?? '', r.build_switches.filter((s) => s.from === 'parent').map((s) => s.symbol).join(' '),
          // The fixture has no release tags.
          '', '', '', '',
        ].join(','),
      ),
    );
  });

  it('--sort and --limit apply to every format', () => {
    const sorted = many(['--sort', 'commits', '--each', 'drivers', '--depth', '2'], mlx5);
    expect(sorted.map((r) => r.commits)).toEqual([...sorted.map((r) => r.commits)].sort((a, b) => b - a));
    expect(many(['--sort', 'commits', '--limit', '1', '--each', 'drivers', '--depth', '2'], mlx5)).toEqual(sorted.slice(0, 1));
    const nd = parseNdjson<PathReport>(kstat(['--ndjson', '--sort', 'path', '--limit', '2', MLX5_NET, 'drivers', MLX5_CORE], { cwd: mlx5 }).stdout);
    expect(nd.map((x) => x.path)).toEqual(['drivers', MLX5_CORE]);
  });

  it('--sort idle puts the path whose last commit is oldest first, by plain git\'s committer dates; --help names it', () => {
    const each = ['--sort', 'idle', '--each', 'drivers', '--depth', '3'];
    const paths = many(each, mlx5).map((r) => r.path);
    const lastDate = (path: string) => git(mlx5, ['log', '-1', '--format=%cI', '--full-history', '--no-merges', 'HEAD', '--', path]).trim();
    const byDate = [...paths].sort((a, b) => Date.parse(lastDate(a)) - Date.parse(lastDate(b)));
    expect(paths.length).toBeGreaterThan(2);
    expect(paths).toEqual(byDate);
    expect(many([...each, '--order', 'asc'], mlx5).map((r) => r.path)).toEqual([...byDate].reverse());
    // Every key, as commander wraps it to the help's width.
    expect(kstat(['--help'], { cwd: mlx5 }).stdout.replace(/\s+/g, ' ')).toContain(
      '--sort <key> order paths by path, files, lines, commits, substantive_commits, sweep_commits, added, removed, substantive_added, substantive_removed, churn, ' +
        'authors, substantive_authors, absence_factor, substantive_absence_factor, elephant_factor, substantive_elephant_factor, active, substantive_active, last, substantive_last, idle, substantive_idle, maintainer_idle, reviewed, substantive_reviewed, reviewers, fixes, reverts, coverage, defconfigs or releases_changed (idle: whole months since the last commit)',
    );
  });

  it('--order asc puts the least first, in every format; --order alone is a usage error', () => {
    const each = ['--sort', 'commits', '--each', 'drivers', '--depth', '2'];
    const desc = many(each, mlx5).map((r) => r.path);
    const asc = many([...each, '--order', 'asc'], mlx5);
    expect(asc.map((r) => r.commits)).toEqual([...asc.map((r) => r.commits)].sort((a, b) => a - b));
    expect(many([...each, '--order', 'desc'], mlx5).map((r) => r.path)).toEqual(desc);
    const csv = kstat(['--csv', ...each, '--order', 'asc'], { cwd: mlx5 }).stdout.trim().split('\n').slice(1);
    expect(csv.map((l) => l.split(',')[0])).toEqual(asc.map((r) => r.path));
    const table = kstat(['--table', ...each, '--order', 'asc'], { cwd: mlx5 }).stdout.split('\n').slice(2, 2 + asc.length);
    expect(table.map((l) => l.split(' ')[0])).toEqual(asc.map((r) => r.path));
    expectFailure(kstat(['--order', 'asc', MLX5_CORE, MLX5_NET], { cwd: mlx5 }), EXIT.usage, /--order "asc" needs --sort KEY/);
    expectFailure(kstat(['--sort', 'path', '--order', 'up', MLX5_CORE], { cwd: mlx5 }), EXIT.usage, /--order "up": use asc \(least first\) or desc \(most first\)/);
  });

  it('JSON follows the request: an array for --each and --paths-from even when they find one path', () => {
    const list = join(tempDir(), 'one.txt');
    writeFileSync(list, `${MLX5_CORE}\n`);
    expect(Array.isArray(parseJson(kstat(['--json', '--paths-from', list], { cwd: mlx5 }).stdout))).toBe(true);
    const dirs = git(mlx5, ['ls-tree', '-d', '--name-only', 'HEAD', '--', 'drivers/vdpa/']).trim().split('\n');
    expect(dirs).toHaveLength(1);
    expect(parseJson(kstat(['--json', '--each', 'drivers/vdpa'], { cwd: mlx5 }).stdout)).toHaveLength(1);
    expect(Array.isArray(parseJson(kstat(['--json', MLX5_CORE], { cwd: mlx5 }).stdout))).toBe(false);
  });

  it('--width fits the table and the block to N columns; a pipe gets the full layout', () => {
    const wide = (args: string[]) => Math.max(...kstat(args, { cwd: mlx5 }).stdout.split('\n').map((l) => [...l].length));
    const each = ['--each', 'drivers', '--depth', '3', '--years', '10'];
    expect(wide(each)).toBeGreaterThan(120);
    for (const w of [40, 60, 80, 100, 120]) {
      expect(wide(['--width', String(w), ...each])).toBeLessThanOrEqual(w);
      expect(wide(['--width', String(w), '--years', '10', MLX5_CORE])).toBeLessThanOrEqual(w);
    }
    expectFailure(kstat(['--width', '19', MLX5_CORE], { cwd: mlx5 }), EXIT.usage, /--width "19": give a whole number of columns from 20 to 1000/);
  });
});

describe('the same figures however paths are batched', () => {
  const edgePaths = EDGE_PATHS.map((p) => p.path).filter((p) => p !== 'drivers/edge/never');
  const alone = new Map<string, ReturnType<typeof strip>>();
  beforeAll(() => {
    for (const r of many(['--strategy', 'per-path', '--', ...edgePaths], edge)) alone.set(r.path, strip(r));
  });

  it('every edge path alone equals the per-path strategy', () => {
    for (const p of edgePaths.slice(0, 6)) expect(strip(kstatJson(['--', p], { cwd: edge }))).toEqual(alone.get(p));
  });

  it('any subset of paths in one shared walk gives each path its own figures (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...edgePaths), { minLength: 2, maxLength: 8 }), (subset) => {
        const got = many(['--strategy', 'shared', '--', ...subset], edge).map(strip);
        expect(got).toEqual(subset.map((p) => alone.get(p)));
      }),
      { numRuns: 12, seed: 20260421 },
    );
  });

  it('a walk cut into time slices gives the same figures as one walk (property)', () => {
    const sliced = (args: string[], jobs: number): PathReport[] => {
      const r = kstat(['--json', '--jobs', String(jobs), ...args], { cwd: edge, env: { KSTAT_SLICE_FILES: '1' } });
      if (r.code !== 0) throw new Error(r.stderr);
      return [parseJson<PathReport | PathReport[]>(r.stdout)].flat();
    };
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...edgePaths), { minLength: 1, maxLength: 6 }), fc.integer({ min: 2, max: 5 }), (subset, jobs) => {
        expect(sliced(['--strategy', 'shared', '--', ...subset], jobs).map(strip)).toEqual(subset.map((p) => alone.get(p)));
      }),
      { numRuns: 8, seed: 20261124 },
    );
    expect(sliced(['.'], 3).map(strip)).toEqual([alone.get('.') ?? strip(kstatJson(['.'], { cwd: edge }))]);
  });
});

describe('kstat prepare', () => {
  it('writes a commit-graph with Bloom filters, and figures stay the same', () => {
    const repo = fixtureRepo(mlx5VdpaCore);
    const before = many(['--each', 'drivers', '--depth', '3'], repo).map(strip);
    const graph = join(repo, '.git/objects/info/commit-graph');
    expect(existsSync(graph)).toBe(false);
    const r = kstat(['prepare'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/only kstat command that writes to a repository/);
    expect(r.stderr).toMatch(/done in [\d.]+ s: .*commit-graph with Bloom filters\n$/);
    expect(existsSync(graph)).toBe(true);
    expect(git(repo, ['commit-graph', 'verify']).trim()).toBe('');
    expect(many(['--each', 'drivers', '--depth', '3'], repo).map(strip)).toEqual(before);
    expect(many(['--strategy', 'per-path', '--each', 'drivers', '--depth', '3'], repo).map(strip)).toEqual(before);
  });

  it('a slow run without Bloom filters suggests prepare, once, on stderr; not with --quiet, not after prepare', () => {
    const repo = fixtureRepo(mlx5VdpaCore);
    const env = { KSTAT_HINT_AFTER_MS: '0' };
    const r = kstat(['--json', MLX5_CORE], { cwd: repo, env });
    expect(r.stderr).toMatch(/^kstat: this took [\d.]+ s without a commit-graph with changed-path Bloom filters; `kstat prepare` writes one \(once per clone\) and makes a one-path run up to 5× faster\n$/);
    expect(parseJson(r.stdout)).toMatchObject({ commits: 58 });
    expect(kstat(['--json', '--quiet', MLX5_CORE], { cwd: repo, env }).stderr).toBe('');
    kstat(['prepare'], { cwd: repo });
    expect(kstat(['--json', MLX5_CORE], { cwd: repo, env }).stderr).toBe('');
  });

  it('prepare on no repository is an error', () => {
    const r = kstat(['prepare', '-C', tempDir()], { cwd: '/' });
    expect(r.code).toBe(EXIT.notARepository);
  });
});

describe('progress', () => {
  /** Runs kstat under a pseudo-terminal (script(1)), so stderr is a TTY. */
  function onTerminal(args: string[]): string {
    const cmd = [process.execPath, KSTAT_BIN, ...args].map((a) => `'${a}'`).join(' ');
    return execFileSync('script', ['-qec', `${cmd} >/dev/null`, '/dev/null'], {
      cwd: edge,
      env: hermeticGitEnv({ KSTAT_PROGRESS_DELAY_MS: '0', NO_COLOR: '1' }),
      encoding: 'utf8',
    });
  }

  it('shows on a terminal, and not with --quiet or when stderr is not a terminal', () => {
    expect(onTerminal(['--json', '.'])).toMatch(/kstat: [\d,]+ commits · \d+% of the window read · [\d,]+\/s/);
    expect(onTerminal(['--json', '--quiet', '.'])).not.toMatch(/commits · /);
    const piped = kstat(['--json', '.'], { cwd: edge, env: { KSTAT_PROGRESS_DELAY_MS: '0' } });
    expect(piped.stderr).toBe('');
  });
});

describe('colour on a real terminal', () => {
  function stdoutOnTerminal(args: string[], env: Record<string, string> = {}): string {
    const cmd = [process.execPath, KSTAT_BIN, ...args].map((a) => `'${a}'`).join(' ');
    return execFileSync('script', ['-qec', cmd, '/dev/null'], { cwd: mlx5, env: hermeticGitEnv(env), encoding: 'utf8' });
  }

  it('colours a terminal unless NO_COLOR or --no-color says not to', () => {
    expect(stdoutOnTerminal([MLX5_CORE])).toContain('\u001b[');
    expect(stdoutOnTerminal([MLX5_CORE], { NO_COLOR: '1' })).not.toContain('\u001b[');
    expect(stdoutOnTerminal(['--no-color', MLX5_CORE])).not.toContain('\u001b[');
    expect(stdoutOnTerminal(['--table', MLX5_CORE, MLX5_NET])).toContain('\u001b[');
  });
});

describe('the library', () => {
  it('package.json exports it, and analyze() returns data', async () => {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { exports: { '.': { default: string } } };
    const { analyze } = (await import(join(process.cwd(), pkg.exports['.'].default))) as typeof import('../../src/index.js');
    const [r] = await analyze({ repo: mlx5, rev: 'HEAD', paths: [MLX5_CORE] });
    expect(r).toMatchObject({ path: MLX5_CORE, commits: 58, added: 1023, removed: 390, authors: 10, files: 3, lines: 1500 });
  });
});
