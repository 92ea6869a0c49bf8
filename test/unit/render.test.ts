import { describe, expect, it } from 'vitest';
import { monthlyChart } from '../../src/render/chart.js';
import { count, grouped } from '../../src/render/format.js';
import { renderJson, renderNdjson } from '../../src/render/json.js';
import { textBlock } from '../../src/render/text.js';
import type { MonthFigures, PathReport } from '../../src/types.js';
import { sampleReport } from '../helpers/report.js';

const months = (counts: number[], first = [2025, 11]): MonthFigures[] =>
  counts.map((commits, i) => {
    const m = first[0]! * 12 + (first[1]! - 1) + i;
    return { month: `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`, commits, added: commits, removed: 0 };
  });

const report = (over: Partial<PathReport> = {}): PathReport =>
  sampleReport('drivers/x', { last_commit: { sha: 'abcdef1234567890'.padEnd(40, '0'), date: '2025-11-20T10:00:00Z', subject: 'x: fix' }, ...over }, [1, 0, 0]);

describe('numbers and words', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
  ])('grouped(%i) = %s', (n, s) => expect(grouped(n)).toBe(s));

  it('singular only for exactly one', () => {
    expect([count(0, 'file'), count(1, 'file'), count(2, 'file'), count(1500, 'source line')]).toEqual(['0 files', '1 file', '2 files', '1,500 source lines']);
  });
});

describe('text block', () => {
  it('uses singulars, the window label, U+2212, U+2192 and U+00B7', () => {
    const lines = textBlock(report(), { color: false }).split('\n');
    expect(lines.slice(0, 10)).toEqual([
      'drivers/x',
      '',
      'repository signals',
      '',
      '1 file',
      '1 source line',
      '1 commit, 5y',
      '+1 / \u22121 lines added / removed, 5y',
      '1 author, 5y',
      'monthly commits \u00b7 2025-11-10 \u2192 2026-01-10 \u00b7 1 total \u00b7 active in 1/3 months',
    ]);
    expect(lines).toContain('last commit \u00b7 2025-11-20 \u00b7 abcdef123456 \u00b7 x: fix');
  });

  it('shows warnings and a missing last commit', () => {
    const text = textBlock(report({ last_commit: null, warnings: ['shallow clone'] }), { color: false });
    expect(text).toContain('last commit \u00b7 none\nwarning: shallow clone\n');
  });

  it('colour only when asked', () => {
    expect(textBlock(report(), { color: false })).not.toContain('\u001b[');
    expect(textBlock(report(), { color: true })).toContain('\u001b[');
  });
});

describe('monthly chart', () => {
  it('one column per month, the tallest month full height, an empty month blank', () => {
    const lines = monthlyChart(months([8, 0, 1, 4], [2025, 12]));
    expect(lines).toEqual([
      '8 ┤█',
      '  │█',
      '  │█  █',
      '  │█ ▄█',
      '  └─┬──',
      '    2026',
    ]);
  });

  it('marks every January and the first year when there is room', () => {
    const lines = monthlyChart(months(new Array(30).fill(1), [2024, 5]));
    const [axis, years] = lines.slice(-2) as [string, string];
    expect(axis.indexOf('┬') - axis.indexOf('└')).toBe(9);
    expect(years.trim().split(/\s+/)).toEqual(['2024', '2025', '2026']);
    // December start: no room for the first year's label before January.
    expect(monthlyChart(months([1, 1, 1], [2025, 12])).at(-1)!.trim()).toBe('2026');
  });

  it('all-zero months draw an empty chart', () => {
    expect(monthlyChart(months([0, 0]))[0]).toBe('0 ┤');
  });
});

describe('JSON', () => {
  it('one object for one path, an array for several, one line each for NDJSON', () => {
    const a = report();
    const b = report({ path: 'y' });
    expect(JSON.parse(renderJson([a]))).toEqual(a);
    expect(JSON.parse(renderJson([a, b]))).toEqual([a, b]);
    expect(renderNdjson([a, b]).split('\n')).toEqual([JSON.stringify(a), JSON.stringify(b), '']);
  });
});
