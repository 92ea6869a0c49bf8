// Substantive work and who does it, end to end: on the sweeps fixture (commits right on the edge
// of the sweep rule), the mlx5 example and the edge cases, kstat's new JSON keys equal the
// independent oracle's, for one path and many in one run, under other --sweep-dirs and --authors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_PATHS, edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { MLX5_CORE, MLX5_NET, mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import { QCOM, SWEEP_PATHS, sweeps } from '../../fixtures/recipes/sweeps.js';
import { DEFAULT_SWEEP_DIRS } from '../../src/signals/sweep.js';
import type { PathReport } from '../../src/types.js';
import { kstat, kstatJson, parseJson } from '../helpers/cli.js';
import { oracleSignals } from '../helpers/oracle.js';
import { commitRecords, isSweep, outsideDirectories, reportedSubstantive, substantiveOf, type CommitRecord, type SubstantiveFigures } from '../helpers/oracle-people.js';
import { fixtureRepo, git, removeTempDirs, tempDir } from '../helpers/repos.js';

const K = DEFAULT_SWEEP_DIRS;
const SINCE = Date.parse('2021-04-21T00:00:00Z') / 1000;
const UNTIL = Date.parse('2026-04-21T00:00:00Z') / 1000;
const PATHS = SWEEP_PATHS.map((p) => p.path);
const MLX5_PATHS = [MLX5_CORE, MLX5_NET, 'drivers/vdpa/mlx5', 'drivers/vdpa', 'drivers', '.', `${MLX5_CORE}/mr.c`];
const EDGE = EDGE_PATHS.map((p) => p.path).filter((p) => p !== 'drivers/edge/never');

let repo: string;
let mlx5: string;
let edge: string;
beforeAll(() => {
  repo = fixtureRepo(sweeps);
  mlx5 = fixtureRepo(mlx5VdpaCore);
  edge = fixtureRepo(edgeCases);
});
afterAll(removeTempDirs);

// One git read per repository and path; each K and N is then the oracle's aggregation alone.
const read = new Map<string, CommitRecord[]>();
function records(at: string, path: string): CommitRecord[] {
  const key = `${at}\0${path}`;
  if (!read.has(key)) read.set(key, commitRecords({ repo: at, rev: 'HEAD', path, since: SINCE, until: UNTIL }));
  return read.get(key)!;
}
const oracle = (at: string, path: string, dirs = K, authors = 5): SubstantiveFigures =>
  substantiveOf(records(at, path), { repo: at, rev: 'HEAD', path, since: SINCE, until: UNTIL, sweepDirs: dirs, authors });

/** kstat --json over several paths (options first), one report per path in order. */
function many(at: string, args: string[]): PathReport[] {
  const r = kstat(['--json', ...args], { cwd: at });
  if (r.code !== 0) throw new Error(`kstat exited ${r.code}: ${r.stderr}`);
  return [parseJson<PathReport | PathReport[]>(r.stdout)].flat();
}
const one = (at: string, args: string[]): PathReport => kstatJson(args, { cwd: at });

const subject = (r: CommitRecord): string => r.subject.toString('utf8');
function commit(path: string, title: string): CommitRecord {
  const found = records(repo, path).filter((r) => subject(r).startsWith(title));
  if (found.length !== 1) throw new Error(`${found.length} commits of ${path} titled ${title}`);
  return found[0]!;
}
const spread = (path: string, title: string): number => outsideDirectories(path, commit(path, title).files).size;

describe('the sweeps fixture has its traps (plain git, the oracle\'s rule)', () => {
  it(`qcom: the sweeps are the root commit and the spreads of K = ${K} or more, or treewide:; K − 1 is local work`, () => {
    expect(spread(QCOM, 'clk: convert drivers to clk_hw_register_fixed_rate()')).toBe(K);
    expect(spread(QCOM, 'Revert "clk: convert drivers')).toBe(K);
    expect(spread(QCOM, 'clk: use devm_platform_ioremap_resource()')).toBe(K - 1);
    expect(spread(QCOM, 'clk: drop of_match_ptr() from every driver')).toBe(K + 3);
    expect(spread(QCOM, 'clk: move the shared PLL code')).toBe(K);
    expect(spread(QCOM, 'clk: qcom: switch RCG ops')).toBe(K + 1);
    expect(records(repo, QCOM).filter((r) => isSweep(QCOM, r, K)).map(subject)).toEqual([
      "treewide: replace 'seperate' with 'separate'",
      'TreeWide: use the fallthrough pseudo-keyword',
      'clk: move the shared PLL code to drivers/clk/common',
      'clk: qcom: switch RCG ops to determine_rate and convert every user',
      "docs: fix 'occured' in comments",
      'clk: drop of_match_ptr() from every driver',
      'Revert "clk: convert drivers to clk_hw_register_fixed_rate()"',
      'clk: convert drivers to clk_hw_register_fixed_rate()',
      'Linux 5.13 (imported tree)',
    ]);
  });

  it('the sweep that rewrites qcom code carries many of its lines', () => {
    expect(commit(QCOM, 'clk: qcom: switch RCG ops')).toMatchObject({ added: 120, removed: 40 });
  });

  it('a file path counts its siblings as a directory: the K − 1 commit is a sweep for gcc.c', () => {
    expect(spread(`${QCOM}/gcc.c`, 'clk: use devm_platform_ioremap_resource()')).toBe(K);
  });

  it('the rename\'s source side is the K-th directory for drivers/clk/common', () => {
    const r = commit('drivers/clk/common', 'clk: move the shared PLL code');
    expect(r.files.map((f) => f.toString())).toContain(`${QCOM}/clk-pll.c`);
    expect(outsideDirectories('drivers/clk/common', r.files).size).toBe(K);
    expect(outsideDirectories('drivers/clk/common', r.files.filter((f) => !f.toString().startsWith(QCOM))).size).toBe(K - 1);
  });

  it('the cleanup of every drivers/clk/* is local work for drivers/clk', () => {
    expect(spread('drivers/clk', 'clk: drop of_match_ptr() from every driver')).toBe(0);
  });

  it('one level up: K and K − 1 top-level directories, a top-level file counting as ``', () => {
    expect(spread('drivers', "docs: fix 'occured' in comments")).toBe(K);
    expect(spread('drivers', 'kbuild: drop the obsolete EXTRA_CFLAGS')).toBe(K - 1);
    expect(outsideDirectories('drivers', commit('drivers', 'kbuild:').files)).toContain('');
  });

  it('the whole tree: only the two treewide: subjects are sweeps, not `treewide cleanup:`', () => {
    expect(records(repo, '.').filter((r) => isSweep('.', r, 1)).map(subject)).toEqual(["treewide: replace 'seperate' with 'separate'", 'TreeWide: use the fallthrough pseudo-keyword']);
    expect(commit('.', 'treewide cleanup:')).toBeDefined();
  });

  it('qcom\'s authors: a three-way tie at the top, names from the newest commit by committer date, domains folded', () => {
    const o = oracle(repo, QCOM);
    expect(o.top_authors.slice(0, 4).map((a) => [a.name, a.email, a.commits])).toEqual([
      ['Bjorn Andersson', 'Bjorn.Andersson@linaro.example', 4],
      ['Dmitry Baryshkov', 'dmitry.baryshkov@linaro.example', 4],
      ['Taniya D.', 'taniya.das@quicinc.example', 4],
      ['Konrad Dybcio', 'konrad.dybcio@Linaro.EXAMPLE', 3],
    ]);
    expect(o.top_domains.find((d) => d.domain === 'linaro.example')).toMatchObject({ authors: 3, commits: 11 });
    expect(oracle(repo, QCOM, K, 20).top_domains.find((d) => d.domain === '')).toMatchObject({ authors: 2, commits: 2 });
  });

  it('qcom\'s newest commit is a sweep; the newest substantive one is the child of a same-second pair', () => {
    const [newest, child, parent] = records(repo, QCOM);
    expect(isSweep(QCOM, newest!, K)).toBe(true);
    expect(child!.ct).toBe(parent!.ct);
    expect(oracle(repo, QCOM).last_substantive_commit).toEqual({ sha: child!.sha, date: '2026-03-10T12:00:00Z', subject: subject(child!) });
  });

  it('other K move the borderline commits across', () => {
    expect([K - 2, K, K + 3].map((k) => oracle(repo, QCOM, k).sweep_commits)).toEqual([11, 9, 4]);
    expect([K - 2, K, K + 3].map((k) => oracle(repo, 'drivers', k).sweep_commits)).toEqual([5, 4, 3]);
  });
});

describe('the mlx5 example, by the oracle', () => {
  it('drivers/vdpa/mlx5/core: 55 substantive commits by 8 of its 10 authors; the 3 sweeps by 2 people who write nothing else there', () => {
    const o = oracle(mlx5, MLX5_CORE);
    expect([o.substantive_commits, o.sweep_commits, o.substantive_authors]).toEqual([55, 3, 8]);
    expect(oracleSignals({ repo: mlx5, rev: 'HEAD', path: MLX5_CORE, since: SINCE, until: UNTIL })).toMatchObject({ commits: 58, authors: 10 });
    const recs = records(mlx5, MLX5_CORE);
    const sweepers = new Set(recs.filter((r) => isSweep(MLX5_CORE, r, K)).map((r) => r.email.toString()));
    expect(sweepers.size).toBe(2);
    expect(recs.filter((r) => !isSweep(MLX5_CORE, r, K) && sweepers.has(r.email.toString()))).toEqual([]);
  });

  it('the two spread sweeps stay sweeps up to K = 12', () => {
    expect(oracle(mlx5, MLX5_CORE, 12).sweep_commits).toBe(3);
  });
});

describe('kstat equals the oracle', () => {
  it.each(PATHS)('sweeps fixture, %s alone', (path) => {
    expect(reportedSubstantive(one(repo, ['--', path]))).toEqual(oracle(repo, path));
  });

  it('sweeps fixture, every path in one run', () => {
    const got = many(repo, ['--', ...PATHS]);
    expect(got.map((r) => r.path)).toEqual(PATHS);
    got.forEach((r, i) => expect([PATHS[i], reportedSubstantive(r)]).toEqual([PATHS[i], oracle(repo, PATHS[i]!)]));
  });

  it('--each drivers/clk: every vendor, common and the others', () => {
    const got = many(repo, ['--each', 'drivers/clk']);
    const dirs = git(repo, ['ls-tree', '-d', '--name-only', 'HEAD', '--', 'drivers/clk/']).trim().split('\n');
    expect(got.map((r) => r.path)).toEqual(dirs);
    for (const r of got) expect([r.path, reportedSubstantive(r)]).toEqual([r.path, oracle(repo, r.path)]);
  });

  it('--sort substantive_commits --order asc lists the least-worked-on directories first', () => {
    const got = many(repo, ['--each', 'drivers/clk', '--sort', 'substantive_commits', '--order', 'asc']);
    const byOracle = got
      .map((r) => ({ path: r.path, n: oracle(repo, r.path).substantive_commits }))
      .sort((a, b) => a.n - b.n || Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
    expect(got.map((r) => r.path)).toEqual(byOracle.map((r) => r.path));
    // The order says something: not every directory has the same count.
    expect(new Set(byOracle.map((r) => r.n)).size).toBeGreaterThan(1);
  });

  it.each([K - 2, K + 3])('--sweep-dirs %i, alone and in one run', (dirs) => {
    expect(reportedSubstantive(one(repo, ['--sweep-dirs', String(dirs), '--', QCOM]))).toEqual(oracle(repo, QCOM, dirs));
    const got = many(repo, ['--sweep-dirs', String(dirs), '--', ...PATHS]);
    got.forEach((r, i) => expect([PATHS[i], reportedSubstantive(r)]).toEqual([PATHS[i], oracle(repo, PATHS[i]!, dirs)]));
  });

  it('the default rule is stated: sweep_rule is { dirs: K }', () => {
    expect(one(repo, ['--', QCOM])).toMatchObject({ sweep_rule: { dirs: K } });
  });

  it.each([2, 0, 20])('--authors %i cuts both lists, ties by key', (n) => {
    for (const path of [QCOM, '.']) {
      expect(reportedSubstantive(one(repo, ['--authors', String(n), '--', path]))).toEqual(oracle(repo, path, K, n));
    }
    const got = many(repo, ['--authors', String(n), '--sweep-dirs', String(K + 3), '--', ...PATHS]);
    got.forEach((r, i) => expect([PATHS[i], reportedSubstantive(r)]).toEqual([PATHS[i], oracle(repo, PATHS[i]!, K + 3, n)]));
  });

  it.each(MLX5_PATHS)('mlx5 example, %s alone', (path) => {
    expect(reportedSubstantive(one(mlx5, ['--', path]))).toEqual(oracle(mlx5, path));
  });

  it('mlx5 example, every path in one run, and under other K', () => {
    for (const dirs of [K, K - 2, K + 3]) {
      const got = many(mlx5, [...(dirs === K ? [] : ['--sweep-dirs', String(dirs)]), '--', ...MLX5_PATHS]);
      got.forEach((r, i) => expect([MLX5_PATHS[i], dirs, reportedSubstantive(r)]).toEqual([MLX5_PATHS[i], dirs, oracle(mlx5, MLX5_PATHS[i]!, dirs)]));
    }
  });

  it('mlx5 example: drivers/vdpa/mlx5/core has 55 substantive commits by 8 authors', () => {
    expect(one(mlx5, [MLX5_CORE])).toMatchObject({ commits: 58, authors: 10, substantive_commits: 55, sweep_commits: 3, substantive_authors: 8 });
  });

  /** The git commands a run starts, as GIT_TRACE logs them. */
  const traced = (args: string[], env: Record<string, string> = {}): { reports: PathReport[]; commands: string[] } => {
    const file = join(tempDir(), 'trace');
    const r = kstat(['--json', ...args], { cwd: repo, env: { ...env, GIT_TRACE: file } });
    expect(r.code).toBe(0);
    return { reports: parseJson<PathReport[]>(r.stdout), commands: readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('trace: built-in: git')) };
  };
  const diffTree = (commands: string[]): string[] => commands.filter((l) => l.includes('diff-tree --stdin') && l.includes('--name-only'));

  it('a run that walks the window for last commits reads each commit\'s files there, and starts no diff-tree for them', () => {
    // README changed only in the root commit, so the last-commit walk reads the whole window to find it.
    const { reports, commands } = traced(['--', QCOM, 'drivers/clk/imx', 'README']);
    expect(commands.some((l) => l.includes(' log ') && l.includes('--full-diff'))).toBe(true);
    expect(diffTree(commands)).toEqual([]);
    for (const r of reports) expect([r.path, reportedSubstantive(r)]).toEqual([r.path, oracle(repo, r.path)]);
  });

  it('one path alone, and the paths of a per-path run, read their commits\' files with diff-tree', () => {
    expect(diffTree(traced(['--each', 'drivers/clk', '--strategy', 'per-path']).commands).length).toBeGreaterThan(1);
    const { reports } = traced(['--each', 'drivers/clk', '--strategy', 'per-path']);
    for (const r of reports) expect([r.path, reportedSubstantive(r)]).toEqual([r.path, oracle(repo, r.path)]);
  });

  it('a walk cut into time slices, older slices asking before the last-commit walk gets there, counts the same', () => {
    const { reports } = traced(['-j', '4', '--', ...PATHS], { KSTAT_SLICE_FILES: '1' });
    reports.forEach((r, i) => expect([PATHS[i], reportedSubstantive(r)]).toEqual([PATHS[i], oracle(repo, PATHS[i]!)]));
  });

  it('edge cases (odd names, a submodule, Latin-1 names, an empty e-mail), every path in one run', () => {
    const got = many(edge, ['--', ...EDGE]);
    got.forEach((r, i) => expect([EDGE[i], reportedSubstantive(r)]).toEqual([EDGE[i], oracle(edge, EDGE[i]!)]));
  });
});
