// How far the walks have read, for a progress line: each walks its slice of the window from its end back.
import type { Window } from '../types.js';
import type { Progress } from './hooks.js';

export interface ProgressTracker {
  /** A walk over one slice of the window: report each commit's time to the function returned. */
  slice(bounds: { since: number; until: number }): (time: number) => void;
  pathsDone(n: number): void;
}

export function progressTracker(paths: number, batches: number, window: Window, onProgress?: (p: Progress) => void): ProgressTracker {
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
