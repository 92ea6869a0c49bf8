// One character per value, for a table cell: the month-by-month shape of a path's history.
import { EIGHTHS, scaled } from './format.js';

// Zero is '·', not a space: a quiet month stays visible, a dormant path never looks like an empty cell, and copying a row keeps its trailing months.
const ZERO = '·';

/**
 * `[0, 1, 4, 8]` → `·▁▄█`: eighths of `max` (by default the largest value; a table passes the
 * largest of all its rows, so `█` means the same count on every row), any non-zero value at least `▁`.
 */
export function sparkline(values: number[], max = Math.max(0, ...values)): string {
  return values
    .map((v) => (v > 0 ? EIGHTHS[Math.min(8, scaled(v, max, 8)) - 1]! : ZERO))
    .join('');
}
