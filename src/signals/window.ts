// The time window: pure functions of their inputs (no clock). Everything is UTC.
import { UTCDate } from '@date-fns/utc';
import { eachMonthOfInterval, format, subYears } from 'date-fns';
import { UsageError } from '../errors.js';
import type { Window } from '../types.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads an ISO 8601 date (`2026-04-21`, `2026-04-21T10:00`, `2026-04-21T10:00:00+02:00`) as
 * epoch seconds. Without a zone it is UTC; a bare date is 00:00:00 UTC of that day.
 */
export function parseDate(text: string, flag: string): number {
  const m = DATE_RE.exec(text.trim());
  const bad = (why: string): UsageError =>
    new UsageError(`${flag} ${JSON.stringify(text)}: ${why}; use an ISO 8601 date such as 2026-04-21 or 2026-04-21T12:00:00Z`);
  if (!m) throw bad('not a date');
  const [, y, mo, d, h = '0', mi = '0', s = '0', , zone] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month - 1) || hour > 23 || minute > 59 || second > 59) {
    throw bad('no such date or time');
  }
  let offset = 0;
  if (zone && zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60;
    if (Math.abs(offset) > 14 * 3600) throw bad('time zone offset beyond ±14:00');
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offset;
}

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** `until − N calendar years`, same instant of day; 29 February falls back to the 28th. */
export function yearsBefore(until: number, years: number): number {
  return subYears(new UTCDate(until * 1000), years).getTime() / 1000;
}

/** `YYYY-MM` of an instant, UTC. */
export function monthOf(seconds: number): string {
  return format(new UTCDate(seconds * 1000), 'yyyy-MM');
}

/** `YYYY-MM-DD` of an instant, UTC. */
export function dayOf(seconds: number): string {
  return format(new UTCDate(seconds * 1000), 'yyyy-MM-dd');
}

/** ISO 8601 UTC with `Z` and whole seconds, as the JSON carries timestamps. */
export function isoUtc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
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
  const months = eachMonthOfInterval({ start: new UTCDate(since * 1000), end: new UTCDate(until * 1000) }).map((d) =>
    format(d, 'yyyy-MM'),
  );
  return { since, until, label, months };
}
