// How the paths are split into git walks, and a large walk's window into time slices.

/** Beyond this many pathspecs git's per-entry matching costs more than walking wider. */
export const MAX_PATHSPECS = 8;

export type Strategy = 'auto' | 'per-path' | 'shared';

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

export interface Slicing {
  /** Time slices a large batch's window may be cut into. */
  slices: number;
  /** A batch is large from this many files in its tree. */
  files: number;
}
