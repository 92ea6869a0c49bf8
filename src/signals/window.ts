// The time window: pure functions of their inputs (no clock). Everything is UTC.
// Hand-written rather than a date library: a run's start-up time counts against git's walk,
// and loading date-fns cost more than this whole module does.
import { UsageError } from '../errors.js';

/** Date.UTC, but years 0 to 99 are those years, not 1900 to 1999. */
export function utc(year: number, month0: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

export function daysInMonth(year: number, month0: number): number {
  return new Date(utc(year, month0 + 1, 0)).getUTCDate();
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
import type { Window } from '../types.js';

/** `until − N calendar years`, same instant of day; 29 February falls back to the 28th. */
export function yearsBefore(until: number, years: number): number {
  const d = new Date(until * 1000);
  const year = d.getUTCFullYear() - years;
  const month = d.getUTCMonth();
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  return utc(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()) / 1000;
}

/**
 * Whole calendar months from `from` to `to` (epoch seconds): the most N with from + N months ≤ to,
 * a day the later month lacks falling back to its last (31 January + 1 month is 28 February, as
 * `yearsBefore` does for 29 February); 0 when `to` is not after `from`.
 */
export function wholeMonths(from: number, to: number): number {
  const a = new Date(from * 1000);
  const b = new Date(to * 1000);
  let n = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
  if (n > 0) {
    const m = a.getUTCMonth() + n;
    const year = a.getUTCFullYear() + Math.floor(m / 12);
    const day = Math.min(a.getUTCDate(), daysInMonth(year, m % 12));
    if (utc(year, m % 12, day, a.getUTCHours(), a.getUTCMinutes(), a.getUTCSeconds()) / 1000 > to) n--;
  }
  return Math.max(0, n);
}

/** `YYYY-MM` of an instant, UTC. */
export function monthOf(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}`;
}

/** `YYYY-MM-DD` of an instant, UTC. */
export function dayOf(seconds: number): string {
  return `${monthOf(seconds)}-${pad(new Date(seconds * 1000).getUTCDate(), 2)}`;
}

/** Every month from the one holding `since` to the one holding `until`, as `YYYY-MM`. */
function monthsBetween(since: number, until: number): string[] {
  const a = new Date(since * 1000);
  const b = new Date(until * 1000);
  const months: string[] = [];
  for (let y = a.getUTCFullYear(), m = a.getUTCMonth(); y < b.getUTCFullYear() || (y === b.getUTCFullYear() && m <= b.getUTCMonth()); m === 11 ? (y++, (m = 0)) : m++) {
    months.push(`${pad(y, 4)}-${pad(m + 1, 2)}`);
  }
  return months;
}

/**
 * ISO 8601 UTC with `Z`, as the JSON carries timestamps: whole seconds, and a window bound
 * given with a fraction keeps it (`2024-01-31T23:59:59.5Z`).
 */
export function isoUtc(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString().replace(/\.?0*Z$/, 'Z');
}

export interface WindowInput {
  /** Window end, epoch seconds. */
  until: number;
  /** An explicit start; otherwise `years` before until. */
  since?: number;
  years?: number;
}

export const DEFAULT_YEARS = 5;

export function makeWindow(input: WindowInput): Window {
  const { until } = input;
  const since = input.since ?? yearsBefore(until, input.years ?? DEFAULT_YEARS);
  if (since > until) {
    throw new UsageError(`the window is empty: since ${isoUtc(since)} is after until ${isoUtc(until)}; pick an earlier --since or a later --until`);
  }
  const label = input.since === undefined ? `${input.years ?? DEFAULT_YEARS}y` : `${dayOf(since)} → ${dayOf(until)}`;
  return { since, until, label, months: monthsBetween(since, until) };
}
