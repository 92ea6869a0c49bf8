// JSON for pipelines. The shape follows the request, never the data: an array whenever the request
// could name several paths, an object only for exactly one positional path; NDJSON one per line.
// A failed path is `{"schema", "path", "error": {"code", "message"}}` in its place.
import type { PathResult } from '../types.js';
import type { RenderOptions } from './index.js';

export function renderJson(results: PathResult[], opts: Pick<RenderOptions, 'many'>): string {
  const one = !opts.many && results.length === 1;
  return `${JSON.stringify(one ? results[0] : results, null, 2)}\n`;
}

export function renderNdjson(results: PathResult[]): string {
  return results.map((r) => `${JSON.stringify(r)}\n`).join('');
}
