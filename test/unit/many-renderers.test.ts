import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { renderCsv } from '../../src/render/csv.js';
import { sparkline } from '../../src/render/sparkline.js';
import { renderTable } from '../../src/render/table.js';
import { parseSortKey, SORT_KEYS, sortReports, type SortKey } from '../../src/signals/sort.js';
import type { PathReport } from '../../src/types.js';
import { sampleReport as report } from '../helpers/report.js';


const ESC = '\u001b';
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
// Every character kstat draws (ASCII, box drawing, blocks, ·, −, —) is one terminal column wide.
const width = (s: string) => [...stripAnsi(s)].length;

describe('sparkline', () => {
  it('eighths of the largest value, zero as a middle dot', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8])).toBe('·▁▂▃▄▅▆▇█');
    expect(sparkline([1, 3])).toBe('▃█');
  });

  it('any non-zero value shows at least the lowest bar', () => {
    expect(sparkline([1000, 1, 0])).toBe('█▁·');
  });

  it('all-zero and empty series', () => {
    expect(sparkline([0, 0, 0])).toBe('···');
    expect(sparkline([])).toBe('');
  });
});

describe('sortReports', () => {
  // Bytewise path order puts 'B' before 'a'; ties on every numeric key are broken by path.
  const reports = [
    report('b', { files: 2, lines: 10, commits: 5, added: 10, removed: 0, authors: 3, active_months: 2, last_commit: { sha: '1'.repeat(40), date: '2026-01-01T00:00:00Z', subject: '' } }),
    report('a', { files: 2, lines: 30, commits: 1, added: 1, removed: 20, authors: 3, active_months: 1, last_commit: null }),
    report('c', { files: 9, lines: 20, commits: 5, added: 15, removed: 5, authors: 1, active_months: 3, last_commit: { sha: '2'.repeat(40), date: '2025-06-01T00:00:00Z', subject: '' } }),
    report('B', { files: 1, lines: 10, commits: 0, added: 0, removed: 0, authors: 0, active_months: 0, last_commit: null }),
  ];
  const expected: Record<SortKey, string[]> = {
    path: ['B', 'a', 'b', 'c'],
    files: ['c', 'a', 'b', 'B'],
    lines: ['a', 'c', 'B', 'b'],
    commits: ['b', 'c', 'a', 'B'],
    added: ['c', 'b', 'a', 'B'],
    removed: ['a', 'c', 'B', 'b'],
    churn: ['a', 'c', 'b', 'B'],
    authors: ['a', 'b', 'c', 'B'],
    active: ['c', 'b', 'a', 'B'],
    last: ['b', 'c', 'B', 'a'],
  };

  it('the table below covers every key', () => {
    expect(Object.keys(expected).sort()).toEqual([...SORT_KEYS].sort());
  });

  it.each(SORT_KEYS.map((k) => [k, expected[k]] as const))('by %s', (key, order) => {
    expect(sortReports(reports, key).map((r) => r.path)).toEqual(order);
  });

  it('returns a copy and leaves its input alone', () => {
    const before = reports.map((r) => r.path);
    const sorted = sortReports(reports, 'files');
    expect(sorted).not.toBe(reports);
    expect(reports.map((r) => r.path)).toEqual(before);
  });

  it('newest last change first, to the second', () => {
    const at = (path: string, date: string) => report(path, { last_commit: { sha: '3'.repeat(40), date, subject: '' } });
    const sorted = sortReports([at('x', '2026-01-01T09:00:00Z'), at('y', '2026-01-01T10:00:00Z')], 'last');
    expect(sorted.map((r) => r.path)).toEqual(['y', 'x']);
  });

  it('is stable: the same path with equal figures keeps its given order under every key', () => {
    const first = report('same', { revision: { name: 'one', sha: '1'.repeat(40), date: '' } });
    const second = report('same', { revision: { name: 'two', sha: '2'.repeat(40), date: '' } });
    for (const key of SORT_KEYS) {
      expect(sortReports([first, second], key).map((r) => r.revision.name)).toEqual(['one', 'two']);
      expect(sortReports([second, first], key).map((r) => r.revision.name)).toEqual(['two', 'one']);
    }
  });
});

describe('parseSortKey', () => {
  it.each([...SORT_KEYS])('accepts %s', (key) => expect(parseSortKey(key)).toBe(key));

  it.each(['size', 'Files', '', 'churn ', 'active_months'])('rejects %j with a usage error naming the keys', (text) => {
    let caught: unknown;
    try {
      parseSortKey(text);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).exitCode).toBe(2);
    expect((caught as UsageError).message).toBe(
      `unknown sort key '${text}': use one of path, files, lines, commits, added, removed, churn, authors, active, last`,
    );
  });
});

describe('renderTable', () => {
  const reports = [
    report('drivers/vdpa/mlx5/core', { files: 3, lines: 1500, commits: 58, added: 1023, removed: 390, authors: 10 }, [8, 0, 1]),
    report('fs/x', { files: 1234, lines: 7, commits: 0, added: 0, removed: 12345, authors: 0, last_commit: null }, [0, 0, 0]),
  ];

  it('one row per path, figures grouped and right-aligned, the +/− halves lined up', () => {
    expect(renderTable(reports, { color: false })).toBe(
      [
        'path                    files  lines  commits             +/−  authors  active  last change  monthly commits',
        '──────────────────────  ─────  ─────  ───────  ──────────────  ───────  ──────  ───────────  ───────────────',
        'drivers/vdpa/mlx5/core      3  1,500       58  +1,023    −390       10     2/3  2026-01-05   █·▁            ',
        'fs/x                    1,234      7        0      +0 −12,345        0     0/3  —            ···            ',
        '2 paths · window 2025-11-10 → 2026-01-10 (5y)',
        '',
      ].join('\n'),
    );
  });

  it.each([false, true])('every line of the table has the same display width (color %s)', (color) => {
    const lines = renderTable(reports, { color }).split('\n').slice(0, -2);
    expect(lines).toHaveLength(4);
    expect(new Set(lines.map(width))).toEqual(new Set([width(lines[0]!)]));
  });

  it('no escape codes without colour, chalk colours with it', () => {
    const hostile = [...reports, report('evil\u001b[31m', { warnings: ['bad\u001b]0;title\u0007'] })];
    expect(renderTable(hostile, { color: false })).not.toContain(ESC);
    const colored = renderTable(reports, { color: true });
    expect(colored).toContain(`${ESC}[1mpath${ESC}[22m`);
    expect(colored).toContain(`${ESC}[32m+1,023${ESC}[39m`);
  });

  it('control characters in paths and warnings are shown escaped, one row per path', () => {
    const out = renderTable([report('a\nb\tc\u001b', { warnings: ['shallow\nhistory'] })], { color: false });
    const lines = out.split('\n');
    expect(lines[2]!.startsWith('a\\nb\\tc\\x1b  ')).toBe(true);
    expect(lines.slice(3)).toEqual(['1 path · window 2025-11-10 → 2026-01-10 (5y)', 'warning: a\\nb\\tc\\x1b: shallow\\nhistory', '']);
  });

  it('an explicit window is not repeated as its label', () => {
    const w = { since: '2021-01-01T00:00:00Z', until: '2022-01-01T00:00:00Z', months: 13, label: '2021-01-01 → 2022-01-01' };
    expect(renderTable([report('x', { window: w })], { color: false }).split('\n').at(-2)).toBe('1 path · window 2021-01-01 → 2022-01-01');
  });

  it('says so when the windows differ, and handles no paths', () => {
    const other = report('y', { window: { ...reports[0]!.window, label: '2y' } });
    expect(renderTable([reports[0]!, other], { color: false }).split('\n').at(-2)).toBe('2 paths · windows differ between paths');
    expect(renderTable([], { color: false }).split('\n').slice(-2)).toEqual(['0 paths', '']);
  });
});

describe('renderCsv', () => {
  const header = 'path,files,lines,commits,added,removed,authors,active_months,months,last_commit_date,last_commit_sha,warnings';
  const tail = ',1,1,1,1,1,1,2,3,2026-01-05T12:00:00Z,0123456789abcdef0123456789abcdef01234567,\n';
  const row = (path: string) => renderCsv([report(path)]).slice(header.length + 1);

  it('a header, then one row per path, LF line ends, plain numbers', () => {
    const csv = renderCsv([
      report('drivers/vdpa/mlx5/core', { files: 3, lines: 1500, commits: 58, added: 1023, removed: 390, authors: 10 }),
      report('fs/x', { last_commit: null, warnings: ['shallow history', 'missing blob 1234'] }),
    ]);
    expect(csv).toBe(
      [
        header,
        'drivers/vdpa/mlx5/core,3,1500,58,1023,390,10,2,3,2026-01-05T12:00:00Z,0123456789abcdef0123456789abcdef01234567,',
        'fs/x,1,1,1,1,1,1,2,3,,,shallow history; missing blob 1234',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['a,"b"\nc', '"a,""b""\nc"'],
  ])('quotes the path %j as %j', (path, field) => {
    expect(row(path)).toBe(`${field}${tail}`);
  });

  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-dash', "'-dash"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ["'quoted", "''quoted"],
    ['drivers/-x', 'drivers/-x'],
  ])('guards the path %j against spreadsheet formulas as %j', (path, field) => {
    expect(row(path)).toBe(`${field}${tail}`);
  });

  it('guards the warnings field too', () => {
    expect(renderCsv([report('x', { warnings: ['=1+1', 'b'] })]).split('\n')[1]!.endsWith(",'=1+1; b")).toBe(true);
  });
});
