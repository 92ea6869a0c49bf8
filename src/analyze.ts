// The library core: options in, one PathReport per path out. It never prints.
//
// Paths are analysed in batches. A batch is one shared history walk over a few pathspecs that
// hold all its paths; each commit is attributed to the paths holding its files (see
// signals/attribute.ts for when a commit's figures must be read again for one path). Three
// git readers run side by side per batch: the windowed walk with numstat (cut into time
// slices walked at once when the batch is large and has jobs to spare), the walk for each
// path's newest commit (stopped as soon as every path has one), and the tree.
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { UsageError } from './errors.js';
import { commitGraphInfo, type CommitGraphInfo } from './git/commit-graph.js';
import { CommitGraph, windowFrontier } from './git/generation.js';
import { walkHistory, walkTouches } from './git/history.js';
import { PairQueue } from './git/subtree-diff.js';
import type { CommitRecord } from './git/log-parser.js';
import { checkGitVersion, configBool, hasReplaceRefs, mailmapSources, openRepository, resolveRevision, shallowBoundary, type Repository, type Revision } from './git/repo.js';
import { listDirectories, nearbyPaths, treeFigures, type TreeFigures } from './git/tree.js';
import type { AnalyzeOptions } from './options.js';
import { HistoryAccumulator } from './signals/aggregate.js';
import { attribute } from './signals/attribute.js';
import { coveringPathspecs, PathIndex } from './signals/paths.js';
import { dayOf, isoUtc, makeWindow } from './signals/window.js';
import { SCHEMA, type CommitRef, type PathReport, type Window } from './types.js';

/** Beyond this many pathspecs git's per-entry matching costs more than walking wider. */
export const MAX_PATHSPECS = 8;

export type Strategy = 'auto' | 'per-path' | 'shared';

export interface Progress {
  /** Commits read from the windowed walks so far. */
  commits: number;
  /** How much of the window the walks have read, 0 to 1: each walks its slice from its end back. */
  share: number;
  pathsDone: number;
  paths: number;
  window: Window;
}

export interface RunPlan {
  paths: number;
  batches: number;
  commitGraph: boolean;
  bloom: boolean;
  /** Commits the windowed walk starts from excluding, proven older than the window; null: no early stop. */
  frontier: number | null;
}

export interface RunHooks {
  /** Once, before the walks: what will be walked and what the repository offers. */
  onPlan?: (plan: RunPlan) => void;
  onProgress?: (p: Progress) => void;
  /** Each windowed walk as it starts: its slice of the window (epoch seconds) and pathspecs. */
  onWalk?: (walk: { since: number; until: number; pathspecs: string[] }) => void;
}

interface Context {
  repo: Repository;
  rev: Revision;
  window: Window;
  mailmap: string[];
  graph: CommitGraphInfo;
  /** Where the windowed walk may stop (generation.ts), or null to walk all history. */
  frontier: string[] | null;
  /** Warnings about the repository, the same for every path. */
  warnings: string[];
}

/** Reports for every path, in the order asked. */
export async function analyze(options: AnalyzeOptions, hooks: RunHooks = {}): Promise<PathReport[]> {
  const out: PathReport[] = [];
  for await (const r of analyzeEach(options, hooks)) out.push(r);
  return out;
}

/** Reports in the order asked, each as soon as it and those before it are done. */
export async function* analyzeEach(options: AnalyzeOptions, hooks: RunHooks = {}): AsyncGenerator<PathReport> {
  const ctx = await prepare(options);
  const paths = await allPaths(ctx, options);
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const batches = plan(paths, options.strategy ?? 'auto', ctx.graph.bloom, jobs);
  hooks.onPlan?.({ paths: paths.length, batches: batches.length, commitGraph: ctx.graph.present, bloom: ctx.graph.bloom, frontier: ctx.frontier?.length ?? null });
  const progress = progressTracker(paths.length, batches.length, ctx.window, hooks.onProgress);
  const run = limiter(jobs);
  // Jobs left over by the batches go to slicing each batch's window.
  const slices = Math.max(1, Math.floor(jobs / batches.length));
  const sliceFiles = options.sliceFiles ?? SLICE_FILES;
  const pending = batches.map((paths) => run(() => runBatch(ctx, paths, { slices, files: sliceFiles }, progress, hooks.onWalk)));
  // Nothing may be left unobserved if the consumer stops early or a batch fails.
  for (const p of pending) p.catch(() => {});
  for (const p of pending) yield* await p;
}

/** The paths asked for, then those --each finds, each once, in that order. */
async function allPaths(ctx: Context, options: AnalyzeOptions): Promise<string[]> {
  const paths = [...options.paths];
  for (const { dir, depth } of options.each ?? []) {
    const found = await listDirectories(ctx.repo, ctx.rev.sha, dir, depth);
    if (!found.exists) throw new UsageError(`--each ${JSON.stringify(dir)}: no such directory in ${ctx.rev.name} (name a directory of the tree, e.g. --each drivers)`);
    paths.push(...found.dirs);
  }
  if (paths.length === 0) throw new UsageError('no paths to analyse: --each found no directories that deep (try a smaller --depth) and no path was named');
  return [...new Set(paths)];
}

/**
 * How to split the paths into walks. One shared walk is cheapest in general: git's cost is
 * dominated by visiting every commit, which a shared walk does once. With changed-path Bloom
 * filters a walk limited to one path skips most commits cheaply, so a few paths are walked
 * one by one, in parallel.
 */
export function plan(paths: string[], strategy: Strategy, bloom: boolean, jobs: number): string[][] {
  if (strategy === 'per-path' || (strategy === 'auto' && bloom && paths.length > 1 && paths.length <= jobs)) return paths.map((p) => [p]);
  return paths.length === 0 ? [] : [paths];
}

async function prepare(options: AnalyzeOptions): Promise<Context> {
  const [, repo] = await Promise.all([checkGitVersion(), openRepository(options.repo)]);
  const [rev, mailmap, shallow, replaced] = await Promise.all([resolveRevision(repo, options.rev), mailmapSources(repo), shallowBoundary(repo), hasReplaceRefs(repo)]);
  const window = makeWindow({ until: options.until ?? rev.time, since: options.since, years: options.years });
  const warnings: string[] = [];
  if (shallow !== null) {
    const n = repo.shallow.length;
    warnings.push(
      `shallow clone: history stops at ${dayOf(shallow)}, and the ${n === 1 ? '1 commit there is' : `${n} commits there are`} not counted, so figures may be low (run git fetch --unshallow)`,
    );
  }
  const graph = configBool(repo.config.get('core.commitgraph'), true) ? commitGraphInfo(repo.objectsDir) : { present: false, bloom: false };
  if (!configBool(repo.config.get('commitgraph.readchangedpaths'), true)) graph.bloom = false;
  const frontier = graph.present && !replaced ? earlyStop(repo, rev, window) : null;
  return { repo, rev, window, mailmap, graph, frontier, warnings };
}

/**
 * The frontier of commits proven older than the window, when the commit-graph holds the
 * revision and git would trust it too (not in a shallow clone, not with replace refs).
 */
function earlyStop(repo: Repository, rev: Revision, window: Window): string[] | null {
  if (repo.shallow.length > 0 || window.since <= 0) return null;
  const cg = CommitGraph.load(repo.objectsDir);
  return cg && windowFrontier(cg, rev.sha, window.since);
}

/**
 * A batch whose tree holds this many files is walked in time slices, one per job the batch
 * has. Every slice walks all of history, but git's diff work inside the window, which
 * dominates large subtrees, is shared out. For a small path the history walk is the cost, and
 * slices would only repeat it.
 */
export const SLICE_FILES = 2000;

/**
 * The window cut into at most `n` consecutive, disjoint slices of equal length, newest first.
 * git dates no commit before 1970, and a walk's bounds at or before it all reach back to
 * 1970 (history.ts), so only one slice may: slicing starts there.
 */
export function timeSlices(windowSince: number, windowUntil: number, n: number): Array<{ since: number; until: number }> {
  // Slices are cut at whole seconds, as git dates commits.
  const since = Math.max(0, Math.ceil(windowSince));
  const until = Math.floor(windowUntil);
  if (until < since) return [{ since: windowSince, until: windowUntil }];
  const length = (until - since + 1) / n;
  const bounds = Array.from({ length: n + 1 }, (_, i) => (i === n ? until + 1 : since + Math.round(i * length)));
  const slices = bounds.slice(0, -1).map((from, i) => ({ since: from, until: bounds[i + 1]! - 1 }));
  const kept = slices.filter((w) => w.since <= w.until);
  kept[0]!.since = windowSince;
  return kept.reverse();
}

async function runBatch(ctx: Context, paths: string[], slicing: { slices: number; files: number }, progress: ProgressTracker, onWalk?: RunHooks['onWalk']): Promise<PathReport[]> {
  const { rev, window } = ctx;
  // The batch's git processes stop together: once one reader fails, the others' work is lost.
  const stop = new AbortController();
  // One listener per git process of the batch; with many slices that is more than node's default 10.
  setMaxListeners(Infinity, stop.signal);
  const repo = { ...ctx.repo, signal: stop.signal };
  const index = new PathIndex(paths);
  // With Bloom filters one pathspec lets git skip commits that do not touch it (git uses the
  // filters only for a single pathspec); the whole tree gains nothing from them.
  const single = coveringPathspecs(paths, 1);
  const pathspecs = ctx.graph.bloom && single[0] !== '.' ? single : coveringPathspecs(paths, MAX_PATHSPECS);
  // A walk over exactly the one path needs no attribution.
  const alone = paths.length === 1 && pathspecs.length === 1 && pathspecs[0] === paths[0];

  const history = paths.map(() => new HistoryAccumulator(window));
  // (commit, path) pairs whose figures git must give again, limited to the path.
  const again = new PairQueue(repo);
  const onCommit = (c: CommitRecord): void => {
    if (alone) {
      history[0]!.add(c);
      return;
    }
    for (const share of attribute(c, index)) {
      const totals = history[share.path]!;
      if (share.exact) {
        totals.add(c, share.files);
        continue;
      }
      // Keep the commit's header only: its files may be a tree-wide sweep.
      const header = { ...c, files: [] };
      again.add({ sha: c.sha, path: paths[share.path]!, onFiles: (files) => totals.add(header, files) });
    }
  };

  const touches = lastCommits(repo, rev.sha, paths, index, pathspecs, window.since, alone);
  // Observed below, after the walks start; a failure meanwhile must not go unhandled.
  touches.catch(() => {});
  // The walk is sliced if the tree listing shows enough files; the listing answers as soon as it knows.
  const maySlice = slicing.slices > 1;
  let answer!: (large: boolean) => void;
  const large = new Promise<boolean>((resolve) => (answer = resolve));
  const tree = treeFigures(repo, rev.sha, pathspecs, index, maySlice ? { files: slicing.files, answer } : undefined);
  // Only the answer is waited for here; the listing's failure is the tree's to report.
  const slices = maySlice && (await Promise.race([large, tree.then(() => false, () => false)])) ? slicing.slices : 1;
  const walks = timeSlices(window.since, window.until, slices).map((slice) => {
    const query = { sha: rev.sha, since: slice.since, until: slice.until, pathspecs, raw: !alone, exclude: repo.shallow, frontier: ctx.frontier };
    const at = progress.slice(slice);
    onWalk?.({ ...slice, pathspecs });
    return walkHistory(repo, query, (c) => {
      at(c.time);
      onCommit(c);
    });
  });
  const walk = Promise.all(walks).then(() => again.end());

  const [figures, , last] = await Promise.all([tree, walk, touches]).catch((e: unknown) => {
    stop.abort();
    throw e;
  });
  progress.pathsDone(paths.length);
  const never = paths.findIndex((_, i) => !figures[i]!.exists && last[i] === null);
  if (never >= 0) throw await pathNotFound(ctx, paths[never]!);
  return paths.map((path, i) => report(ctx, path, figures[i]!, history[i]!, last[i]!));
}

/** A path neither in the tree nor in its history: most likely mistyped, so say what is near. */
async function pathNotFound(ctx: Context, path: string): Promise<UsageError> {
  const { close, deepest } = await nearbyPaths(ctx.repo, ctx.rev.sha, path);
  let hint: string;
  if (path.includes('\uFFFD')) {
    // Bytes that are not UTF-8 reach kstat as U+FFFD (argv is decoded as UTF-8); git cannot be given them back.
    hint = `it holds bytes that are not UTF-8, which kstat cannot pass to git: name the directory that holds it${deepest ? `, ${JSON.stringify(deepest)}` : ''}`;
  } else if (close.length > 0) {
    hint = `did you mean ${close.map((p) => JSON.stringify(p)).join(' or ')}?`;
  } else if (deepest) {
    hint = `${JSON.stringify(deepest)} is the nearest directory that exists`;
  } else {
    hint = 'paths are relative to the repository top';
  }
  return new UsageError(`path not found: ${JSON.stringify(path)} is not in ${ctx.rev.name} and no commit reachable from it touches it (${hint})`);
}

/** Pathspecs for the paths still without a last commit once the walk has left the window. */
export const MAX_LATE_PATHSPECS = 64;

/**
 * Each path's newest commit (`git log -1 --full-history --no-merges REV -- PATH`), for all paths
 * in as little walking as possible. One walk over the batch's pathspecs finds the paths active in
 * the window; once it reads commits older than the window, the paths still missing (long-dead
 * code) get a second walk over just their own pathspecs, which reads far less of old history.
 * git orders commits the same whatever the pathspecs (no history simplification, no parent
 * rewriting), so each path's first commit in either walk is its first in its own.
 */
async function lastCommits(repo: Repository, sha: string, paths: string[], index: PathIndex, pathspecs: string[], since: number, alone: boolean): Promise<Array<CommitRecord | null>> {
  const last = paths.map((): CommitRecord | null => null);
  let found = 0;
  const take = (c: CommitRecord): void => {
    for (const f of c.files) {
      for (const p of index.match(f.path)) {
        if (last[p] === null) {
          last[p] = c;
          found++;
        }
      }
    }
  };
  let leftWindow = false;
  await walkTouches(repo, sha, repo.shallow, pathspecs, (c) => {
    take(c);
    leftWindow = c.time < since;
    return found < paths.length && (alone || !leftWindow);
  }, { first: alone });
  if (found === paths.length || !leftWindow) return last;
  // The paths still missing get a walk over their own pathspecs; take() fills only empty slots.
  const narrower = coveringPathspecs(paths.filter((_, i) => last[i] === null), MAX_LATE_PATHSPECS);
  await walkTouches(repo, sha, repo.shallow, narrower, (c) => {
    take(c);
    return found < paths.length;
  });
  return last;
}

function report(ctx: Context, path: string, tree: TreeFigures, history: HistoryAccumulator, last: CommitRecord | null): PathReport {
  const { rev, window } = ctx;
  const warnings = [...ctx.warnings];
  if (!tree.exists) {
    warnings.push(`${path} is not in the tree of ${rev.name} (deleted): files and lines are 0, history figures count its past`);
  }
  return {
    schema: SCHEMA,
    path,
    revision: { name: rev.name, sha: rev.sha, date: isoUtc(rev.time) },
    window: { since: isoUtc(window.since), until: isoUtc(window.until), months: window.months.length, label: window.label },
    files: tree.files,
    lines: tree.lines,
    ...history.result(),
    last_commit: commitRef(last),
    mailmap: { sources: ctx.mailmap },
    warnings,
  };
}

function commitRef(c: CommitRecord | null): CommitRef | null {
  return c && { sha: c.sha, date: isoUtc(c.time), subject: c.subject.toString('utf8') };
}

interface ProgressTracker {
  /** A walk over one slice of the window: report each commit's time to the function returned. */
  slice(bounds: { since: number; until: number }): (time: number) => void;
  pathsDone(n: number): void;
}

function progressTracker(paths: number, batches: number, window: Window, onProgress?: (p: Progress) => void): ProgressTracker {
  const state: Progress = { commits: 0, share: 0, pathsDone: 0, paths, window };
  if (!onProgress) return { slice: () => () => {}, pathsDone: () => {} };
  // Each batch walks the whole window, in one walk or in slices; each walk goes roughly from
  // the end of its slice back to its start.
  const length = batches * (window.until - window.since + 1);
  let read = 0;
  return {
    slice({ since, until }) {
      const span = until - since + 1;
      let done = 0;
      return (time) => {
        const now = Math.min(span, Math.max(0, until - time));
        read += now - done;
        done = now;
        state.share = read / length;
        state.commits++;
        if ((state.commits & 255) === 0) onProgress(state);
      };
    },
    pathsDone(n) {
      state.pathsDone += n;
      onProgress(state);
    },
  };
}

/** Runs at most `n` of the given tasks at once. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((go) => waiting.push(go));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
