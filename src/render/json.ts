// JSON for pipelines: one object for one path, an array for several; NDJSON one per line.
import type { PathReport } from '../types.js';

export function renderJson(reports: PathReport[]): string {
  return `${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`;
}

export function renderNdjson(reports: PathReport[]): string {
  return reports.map((r) => `${JSON.stringify(r)}\n`).join('');
}
