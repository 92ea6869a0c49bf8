// Months summed into longer periods, when a column per month does not fit the terminal.
import type { MonthFigures } from '../types.js';

/** A run of whole calendar periods: the first month it holds (`YYYY-MM`) and its commits. */
export interface Period {
  first: string;
  commits: number;
}

/** Period lengths in months, finest first: month, quarter, year, then 2, 5, 10, 20, 50, 100 years. */
export const PERIOD_MONTHS = [1, 3, 12, 24, 60, 120, 240, 600, 1200];

/** The months summed into calendar periods of `size` months (aligned to January of year 0); the first and last may be partial. */
export function periods(monthly: readonly MonthFigures[], size: number): Period[] {
  const out: Period[] = [];
  let key = NaN;
  for (const m of monthly) {
    const k = Math.floor(monthIndex(m.month) / size);
    if (k !== key) {
      out.push({ first: m.month, commits: 0 });
      key = k;
    }
    out[out.length - 1]!.commits += m.commits;
  }
  return out;
}

/** `monthly commits`, `quarterly commits`, `yearly commits`, `commits per 5 years`. */
export function periodLabel(size: number): string {
  if (size === 1) return 'monthly commits';
  if (size === 3) return 'quarterly commits';
  if (size === 12) return 'yearly commits';
  return `commits per ${size / 12} years`;
}

/** Whether the period begins a calendar year (it holds a January as its first month). */
export function startsYear(p: Period): boolean {
  return p.first.endsWith('-01');
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}
