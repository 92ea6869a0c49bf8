// Order of many-path reports (--sort): the most of something first, the path breaking ties.
import { UsageError } from '../errors.js';
import type { PathReport } from '../types.js';

export const SORT_KEYS = ['path', 'files', 'lines', 'commits', 'added', 'removed', 'churn', 'authors', 'active', 'last'] as const;

export type SortKey = (typeof SORT_KEYS)[number];

/** The figure a numeric key sorts by; `last` is the last commit's date in ms, null when there is none. */
const FIGURE: Record<Exclude<SortKey, 'path'>, (r: PathReport) => number | null> = {
  files: (r) => r.files,
  lines: (r) => r.lines,
  commits: (r) => r.commits,
  added: (r) => r.added,
  removed: (r) => r.removed,
  churn: (r) => r.added + r.removed,
  authors: (r) => r.authors,
  active: (r) => r.active_months,
  last: (r) => {
    const ms = r.last_commit ? Date.parse(r.last_commit.date) : NaN;
    return Number.isNaN(ms) ? null : ms;
  },
};

export function parseSortKey(text: string): SortKey {
  const key = SORT_KEYS.find((k) => k === text);
  if (key === undefined) throw new UsageError(`unknown sort key '${text}': use one of ${SORT_KEYS.join(', ')}`);
  return key;
}

/**
 * A sorted copy: `path` ascending, every other key descending (for `last`: newest first, paths
 * with no commit at the end), equal figures by path ascending, equal paths in their given order.
 */
export function sortReports(reports: readonly PathReport[], key: SortKey): PathReport[] {
  // Paths compare bytewise in UTF-8, as git orders them.
  const rows = reports.map((report) => ({
    report,
    path: Buffer.from(report.path, 'utf8'),
    figure: key === 'path' ? null : FIGURE[key](report),
  }));
  rows.sort((a, b) => descending(a.figure, b.figure) || Buffer.compare(a.path, b.path));
  return rows.map((r) => r.report);
}

/** Larger first, null after every number. */
function descending(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a > b ? -1 : a < b ? 1 : 0;
}
