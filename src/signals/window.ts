// The time window: pure functions of their inputs (no clock). Everything is UTC.
import { UTCDate } from '@date-fns/utc';
import { eachMonthOfInterval, format, subYears } from 'date-fns';
import { UsageError } from '../errors.js';
import type { Window } from '../types.js';

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
