// The commit-graph reader and the early stop it proves: checked against git itself.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/build.js';
import { EDGE_PATHS, EDGE_WINDOW, edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { kernel } from '../../fixtures/recipes/kernel.js';
import { analyze, type RunPlan } from '../../src/analyze/index.js';
import { CommitGraph, windowFrontier } from '../../src/git/generation.js';
import type { PathReport } from '../../src/types.js';
import { kstat, kstatJson, parseJson } from '../helpers/cli.js';
import { figures } from '../helpers/figures.js';
import { oracleSignals } from '../helpers/oracle.js';
import { fixtureRepo, git, removeTempDirs, tempDir } from '../helpers/repos.js';

let repo: string;
beforeAll(() => {
  repo = fixtureRepo(edgeCases);
  // An octopus merge, so the graph has an EDGE chunk.
  const env = hermeticGitEnv({ GIT_AUTHOR_NAME: 'O', GIT_AUTHOR_EMAIL: 'o@x', GIT_COMMITTER_NAME: 'O', GIT_COMMITTER_EMAIL: 'o@x', GIT_AUTHOR_DATE: '2026-04-21T00:00:00Z', GIT_COMMITTER_DATE: '2026-04-21T00:00:00Z' });
  const g = (args: string[]) => execFileSync('git', args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const b of ['o1', 'o2', 'o3']) {
    g(['checkout', '-q', '-b', b, 'main~3']);
    writeFileSync(join(repo, `${b}.txt`), `${b}\n`);
    g(['add', `${b}.txt`]);
    g(['commit', '-qm', b]);
  }
  g(['checkout', '-q', 'main']);
  g(['merge', '-q', '--no-edit', 'o1', 'o2', 'o3']);
  git(repo, ['commit-graph', 'write', '--reachable', '--changed-paths']);
});
afterAll(removeTempDirs);

const revList = (args: string[]): string[] => git(repo, ['rev-list', ...args]).trim().split('\n').filter(Boolean);

describe('CommitGraph', () => {
  it('reads every commit, its parents and a corrected date at least its own and above its parents', () => {
    const graph = CommitGraph.load(join(repo, '.git/objects')).graph!;
    expect(graph).not.toBeNull();
    const lines = git(repo, ['rev-list', '--all', '--parents', '--format=%ct']).trim().split('\n');
    let octopus = 0;
    for (let i = 0; i < lines.length; i += 2) {
      const [sha, ...parents] = lines[i]!.replace(/^commit /, '').split(' ');
      const date = Number(lines[i + 1]);
      const pos = graph.find(sha!);
      expect(graph.oid(pos)).toBe(sha);
      expect(graph.parents(pos).map((p) => graph.oid(p))).toEqual(parents);
      expect(graph.generation(pos)).toBeGreaterThanOrEqual(date);
      for (const p of graph.parents(pos)) expect(graph.generation(pos)).toBeGreaterThan(graph.generation(p));
      if (parents.length > 2) octopus++;
    }
    expect(octopus).toBe(1);
    expect(graph.find('f'.repeat(40))).toBe(-1);
  });

  it('reads a split graph chain the same', () => {
    const single = CommitGraph.load(join(repo, '.git/objects')).graph!;
    const dir = fixtureRepo(edgeCases);
    git(dir, ['commit-graph', 'write', '--reachable', '--split', '--size-multiple=100']);
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'more'], { cwd: dir, env: hermeticGitEnv({ GIT_AUTHOR_NAME: 'x', GIT_AUTHOR_EMAIL: 'x@x', GIT_COMMITTER_NAME: 'x', GIT_COMMITTER_EMAIL: 'x@x' }) });
    git(dir, ['commit-graph', 'write', '--reachable', '--split', '--size-multiple=100']);
    const split = CommitGraph.load(join(dir, '.git/objects')).graph!;
    expect(git(dir, ['rev-parse', '--git-path', 'objects/info/commit-graphs/commit-graph-chain']).trim()).toMatch(/commit-graph-chain$/);
    const head = split.find(git(dir, ['rev-parse', 'HEAD']).trim());
    expect(head).toBeGreaterThanOrEqual(0);
    const base = git(dir, ['rev-parse', 'HEAD~1']).trim();
    expect(split.parents(head).map((p) => split.oid(p))).toEqual([base]);
    expect(split.generation(split.find(base))).toBe(single.generation(single.find(base)));
  });
});

describe('windowFrontier', () => {
  it('excludes no commit of the window, and some history', () => {
    const graph = CommitGraph.load(join(repo, '.git/objects')).graph!;
    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    for (const since of ['2021-04-21T00:00:00Z', '2024-01-01T00:00:00Z', '2025-06-15T00:00:00Z']) {
      const s = Date.parse(since) / 1000;
      const { frontier } = windowFrontier(graph, head, s);
      expect(frontier).not.toBeNull();
      const inWindow = revList([`--since-as-filter=@${s} +0000`, 'HEAD']);
      const walked = revList(['HEAD', ...frontier!.map((f) => `^${f}`)]);
      expect(walked).toEqual(expect.arrayContaining(inWindow));
      expect(walked.length).toBeLessThan(revList(['HEAD']).length);
    }
  });
});

describe('figures with the early stop', () => {
  it('equal plain git for every edge path, clock skew included', () => {
    const paths = EDGE_PATHS.map((p) => p.path).filter((p) => p !== 'drivers/edge/never');
    const r = kstat(['--json', '--strategy', 'shared', '--', ...paths], { cwd: repo });
    const since = Date.parse(EDGE_WINDOW.since) / 1000;
    const until = Date.parse(EDGE_WINDOW.until) / 1000;
    for (const report of parseJson<PathReport[]>(r.stdout)) {
      expect(figures(report)).toEqual(oracleSignals({ repo, rev: 'HEAD', path: report.path, since, until }));
    }
  });
});

describe('when git would not trust the graph alone', () => {
  it('with replace refs there is no early stop, and figures equal plain git, which follows the replacement', async () => {
    const dir = fixtureRepo(edgeCases);
    git(dir, ['commit-graph', 'write', '--reachable', '--changed-paths']);
    const plan = async (): Promise<RunPlan> => {
      let seen: RunPlan | null = null;
      await analyze({ repo: dir, rev: 'HEAD', paths: ['drivers/edge'] }, { onPlan: (p) => (seen = p) });
      return seen!;
    };
    expect((await plan()).frontier).not.toBeNull();
    // Graft HEAD~2 onto HEAD~5's parents: history git walks changes, the graph does not.
    const graft = git(dir, ['rev-parse', 'HEAD~2']).trim();
    git(dir, ['replace', '--graft', graft, git(dir, ['rev-parse', 'HEAD~5']).trim()]);
    expect((await plan()).frontier).toBeNull();
    const since = Date.parse(EDGE_WINDOW.since) / 1000;
    const until = Date.parse(EDGE_WINDOW.until) / 1000;
    for (const path of ['drivers/edge', '.']) {
      expect(figures(kstatJson([path], { cwd: dir }))).toEqual(oracleSignals({ repo: dir, rev: 'HEAD', path, since, until }));
    }
  });
});

describe("last commits from the windowed walk, where the graph proves git lists the window first", () => {
  const plan = async (dir: string, extra: { since?: number; until?: number } = {}): Promise<RunPlan> => {
    let seen: RunPlan | null = null;
    await analyze({ repo: dir, rev: 'HEAD', paths: ['drivers'], ...extra }, { onPlan: (p) => (seen = p) });
    return seen!;
  };
  /** Each path's newest non-merge commit, as plain git gives it. */
  const newest = (dir: string, path: string): string | null => git(dir, ['log', '-1', '--format=%H', '--full-history', '--no-merges', 'HEAD', '--', path]).trim() || null;

  it('every path of a run, those with no commit in the window too, has the newest commit plain git gives', async () => {
    const dir = fixtureRepo(kernel);
    git(dir, ['commit-graph', 'write', '--reachable', '--changed-paths']);
    // A short window, so that some paths have no commit in it.
    const since = '2025-10-15';
    expect((await plan(dir, { since: Date.parse(since) / 1000 })).windowFirst).toBe(true);
    const paths = git(dir, ['ls-tree', '-r', '-d', '--name-only', 'HEAD', 'drivers']).trim().split('\n');
    const reports = parseJson<PathReport[]>(kstat(['--json', '--since', since, '--strategy', 'shared', '--', ...paths], { cwd: dir }).stdout);
    expect(reports.map((r) => [r.path, r.last_commit?.sha ?? null])).toEqual(paths.map((p) => [p, newest(dir, p)]));
    // Some path has no commit in the window: its last commit came from the walk after.
    expect(reports.some((r) => r.commits === 0 && r.last_commit !== null)).toBe(true);
    // Every other figure (sweeps too, now found by diff-tree alone) as without the graph, in this
    // window and the default one, which has sweeps.
    expect((await plan(dir)).windowFirst).toBe(true);
    const noGraph = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.commitGraph', GIT_CONFIG_VALUE_0: 'false' };
    for (const window of [['--since', since], []]) {
      const run = (env?: Record<string, string>): PathReport[] => parseJson<PathReport[]>(kstat(['--json', ...window, '--strategy', 'shared', '--', ...paths], { cwd: dir, env }).stdout);
      const withGraph = run();
      expect(withGraph).toEqual(run(noGraph));
      if (window.length === 0) expect(withGraph.some((r) => r.sweep_commits > 0)).toBe(true);
    }
  });

  it('not on clock-skewed history, nor with commits after --until', async () => {
    expect((await plan(repo)).windowFirst).toBe(false);
    const dir = fixtureRepo(kernel);
    git(dir, ['commit-graph', 'write', '--reachable']);
    const head = Number(git(dir, ['log', '-1', '--format=%ct']).trim());
    expect((await plan(dir, { until: head - 86400 * 30 })).windowFirst).toBe(false);
  });
});

describe('time slices and last commits from the windowed walk', () => {
  /**
   * P's newest commit in git's order is X, dated 2022 but a child of Y, dated 2024 (a clock
   * skewed inside the window): git lists H, X, Y. Sliced at 2023, the newer slice holds Y.
   */
  function skewed(xDate: string): string {
    const dir = tempDir('kstat-slices-');
    git(dir, ['init', '-q']);
    const commit = (file: string, date: string, subject: string): void => {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), `${subject}\n`);
      git(dir, ['add', '-A']);
      execFileSync('git', ['commit', '-qm', subject], { cwd: dir, env: hermeticGitEnv({ GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }) });
    };
    commit('P/a.c', '2020-01-01T00:00:00Z', 'A');
    commit('Q/b.c', '2020-01-02T00:00:00Z', 'B');
    commit('P/y.c', '2024-01-01T00:00:00Z', 'Y');
    commit('P/x.c', xDate, 'X');
    commit('Q/h.c', '2025-01-01T00:00:00Z', 'H');
    git(dir, ['commit-graph', 'write', '--reachable', '--changed-paths']);
    return dir;
  }
  const run = async (dir: string): Promise<{ walks: number; last: Array<string | undefined> }> => {
    let walks = 0;
    const reports = await analyze({ repo: dir, rev: 'HEAD', paths: ['P', 'Q'], since: Date.parse('2021-01-01T00:00:00Z') / 1000, jobs: 2, sliceFiles: 1, strategy: 'shared' }, { onWalk: () => walks++ });
    return { walks, last: reports.map((r) => ('last_commit' in r ? r.last_commit?.subject : undefined)) };
  };

  it('a clock skewed inside the window: one walk, and the last commit git log -1 gives', async () => {
    const dir = skewed('2022-01-01T00:00:00Z');
    expect(git(dir, ['log', '-1', '--format=%s', '--', 'P']).trim()).toBe('X');
    expect(await run(dir)).toEqual({ walks: 1, last: ['X', 'H'] });
  });

  it('dates that never grow: the walk is sliced, and the last commits are the same as git gives', async () => {
    const dir = skewed('2024-06-01T00:00:00Z');
    expect(await run(dir)).toEqual({ walks: 2, last: ['X', 'H'] });
  });
});
