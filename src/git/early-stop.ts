// Where the windowed walk may stop early (generation.ts), checked as far as is cheap: the graph's
// files structurally, and its entry for the revision against the commit object itself.
import { CommitGraph, windowFrontier } from './generation.js';
import { commitParents, type Repository, type Revision } from './repo.js';

export interface EarlyStop {
  /** Commits to exclude with their ancestry, proven older than the window; null: walk all history. */
  frontier: string[] | null;
  /** git lists every commit of the window before any other (generation.ts): the windowed walk meets each path's newest commit first. */
  windowFirst: boolean;
  /** Why a commit-graph that is there cannot be used, for the report's warnings. */
  warning: string | null;
}

export const NO_EARLY_STOP: EarlyStop = { frontier: null, windowFirst: false, warning: null };

/**
 * The frontier for a walk from `rev` back to `since`, when the repository's commit-graph holds
 * the revision and can be read. Call it only where git would trust the graph too (no replace
 * refs, no grafts); a shallow clone has none.
 */
export async function earlyStop(repo: Repository, rev: Revision, since: number, until: number): Promise<EarlyStop> {
  if (repo.shallow.length > 0 || since <= 0) return NO_EARLY_STOP;
  const loaded = CommitGraph.load(repo.objectsDir);
  if (!loaded.graph) return unusable(loaded.damage);
  if (loaded.graph.find(rev.sha) === -1) return NO_EARLY_STOP;
  const found = windowFrontier(loaded.graph, rev.sha, since, { date: rev.time, parents: await commitParents(repo, rev.sha) }, until);
  return found.frontier ? { frontier: found.frontier, windowFirst: found.windowFirst, warning: null } : unusable(found.damage);
}

function unusable(damage: string | null): EarlyStop {
  if (damage === null) return NO_EARLY_STOP;
  return { frontier: null, windowFirst: false, warning: `commit-graph unreadable (${damage}): walking all history without the early stop (git commit-graph write --reachable repairs it)` };
}
