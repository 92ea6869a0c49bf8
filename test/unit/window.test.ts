import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseDate } from '../../src/options.js';
import { isoUtc, makeWindow, monthOf, yearsBefore } from '../../src/signals/window.js';

const t = (iso: string): number => Date.parse(iso) / 1000;

describe('parseDate', () => {
  it.each([
    ['2026-04-21', '2026-04-21T00:00:00Z'],
    ['2026-04-21T10:20', '2026-04-21T10:20:00Z'],
    ['2026-04-21T10:20:30', '2026-04-21T10:20:30Z'],
    ['2026-04-21 10:20:30', '2026-04-21T10:20:30Z'],
    ['2026-04-21T10:20:30Z', '2026-04-21T10:20:30Z'],
    ['2026-04-21T10:20:30.5Z', '2026-04-21T10:20:30.5Z'],
    ['2026-04-21T10:20:30.000Z', '2026-04-21T10:20:30Z'],
    ['2026-04-21T10:20:30+02:00', '2026-04-21T08:20:30Z'],
    ['2026-04-21T00:00:00-1200', '2026-04-21T12:00:00Z'],
    ['2026-04-21T00:00:00+14:00', '2026-04-20T10:00:00Z'],
    ['2024-02-29', '2024-02-29T00:00:00Z'],
  ])('%s is %s', (text, iso) => {
    expect(isoUtc(parseDate(text, '--since'))).toBe(iso);
  });

  it.each([
    // A year, a month and a day name periods: --since takes the first second, --until the last.
    ['2024', '2024-01-01T00:00:00Z', '2024-12-31T23:59:59Z'],
    ['2024-02', '2024-02-01T00:00:00Z', '2024-02-29T23:59:59Z'],
    ['2023-12', '2023-12-01T00:00:00Z', '2023-12-31T23:59:59Z'],
    ['2024-06-30', '2024-06-30T00:00:00Z', '2024-06-30T23:59:59Z'],
    ['2024-06-30+02:00', '2024-06-29T22:00:00Z', '2024-06-30T21:59:59Z'],
    ['0050', '0050-01-01T00:00:00Z', '0050-12-31T23:59:59Z'],
    // A time of day is an instant, the same for both.
    ['2024-06-30T12:00', '2024-06-30T12:00:00Z', '2024-06-30T12:00:00Z'],
    ['2024-06-30T23:59:59Z', '2024-06-30T23:59:59Z', '2024-06-30T23:59:59Z'],
  ])('%s: --since from %s, --until to %s', (text, since, until) => {
    expect(isoUtc(parseDate(text, '--since', 'since'))).toBe(since);
    expect(isoUtc(parseDate(text, '--until', 'until'))).toBe(until);
  });

  it('a fraction of a second is kept to the millisecond, rounded toward the window inside its second', () => {
    expect(isoUtc(parseDate('2024-01-31T23:59:59.5Z', '--since', 'since'))).toBe('2024-01-31T23:59:59.5Z');
    expect(isoUtc(parseDate('2024-01-31T23:59:59.5Z', '--until', 'until'))).toBe('2024-01-31T23:59:59.5Z');
    expect(isoUtc(parseDate('2024-01-31T23:59:59.0001Z', '--since', 'since'))).toBe('2024-01-31T23:59:59.001Z');
    expect(isoUtc(parseDate('2024-01-31T23:59:59.0001Z', '--until', 'until'))).toBe('2024-01-31T23:59:59Z');
    // Never rounded into the next second (and so, here, the next month).
    expect(isoUtc(parseDate('2024-01-31T23:59:59.999999999Z', '--since', 'since'))).toBe('2024-01-31T23:59:59.999Z');
  });

  it.each(['', 'now', '2 weeks ago', '2026-4-21', '2026-13-01', '2025-02-29', '2026-04-31', '2026-04-21T24:00', '2026-04-21T10:60', '2026-04-21+15:00', '20260421', '@1700000000', '2024-13', '2024-00', '24', '2024-6', '2024+02:00', '2024-06+02:00'])(
    'rejects %j naming the flag and the expected form',
    (text) => {
      expect(() => parseDate(text, '--until')).toThrow(UsageError);
      expect(() => parseDate(text, '--until')).toThrow(/^--until .*ISO 8601 date such as 2026-04-21/);
    },
  );
});

describe('yearsBefore', () => {
  it('keeps the instant of day', () => {
    expect(isoUtc(yearsBefore(t('2026-04-21T13:14:15Z'), 5))).toBe('2021-04-21T13:14:15Z');
    expect(isoUtc(yearsBefore(t('2024-12-31T23:59:59Z'), 5))).toBe('2019-12-31T23:59:59Z');
    expect(isoUtc(yearsBefore(t('2026-04-21T13:14:15.25Z'), 5))).toBe('2021-04-21T13:14:15.25Z');
  });
  it('29 February falls back to 28 February', () => {
    expect(isoUtc(yearsBefore(t('2024-02-29T12:00:00Z'), 1))).toBe('2023-02-28T12:00:00Z');
    expect(isoUtc(yearsBefore(t('2024-02-29T12:00:00Z'), 4))).toBe('2020-02-29T12:00:00Z');
  });
});

describe('makeWindow', () => {
  it('five years to the seed date: 61 months, labelled 5y', () => {
    const w = makeWindow({ until: t('2026-04-21T00:00:00Z') });
    expect(isoUtc(w.since)).toBe('2021-04-21T00:00:00Z');
    expect(w.months).toHaveLength(61);
    expect([w.months[0], w.months.at(-1), w.label]).toEqual(['2021-04', '2026-04', '5y']);
  });

  it('an explicit since is labelled with the window itself', () => {
    const w = makeWindow({ since: t('2025-12-31T23:59:59Z'), until: t('2026-01-01T00:00:00Z') });
    expect(w.months).toEqual(['2025-12', '2026-01']);
    expect(w.label).toBe('2025-12-31 → 2026-01-01');
  });

  it('calendar 2024 from its first to its last second: 12 months', () => {
    const w = makeWindow({ since: parseDate('2024-01-01', '--since', 'since'), until: parseDate('2024-12-31', '--until', 'until') });
    expect([w.months.length, w.months[0], w.months.at(-1), w.label]).toEqual([12, '2024-01', '2024-12', '2024-01-01 → 2024-12-31']);
  });

  it('a since inside the last second of a month keeps that month', () => {
    const w = makeWindow({ since: parseDate('2024-01-31T23:59:59.5Z', '--since', 'since'), until: t('2024-03-01T00:00:00Z') });
    expect(w.months).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(isoUtc(w.since)).toBe('2024-01-31T23:59:59.5Z');
  });

  it('a one-instant window has one month; since after until is refused', () => {
    expect(makeWindow({ since: 100, until: 100 }).months).toEqual(['1970-01']);
    expect(() => makeWindow({ since: 101, until: 100 })).toThrow(/the window is empty/);
  });

  it('months are UTC whatever the local zone', () => {
    expect(monthOf(t('2026-04-30T23:59:59Z'))).toBe('2026-04');
    expect(monthOf(t('2026-05-01T00:00:00+14:00'))).toBe('2026-04');
  });
});

describe('months and days', () => {
  it('formats years before 1000 with four digits and walks month by month over year ends', () => {
    expect(makeWindow({ since: Date.UTC(2019, 10, 30) / 1000, until: Date.UTC(2020, 1, 1) / 1000 }).months).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    const d = new Date(0);
    d.setUTCFullYear(50, 5, 1);
    expect(monthOf(d.getTime() / 1000)).toBe('0050-06');
    expect(makeWindow({ until: t('2026-04-21T00:00:00Z'), years: 100 }).months).toHaveLength(1201);
  });
});
