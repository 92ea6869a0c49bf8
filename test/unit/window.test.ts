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
    ['2026-04-21T10:20:30.999Z', '2026-04-21T10:20:30Z'],
    ['2026-04-21T10:20:30+02:00', '2026-04-21T08:20:30Z'],
    ['2026-04-21T00:00:00-1200', '2026-04-21T12:00:00Z'],
    ['2026-04-21T00:00:00+14:00', '2026-04-20T10:00:00Z'],
    ['2024-02-29', '2024-02-29T00:00:00Z'],
  ])('%s is %s', (text, iso) => {
    expect(isoUtc(parseDate(text, '--since'))).toBe(iso);
  });

  it.each(['', 'now', '2 weeks ago', '2026-4-21', '2026-13-01', '2025-02-29', '2026-04-31', '2026-04-21T24:00', '2026-04-21T10:60', '2026-04-21+15:00', '20260421', '@1700000000'])(
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
