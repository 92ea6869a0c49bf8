// What a caller of analyze() can watch: the plan, the progress of the walks, each walk as it starts.
import type { Window } from '../types.js';

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
  /** The commit-graph proves git lists the window's commits first: last commits come from the windowed walk. */
  windowFirst: boolean;
  /** Whether history comes from the index, or why not, in one line for stderr; null: the repository has no index. */
  index: string | null;
  /** History is read from the index. */
  indexed: boolean;
}

export interface RunHooks {
  /** Once, before the walks: what will be walked and what the repository offers. */
  onPlan?: (plan: RunPlan) => void;
  onProgress?: (p: Progress) => void;
  /** Each windowed walk as it starts: its slice of the window (epoch seconds) and pathspecs. */
  onWalk?: (walk: { since: number; until: number; pathspecs: string[] }) => void;
}
