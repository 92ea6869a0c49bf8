import { describe, expect, it } from 'vitest';
import { CSV_HEADER, renderCsv } from '../../src/render/csv.js';
import { DROP_ORDER, renderTable } from '../../src/render/table.js';
import { SIGNALS } from '../../src/signals/table.js';
import { parseSortKey, SORT_KEYS, sortReports } from '../../src/signals/sort.js';
import type { PathReport } from '../../src/types.js';
import { renderOpts, sampleReport, sampleReview } from '../helpers/report.js';

const signal = (key: string) => {
  const s = SIGNALS.find((x) => x.key === key);
  if (!s) throw new Error(`no signal ${key}`);
  return s;
};

describe('the signals table', () => {
  it('names every figure once', () => {
    const keys = SIGNALS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    const sorts = SIGNALS.flatMap((s) => (s.sort ? [s.sort] : []));
    expect(new Set(sorts).size).toBe(sorts.length);
  });

  it('every sort key is accepted by --sort, and --sort takes no other key than path', () => {
    const sorts = SIGNALS.flatMap((s) => (s.sort ? [s.sort] : []));
    for (const key of sorts) expect(parseSortKey(key)).toBe(key);
    expect(SORT_KEYS).toEqual(['path', ...sorts]);
  });

  it('every figure --sort or a check rule compares has a value', () => {
    for (const s of SIGNALS.filter((x) => x.sort || x.rule)) expect(s.value, s.key).toBeTypeOf('function');
  });

  it('check flags are unique and shaped min-… / max-…', () => {
    const flags = SIGNALS.flatMap((s) => [s.rule?.min, s.rule?.max].filter((f): f is string => f !== undefined));
    expect(new Set(flags).size).toBe(flags.length);
    for (const s of SIGNALS) {
      if (s.rule?.min) expect(s.rule.min).toMatch(/^min-[a-z-]+$/);
      if (s.rule?.max) expect(s.rule.max).toMatch(/^max-[a-z-]+$/);
    }
  });

  it('CSV headers are unique, and each figure gives as many cells as it has headers', () => {
    expect(new Set(CSV_HEADER).size).toBe(CSV_HEADER.length);
    const r = sampleReport('x');
    for (const s of SIGNALS) if (s.csv) expect(s.csv.cells(r), s.key).toHaveLength(s.csv.headers.length);
    expect(renderCsv([r]).split('\n')[1]!.split(',')).toHaveLength(CSV_HEADER.length);
  });

  it('table columns have distinct drop ranks, and DROP_ORDER lists them by rank', () => {
    const cols = SIGNALS.filter((s) => s.column);
    const ranks = cols.map((s) => s.column!.drop);
    expect(new Set(ranks).size).toBe(ranks.length);
    expect(DROP_ORDER).toEqual([...cols].sort((a, b) => a.column!.drop - b.column!.drop).map((s) => s.sort ?? s.key));
  });

  it('the table columns follow the drop order: at every width the columns gone are the first of DROP_ORDER', () => {
    // One has every kernel figure (a MAINTAINERS section, review trailers, releases), so every column is shown.
    const kernel = {
      section: 'FOO', status: 'Maintained' as const,
      review: { all: sampleReview(1, 1), substantive: sampleReview(1, 1) },
      defconfigs: 3,
      releases: { considered: 20, changed: 3, first: 'v1.0', last: 'v1.9', oldest: 'v1.0', newest: 'v1.9' },
    };
    const reports = [sampleReport('drivers/a', kernel), sampleReport('drivers/b', { commits: 12345, lines: 987654, defconfigs: 0 })];
    // Static heads name their column; the one column whose head is computed is the sparkline.
    const byHead = new Map(SIGNALS.filter((s) => typeof s.column?.head === 'string').map((s) => [s.column!.head as string, s.sort ?? s.key]));
    const computed = SIGNALS.find((s) => s.column && typeof s.column.head !== 'string')!;
    const all = SIGNALS.filter((s) => s.column).map((s) => s.sort ?? s.key);
    for (let width = 260; width >= 20; width--) {
      const head = renderTable(reports, renderOpts({ width })).split('\n')[0]!;
      const shown = head.trim().split(/ {2,}/).slice(1).map((h) => byHead.get(h) ?? (computed.sort ?? computed.key));
      const gone = all.filter((k) => !shown.includes(k));
      expect(DROP_ORDER.slice(0, gone.length).sort(), `width ${width}`).toEqual([...gone].sort());
      // Columns keep the table's order.
      expect(shown, `width ${width}`).toEqual(all.filter((k) => shown.includes(k)));
    }
  });
});

describe('idle_months', () => {
  const idle = (last: string | null, until: string): number | null =>
    signal('idle_months').value!(
      sampleReport('x', {
        window: { since: '2000-01-01T00:00:00Z', until, months: 1, label: '5y' },
        last_commit: last === null ? null : { sha: 'a'.repeat(40), date: last, subject: '' },
      }),
    );

  it.each([
    ['2026-01-05T12:00:00Z', '2026-01-10T00:00:00Z', 0],
    ['2025-12-10T00:00:00Z', '2026-01-10T00:00:00Z', 1],
    ['2025-12-10T00:00:01Z', '2026-01-10T00:00:00Z', 0],
    ['2025-12-31T23:59:59Z', '2026-01-01T00:00:00Z', 0],
    ['2025-12-01T00:00:00Z', '2025-12-31T23:59:59Z', 0],
    ['2025-12-01T00:00:00Z', '2026-01-01T00:00:00Z', 1],
    ['2026-01-31T12:00:00Z', '2026-02-28T11:59:59Z', 0],
    ['2026-01-31T12:00:00Z', '2026-02-28T12:00:00Z', 1],
    ['2026-01-31T12:00:00Z', '2026-03-30T12:00:00Z', 1],
    ['2026-01-31T12:00:00Z', '2026-03-31T12:00:00Z', 2],
    ['2023-03-31T00:00:00Z', '2024-02-29T00:00:00Z', 11],
    ['2024-02-29T00:00:00Z', '2025-02-27T23:59:59Z', 11],
    ['2024-02-29T00:00:00Z', '2025-02-28T00:00:00Z', 12],
    ['2020-01-15T08:00:00Z', '2026-01-15T07:59:59Z', 71],
    ['2020-01-15T08:00:00Z', '2026-01-15T08:00:00Z', 72],
  ])('last commit %s, window end %s: %i whole months', (last, until, months) => {
    expect(idle(last, until)).toBe(months);
  });

  it('0 when the last commit is after the window (an --until before the revision)', () => {
    expect(idle('2026-03-01T00:00:00Z', '2026-01-10T00:00:00Z')).toBe(0);
  });

  it('null when the path has no commit', () => {
    expect(idle(null, '2026-01-10T00:00:00Z')).toBeNull();
  });

  it('--sort idle puts the longest idle first, paths without a commit last', () => {
    const at = (path: string, date: string | null): PathReport =>
      sampleReport(path, { last_commit: date === null ? null : { sha: 'b'.repeat(40), date, subject: '' } });
    const reports = [at('recent', '2026-01-05T00:00:00Z'), at('none', null), at('old', '2024-06-01T00:00:00Z'), at('older', '2023-01-01T00:00:00Z')];
    expect(sortReports(reports, 'idle').map((r) => r.path)).toEqual(['older', 'old', 'recent', 'none']);
    expect(sortReports(reports, 'idle', 'asc').map((r) => r.path)).toEqual(['none', 'recent', 'old', 'older']);
  });
});
