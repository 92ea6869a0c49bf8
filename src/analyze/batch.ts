// Walking a batch: one shared history walk over pathspecs that hold its paths, attributed to
// each path (signals/attribute.ts says when a commit's figures must be read again for one path),
// beside the last-commit walk and the tree reader. A batch that meets an unreadable object is
// split and walked again, so only the paths that need the object fail.
import { setMaxListeners } from 'node:events';
import { DamagedRepositoryError, EXIT, GitError, KstatError, PartialCloneError } from '../errors.js';
import { walkHistory, windowDatesNeverGrow } from '../git/history.js';
import type { CommitRecord, FileChange } from '../git/log-parser.js';
import { mapContacts } from '../git/mailmap.js';
import { PairQueue } from '../git/subtree-diff.js';
import type { Store, StoredRecord } from '../store/store.js';
import { treeFigures } from '../git/tree.js';
import { authorKey, commitRef, HistoryAccumulator, type CommitHeader } from '../signals/aggregate.js';
import { attribute } from '../signals/attribute.js';
import { coveringPathspecs, PathIndex, pathKey } from '../signals/paths.js';
import { ReviewBook } from '../signals/review.js';
import { treewideSubject } from '../signals/sweep.js';
import type { RunHooks } from './hooks.js';
import { kernelFigures } from './kernel.js';
import { hasMaintainers } from './maintainers.js';
import { lastCommits, lateCommits } from './last-commits.js';
import { SweepFinder, type Swept } from './sweeps.js';
import type { Context } from './open.js';
import { MAX_PATHSPECS, timeSlices, type Slicing } from './plan.js';
import type { ProgressTracker } from './progress.js';
import type { Window } from '../types.js';
import { failure, pathNotFound, pendingReport, type Pending } from './report.js';

/**
 * A batch's results. A shared walk reads objects no single path needs: when git cannot read one
 * (a damaged repository, a partial clone), the batch is split in two and each half walked again,
 * down to single paths, so that only the paths whose own figures need the object fail.
 */
export async function narrowed(ctx: Context, paths: string[], strict: ReadonlySet<string>, slicing: Slicing, progress: ProgressTracker, onWalk?: RunHooks['onWalk']): Promise<Pending[]> {
  try {
    return await runBatch(ctx, paths, strict, slicing, progress, onWalk);
  } catch (e) {
    // An index damaged past what opening it checks: the run stops with the fix, never a figure from half of it.
    if (e instanceof Error && e.name === 'SqliteError') throw new KstatError(`the index cannot be read (${e.message}): kstat index rebuilds it; --no-index walks history instead`, EXIT.indexUnavailable);
    if (!(e instanceof GitError || e instanceof DamagedRepositoryError || e instanceof PartialCloneError)) throw e;
    if (paths.length === 1) {
      const failed = failure(paths[0]!, e);
      return [() => failed];
    }
    // Neighbours stay together, so each half's pathspecs stay narrow.
    const order = paths.map((path, i) => ({ path, i })).sort((x, y) => Buffer.compare(Buffer.from(x.path), Buffer.from(y.path)));
    const half = Math.ceil(order.length / 2);
    const out = new Array<Pending>(paths.length);
    for (const part of [order.slice(0, half), order.slice(half)]) {
      const results = await narrowed(ctx, part.map((p) => p.path), strict, slicing, progress, onWalk);
      part.forEach((p, k) => (out[p.i] = results[k]!));
    }
    return out;
  }
}

async function runBatch(ctx: Context, paths: string[], strict: ReadonlySet<string>, slicing: Slicing, progress: ProgressTracker, onWalk?: RunHooks['onWalk']): Promise<Pending[]> {
  const { rev, window } = ctx;
  // The batch's git processes stop together: once one reader fails, the others' work is lost.
  const stop = new AbortController();
  // One listener per git process of the batch; with many slices that is more than node's default 10.
  setMaxListeners(Infinity, stop.signal);
  const repo = { ...ctx.repo, signal: stop.signal };
  // A --section (section.ts) is one path whose files git selects by its exact pathspecs (with
  // magic): every file git lists under them is the section's.
  const scope = paths.length === 1 ? ctx.sections.get(paths[0]!) : undefined;
  const magic = scope !== undefined;
  // The index holds what a walk of the whole tree prints (store/store.ts): its commits are
  // attributed as that walk's are. A section's magic pathspecs are git's to match: walked.
  const stored = scope ? null : ctx.history;
  const index = new PathIndex(scope ? ['.'] : paths);
  // With Bloom filters one pathspec lets git skip commits that do not touch it (git uses the
  // filters only for a single pathspec); the whole tree gains nothing from them.
  const single = coveringPathspecs(paths, 1);
  const pathspecs = scope ? scope.pathspecs : ctx.graph.bloom && single[0] !== '.' && !stored ? single : coveringPathspecs(paths, MAX_PATHSPECS);
  // A walk over exactly the one path needs no attribution.
  const alone = magic || (!stored && paths.length === 1 && pathspecs.length === 1 && pathspecs[0] === paths[0]);

  // Each commit's trailers, read as it passes; their people mapped once, after the walk.
  const book = new ReviewBook();
  const history = paths.map(() => new HistoryAccumulator(window, book));
  // (commit, path) pairs whose figures git must give again, limited to the path.
  const again = new PairQueue(repo, undefined, ctx.history ?? undefined);
  // Which commits are sweeps for which paths: a walk over the whole tree shows every file itself.
  const whole = stored !== null || (!alone && pathspecs.length === 1 && pathspecs[0] === '.');
  // Where the commit-graph proves git lists the window first (open.ts), each path's first commit in
  // the windowed walk is its last: no walk from the revision for them. Slices are newest first.
  const fromWindow = ctx.windowFirst && !alone && !stored;
  const sweeps = new SweepFinder(repo, pathspecs, paths, index, window, ctx.sweeps, !alone && !whole && !fromWindow, scope);
  const keys = paths.map(pathKey);
  const firsts: Array<{ slice: number; c: CommitRecord } | null> = paths.map(() => null);
  let seq = 0;
  const onCommit = (c: CommitRecord, slice: number): void => {
    const shares = alone ? [{ path: 0, files: c.files, exact: true, submodule: false }] : attribute(c, index);
    // A commit the index could not read: each path's figures come from git, which fails the paths that need what is missing.
    if (c.unreadable) for (const share of shares) share.exact = false;
    if (fromWindow || stored) {
      for (const share of shares) {
        const first = firsts[share.path];
        if (!first || first.slice > slice) firsts[share.path] = { slice, c };
      }
    }
    const review = shares.length === 0 ? undefined : book.record({ authorKey: authorKey(c.authorName, c.authorEmail), committerKey: authorKey(c.committerName, c.committerEmail), trailers: c.trailers, subject: c.subject });
    const header: CommitHeader = { sha: c.sha, time: c.time, authorName: c.authorName, authorEmail: c.authorEmail, subject: c.subject, seq: seq++, review };
    const treewide = treewideSubject(c.subject);
    let swept: Later<Swept>;
    if (treewide || shares.every((share) => keys[share.path] === '.')) swept = Later.of<Swept>(() => treewide);
    else if (whole) swept = Later.of(SweepFinder.fromFiles(c.files, keys, ctx.sweeps));
    else {
      const later = (swept = new Later<Swept>());
      // Alone, the walk's files are all inside the one path, where nothing counts.
      sweeps.ask(c.sha, alone ? () => [] : () => SweepFinder.names(c.files), (answer) => later.set(answer));
    }
    for (const share of shares) {
      const totals = history[share.path]!;
      const count = (files: FileChange[]): void => {
        const [added, removed] = lineSums(files);
        swept.then((isSweep) => totals.add(header, added, removed, isSweep(share.path)));
      };
      if (share.exact) count(share.files);
      else again.add({ sha: c.sha, path: paths[share.path]!, ownWalk: share.submodule, onFiles: count });
    }
  };

  // Otherwise one walk from the revision finds them, and lists every file of the window's commits for the sweeps.
  const touches = fromWindow || stored ? null : lastCommits(repo, rev.sha, paths, index, pathspecs, window.since, alone, alone || whole ? undefined : sweeps, magic);
  // Observed below, after the walks start; a failure meanwhile must not go unhandled.
  touches?.catch(() => {});
  // The walk is sliced if the tree listing shows enough files; the listing answers as soon as it knows.
  // Every slice walks all of history: slices pay only on cores the walks beside leave idle. The
  // maintainers' liveness walk keeps a job for itself; the last-commit walk, which stops near the
  // window's start, does not (coreboot and the synthetic history measured both ways, bench/README.md).
  const maySlice = slicing.slices > 1 && !stored;
  let answer!: (large: boolean) => void;
  const large = new Promise<boolean>((resolve) => (answer = resolve));
  const tree = treeFigures(repo, rev.sha, pathspecs, index, maySlice ? { files: slicing.files, answer } : undefined, magic, ctx.history ?? undefined);
  // A MAINTAINERS that cannot be read is the kernel figures' error to report, below.
  const beside = async (): Promise<number> => ((await hasMaintainers(ctx).catch(() => false)) ? 1 : 0);
  // Only the answer is waited for here; the listing's failure is the tree's to report (observed
  // at once: it may fail while the MAINTAINERS is read).
  const isLarge = Promise.race([large, tree.then(() => false, () => false)]);
  // Asked in this order, a path too small to slice starts its walk once its files are listed, not
  // after MAINTAINERS is read and its people mapped (a leaf with a commit-graph: 60 ms sooner).
  const room = maySlice && (await isLarge) ? slicing.slices - (await beside()) : 1;
  // Slices agree with git's order only where the window's dates never grow along it: else a path's
  // first commit in a newer slice may come after one in an older slice, and last commits taken
  // from the windowed walk need it whole.
  const slices = room > 1 && (!fromWindow || (await datesNeverGrow(ctx))) ? room : 1;
  // From the index, history is read in this process: the kernel's git readers start first, to run beside it.
  const early = stored ? kernelFigures(ctx, paths, stop.signal) : null;
  early?.catch(() => {});
  const walks = stored ? [readStored(stored)] : timeSlices(window.since, window.until, slices).map((slice, s) => {
    const query = { sha: rev.sha, since: slice.since, until: slice.until, pathspecs, raw: !alone, exclude: repo.shallow, frontier: ctx.frontier, magic };
    const at = progress.slice(slice);
    onWalk?.({ ...slice, pathspecs });
    return walkHistory(repo, query, (c) => {
      at(c.time);
      onCommit(c, s);
    });
  });
  async function readStored(store: Store): Promise<void> {
    const at = progress.slice(window);
    onWalk?.({ since: window.since, until: window.until, pathspecs });
    // The store matches paths as bytes (their latin1 views), as PathIndex does.
    let read = 0;
    for (const c of store.walk(pathspecs.map(pathKey), window.since, window.until)) {
      // The git readers beside (tree, MAINTAINERS, tags) wait on this process to read their output: let them in now and then.
      if (++read % STORED_STEP === 0) await new Promise(setImmediate);
      at(c.time);
      onCommit(c, 0);
    }
  }
  const walk = Promise.all(walks)
    .then(() => Promise.all([again.end(), sweeps.end()]))
    // One check-mailmap for every person the batch's trailers name; reports are built after this.
    .then(async () => book.resolve(await mapContacts(repo, book.named(), ctx.mailmap, ctx.history ?? undefined)));

  // Paths without a commit in the window: a walk over their own pathspecs, after the window's.
  // From the index, each path's first commit in git's order from the revision.
  const lasts: Promise<Array<Pick<CommitRecord, 'sha' | 'time' | 'subject'> | null>> = stored
    ? walk.then(() => newestStored(stored, keys, firsts.map((f) => (f?.c as StoredRecord | undefined) ?? null), window))
    : (touches ?? walk.then(() => lateCommits(repo, rev.sha, paths, index, firsts.map((f) => f?.c ?? null))));
  const kernel = early ?? kernelFigures(ctx, paths, stop.signal);
  const [figures, , last, known] = await Promise.all([tree, walk, lasts, kernel]).catch((e: unknown) => {
    stop.abort();
    throw e;
  });
  progress.pathsDone(paths.length);
  // A section that never had a file is still a section: its report says so (report.ts).
  const never = (i: number): boolean => !magic && !figures[i]!.exists && last[i] === null;
  const named = paths.findIndex((path, i) => never(i) && strict.has(path));
  if (named >= 0) throw await pathNotFound(ctx, paths[named]!);
  return Promise.all(
    paths.map(async (path, i): Promise<Pending> => {
      if (!never(i)) return pendingReport(ctx, path, figures[i]!, history[i]!, commitRef(last[i]!), known[i]!);
      const failed = failure(path, await pathNotFound(ctx, path));
      return () => failed;
    }),
  );
}

/**
 * Each path's newest commit from the index: its first in the window's walk, where no commit
 * before that one in git's order is dated outside the window (one question for the batch);
 * else, and for paths without a commit in the window, asked of the index path by path.
 */
function newestStored(store: Store, keys: readonly string[], firsts: ReadonlyArray<StoredRecord | null>, window: Window): Array<Pick<CommitRecord, 'sha' | 'time' | 'subject'> | null> {
  const latest = firsts.reduce<number | null>((max, c) => (c && (max === null || c.ord > max) ? c.ord : max), null);
  const leads = latest !== null && store.windowLeads(latest, window.since, window.until);
  return keys.map((key, i) => (leads && firsts[i] ? firsts[i] : store.newestUnder(key)));
}

/** Commits read from the index between two turns of the event loop. */
const STORED_STEP = 512;

const sortedWindows = new WeakMap<Context, Promise<boolean>>();

/** Whether the run's window comes in git's order with dates that never grow; asked once per run. */
function datesNeverGrow(ctx: Context): Promise<boolean> {
  let sorted = sortedWindows.get(ctx);
  if (!sorted) {
    sorted = windowDatesNeverGrow(ctx.repo, ctx.rev.sha, ctx.repo.shallow, ctx.window.since, ctx.window.until);
    sortedWindows.set(ctx, sorted);
  }
  return sorted;
}

/** Lines added and removed over a commit's files under a path. */
function lineSums(files: readonly FileChange[]): [number, number] {
  let added = 0;
  let removed = 0;
  for (const f of files) {
    added += f.added;
    removed += f.removed;
  }
  return [added, removed];
}

/** A value that may come later (a commit's files, from git): callbacks run once it is set, in order. */
class Later<T> {
  private done = false;
  private value!: T;
  private waiting: Array<(value: T) => void> = [];

  static of<T>(value: T): Later<T> {
    const now = new Later<T>();
    now.set(value);
    return now;
  }

  set(value: T): void {
    this.value = value;
    this.done = true;
    for (const f of this.waiting) f(value);
    this.waiting = [];
  }

  then(f: (value: T) => void): void {
    if (this.done) f(this.value);
    else this.waiting.push(f);
  }
}
