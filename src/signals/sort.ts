// Order of many-path results (--sort, --order): by default the most of something first, paths
// A→Z; the path breaks ties; failed paths come last in either order.
import { UsageError } from '../errors.js';
import { isFailure, type PathReport, type PathResult } from '../types.js';
import { SIGNALS, type FigureSortKey } from './table.js';

/** `path`, then every figure's sort key in the signals table's order. */
export const SORT_KEYS: readonly SortKey[] = ['path', ...SIGNALS.flatMap((s) => (s.sort ? [s.sort as FigureSortKey] : []))];
export const SORT_ORDERS = ['asc', 'desc'] as const;

export type SortKey = 'path' | FigureSortKey;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** The figure each numeric key sorts by (`last`: the last commit's date in ms), null when there is none. */
const FIGURE = new Map<SortKey, (r: PathReport) => number | null>(
  SIGNALS.flatMap((s) => (s.sort && s.value ? [[s.sort as FigureSortKey, s.value] as const] : [])),
);

export function parseSortKey(text: string): SortKey {
  const key = SORT_KEYS.find((k) => k === text);
  if (key === undefined) throw new UsageError(`unknown sort key '${text}': use one of ${SORT_KEYS.join(', ')}`);
  return key;
}

/** `--sort` and `--order` as typed: the key and its direction, or undefined when neither is given. */
export function parseSort(sort: string | undefined, order: string | undefined): { key: SortKey; order: SortOrder } | undefined {
  if (sort === undefined) {
    if (order !== undefined) throw new UsageError(`--order ${JSON.stringify(order)} needs --sort KEY: say what to order by, e.g. --sort commits --order asc`);
    return undefined;
  }
  const key = parseSortKey(sort);
  if (order === undefined) return { key, order: defaultOrder(key) };
  const o = SORT_ORDERS.find((k) => k === order);
  if (o === undefined) throw new UsageError(`--order ${JSON.stringify(order)}: use asc (least first) or desc (most first)`);
  return { key, order: o };
}

/** `path` A→Z, every figure most first (for `last`: newest first). */
export function defaultOrder(key: SortKey): SortOrder {
  return key === 'path' ? 'asc' : 'desc';
}

/**
 * A sorted copy. `desc` puts the most first (for `last`: newest first, paths with no commit at the
 * end), `asc` the least first (paths with no commit at the start). Equal figures go by path A→Z in
 * either order, equal paths keep their given order; failed paths come last, by path A→Z.
 */
export function sortReports<T extends PathResult>(results: readonly T[], key: SortKey, order: SortOrder = defaultOrder(key)): T[] {
  // Paths compare bytewise in UTF-8, as git orders them.
  const rows = results.map((result) => ({
    result,
    failed: isFailure(result),
    path: Buffer.from(result.path, 'utf8'),
    figure: key === 'path' || isFailure(result) ? null : FIGURE.get(key)!(result),
  }));
  const sign = order === 'asc' ? -1 : 1;
  rows.sort(
    (a, b) =>
      Number(a.failed) - Number(b.failed) ||
      (a.failed ? 0 : key === 'path' ? sign * -Buffer.compare(a.path, b.path) : sign * descending(a.figure, b.figure)) ||
      Buffer.compare(a.path, b.path),
  );
  return rows.map((r) => r.result);
}

/** Larger first, null (no figure: no last commit) after every number. */
function descending(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a > b ? -1 : a < b ? 1 : 0;
}
