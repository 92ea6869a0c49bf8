// JSON for pipelines: an object for one path asked alone, an array when the request could name
// several (even if it found one); NDJSON one per line. A failed path is its PathFailure.
import type { RenderOptions } from './index.js';
import type { PathResult } from '../types.js';

export function renderJson(results: PathResult[], opts: Pick<RenderOptions, 'many'>): string {
  return `${JSON.stringify(opts.many ? results : results[0], null, 2)}\n`;
}

export function renderNdjson(results: PathResult[]): string {
  return results.map((r) => `${JSON.stringify(r)}\n`).join('');
}
