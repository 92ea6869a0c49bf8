// Each path's newest commit, in or out of the window.
import type { CommitRecord } from '../git/log-parser.js';
import { walkTouches } from '../git/history.js';
import type { Repository } from '../git/repo.js';
import { coveringPathspecs, type PathIndex } from '../signals/paths.js';

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
export interface TouchWatch {
  /** Every commit of the first walk, with every file it changes (the walk runs with --full-diff). */
  onCommit(c: CommitRecord): void;
  /** The first walk has ended: it hands out no more commits. */
  onEnd(): void;
}

export async function lastCommits(repo: Repository, sha: string, paths: string[], index: PathIndex, pathspecs: string[], since: number, alone: boolean, watch?: TouchWatch, magic = false): Promise<Array<CommitRecord | null>> {
  const last = paths.map((): CommitRecord | null => null);
  let found = 0;
  let leftWindow = false;
  try {
    await walkTouches(repo, sha, repo.shallow, pathspecs, (c) => {
      found += take(c, index, last);
      watch?.onCommit(c);
      leftWindow = c.time < since;
      return found < paths.length && (alone || !leftWindow);
    }, { first: alone, fullDiff: watch !== undefined, magic });
  } finally {
    watch?.onEnd();
  }
  // Alone, the first walk went on to the root: there is nothing older to find.
  if (found === paths.length || !leftWindow || alone) return last;
  return lateCommits(repo, sha, paths, index, last);
}

/**
 * The paths still without a commit in `last` (none in the window) get a walk over their own
 * pathspecs, which reads far less of old history; only empty slots are filled.
 */
export async function lateCommits(repo: Repository, sha: string, paths: string[], index: PathIndex, last: Array<CommitRecord | null>): Promise<Array<CommitRecord | null>> {
  let missing = last.filter((c) => c === null).length;
  if (missing === 0) return last;
  const narrower = coveringPathspecs(paths.filter((_, i) => last[i] === null), MAX_LATE_PATHSPECS);
  await walkTouches(repo, sha, repo.shallow, narrower, (c) => {
    missing -= take(c, index, last);
    return missing > 0;
  });
  return last;
}

/** `c` as the last commit of every path it touches that has none yet; how many it filled. */
function take(c: CommitRecord, index: PathIndex, last: Array<CommitRecord | null>): number {
  let filled = 0;
  for (const f of c.files) {
    for (const p of index.match(f.path)) {
      if (last[p] === null) {
        last[p] = c;
        filled++;
      }
    }
  }
  return filled;
}
