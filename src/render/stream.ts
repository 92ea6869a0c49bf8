// A format written one path at a time: a run over thousands of paths never holds its whole document.
import type { PathResult } from '../types.js';

export interface Stream {
  item: (result: PathResult, index: number) => string;
  /** What closes the document after `count` results. */
  end: (count: number) => string;
}

/** A stream's pieces as one string: the same bytes as writing them one by one. */
export function whole(stream: Stream, results: PathResult[]): string {
  return results.map((r, i) => stream.item(r, i)).join('') + stream.end(results.length);
}
