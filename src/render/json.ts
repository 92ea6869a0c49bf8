// JSON for pipelines: an object for one path asked alone, an array when the request could name
// several (even if it found one); NDJSON one per line. A failed path is its PathFailure. Both
// are written path by path, so a run over thousands of paths never holds its whole document.
import type { RenderOptions } from './index.js';
import { whole, type Stream } from './stream.js';
import type { PathResult } from '../types.js';

/** The bytes of `JSON.stringify(results, null, 2)`, one result at a time; `many: false` is for exactly one. */
export function jsonStream(opts: Pick<RenderOptions, 'many'>): Stream {
  if (!opts.many) return { item: (r) => `${JSON.stringify(r, null, 2)}\n`, end: () => '' };
  return {
    // Indented after each \n only: JSON keeps U+2028 raw in strings, and a multiline regex would take it for a line end.
    item: (r, i) => `${i === 0 ? '[' : ','}\n  ${JSON.stringify(r, null, 2).replaceAll('\n', '\n  ')}`,
    end: (count) => (count === 0 ? '[]\n' : '\n]\n'),
  };
}

export const ndjsonStream: Stream = { item: (r) => `${JSON.stringify(r)}\n`, end: () => '' };

export function renderJson(results: PathResult[], opts: Pick<RenderOptions, 'many'>): string {
  return whole(jsonStream({ many: opts.many || results.length !== 1 }), results);
}

export function renderNdjson(results: PathResult[]): string {
  return whole(ndjsonStream, results);
}
