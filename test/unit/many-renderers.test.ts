import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { renderCsv } from '../../src/render/csv.js';
import { sparkline } from '../../src/text/sparkline.js';
import { DROP_ORDER, renderTable } from '../../src/render/table.js';
import { parseSort, parseSortKey, SORT_KEYS, sortReports, type SortKey } from '../../src/signals/sort.js';
import type { PathReport, PathResult } from '../../src/types.js';
import { renderOpts, sampleReport as report, sampleFailure, sampleReview } from '../helpers/report.js';

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

  it('on a given scale: the same count draws the same bar whatever the row\'s own maximum', () => {
    expect(sparkline([2, 1], 8)).toBe('▂▁');
    expect(sparkline([8, 2], 8)).toBe('█▂');
  });
});

describe('sortReports', () => {
  const work = (
    substantive_commits: number, sweep_commits: number, substantive_added: number, substantive_removed: number, substantive_authors: number,
    absence_factor: number, substantive_absence_factor: number, elephant_factor: number, substantive_elephant_factor: number,
    substantive_active_months: number, last: string | null,
  ) => ({
    substantive_commits, sweep_commits, substantive_added, substantive_removed, substantive_authors, absence_factor, substantive_absence_factor,
    elephant_factor, substantive_elephant_factor, substantive_active_months, last_substantive_commit: last === null ? null : { sha: '4'.repeat(40), date: last, subject: '' },
  });
  // Review trailers over all and substantive commits, and maintainer coverage.
  const review = (all: ReturnType<typeof sampleReview>, substantive: ReturnType<typeof sampleReview>, maintainer_coverage: number | null) => ({ review: { all, substantive }, maintainer_coverage });
  // Bytewise path order puts 'B' before 'a'; ties on every numeric key are broken by path.
  const reports = [
    report('b', { releases: { considered: 9, changed: 3, first: 'v1', last: 'v9', oldest: 'v1', newest: 'v9' }, files: 2, lines: 10, commits: 5, added: 10, removed: 0, authors: 3, active_months: 2, last_commit: { sha: '1'.repeat(40), date: '2026-01-01T00:00:00Z', subject: '' }, ...work(4, 1, 8, 0, 2, 2, 1, 1, 1, 2, '2025-12-01T00:00:00Z'), ...review(sampleReview(5, 4, { reviewers: 2, fixes: 1 }), sampleReview(4, 3), 0.6), defconfigs: 3 }),
    report('a', { releases: null, files: 2, lines: 30, commits: 1, added: 1, removed: 20, authors: 3, active_months: 1, last_commit: null, ...work(0, 1, 0, 0, 0, 1, 0, 1, 0, 0, null), ...review(sampleReview(1, 0, { fixes: 1, reverts: 1 }), sampleReview(0), null) }),
    report('c', { releases: { considered: 9, changed: 5, first: 'v1', last: 'v9', oldest: 'v1', newest: 'v9' }, files: 9, lines: 20, commits: 5, added: 15, removed: 5, authors: 1, active_months: 3, last_commit: { sha: '2'.repeat(40), date: '2025-06-01T00:00:00Z', subject: '' }, ...work(5, 0, 15, 5, 1, 1, 1, 1, 1, 3, '2025-06-01T00:00:00Z'), ...review(sampleReview(5, 5, { reverts: 2 }), sampleReview(5, 5), 0.2), defconfigs: 0 }),
    report('B', { releases: { considered: 9, changed: 0, first: 'v1', last: 'v9', oldest: 'v1', newest: 'v9' }, files: 1, lines: 10, commits: 0, added: 0, removed: 0, authors: 0, active_months: 0, last_commit: null, ...work(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null), ...review(sampleReview(0), sampleReview(0), null), defconfigs: 3 }),
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
    idle: ['c', 'b', 'B', 'a'],
    substantive_commits: ['c', 'b', 'B', 'a'],
    sweep_commits: ['a', 'b', 'B', 'c'],
    substantive_added: ['c', 'b', 'B', 'a'],
    substantive_removed: ['c', 'B', 'a', 'b'],
    substantive_authors: ['b', 'c', 'B', 'a'],
    absence_factor: ['b', 'a', 'c', 'B'],
    substantive_absence_factor: ['b', 'c', 'B', 'a'],
    elephant_factor: ['a', 'b', 'c', 'B'],
    substantive_elephant_factor: ['b', 'c', 'B', 'a'],
    substantive_active: ['c', 'b', 'B', 'a'],
    substantive_last: ['b', 'c', 'B', 'a'],
    substantive_idle: ['c', 'b', 'B', 'a'],
    // No report has a MAINTAINERS section: none has the figure, and ties go by path.
    maintainer_idle: ['B', 'a', 'b', 'c'],
    releases_changed: ['c', 'b', 'B', 'a'],
    reviewed: ['c', 'b', 'a', 'B'],
    substantive_reviewed: ['c', 'b', 'B', 'a'],
    reviewers: ['b', 'c', 'B', 'a'],
    fixes: ['a', 'b', 'B', 'c'],
    reverts: ['c', 'a', 'B', 'b'],
    coverage: ['b', 'c', 'B', 'a'],
    defconfigs: ['B', 'b', 'c', 'a'],
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

describe('sortReports in ascending order and with failed paths', () => {
  const reports: PathResult[] = [
    report('b', { commits: 5, last_commit: { sha: '1'.repeat(40), date: '2026-01-01T00:00:00Z', subject: '' } }),
    sampleFailure('z-failed'),
    report('a', { commits: 1, last_commit: null }),
    report('c', { commits: 5, last_commit: { sha: '2'.repeat(40), date: '2025-06-01T00:00:00Z', subject: '' } }),
    sampleFailure('a-failed'),
  ];
  const order = (key: SortKey, o?: 'asc' | 'desc') => sortReports(reports, key, o).map((r) => r.path);

  it('asc puts the least first, ties still by path A→Z', () => {
    expect(order('commits', 'asc')).toEqual(['a', 'b', 'c', 'a-failed', 'z-failed']);
    expect(order('commits', 'desc')).toEqual(['b', 'c', 'a', 'a-failed', 'z-failed']);
  });

  it('path desc is Z→A; the default for path is A→Z and for figures most first', () => {
    expect(order('path', 'desc')).toEqual(['c', 'b', 'a', 'a-failed', 'z-failed']);
    expect(order('path')).toEqual(['a', 'b', 'c', 'a-failed', 'z-failed']);
    expect(order('commits')).toEqual(order('commits', 'desc'));
  });

  it('last: oldest first in asc, a path without any commit before every date', () => {
    expect(order('last', 'asc')).toEqual(['a', 'c', 'b', 'a-failed', 'z-failed']);
    expect(order('last', 'desc')).toEqual(['b', 'c', 'a', 'a-failed', 'z-failed']);
  });

  it.each(SORT_KEYS.flatMap((k) => [[k, 'asc'], [k, 'desc']] as const))('failed paths come last by %s %s', (key, o) => {
    expect(order(key, o).slice(-2)).toEqual(['a-failed', 'z-failed']);
  });
});

describe('parseSort', () => {
  const usage = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      return (e as UsageError).message;
    }
    throw new Error('no error');
  };

  it('key and order, the key\'s own order by default, nothing without --sort', () => {
    expect(parseSort('commits', 'asc')).toEqual({ key: 'commits', order: 'asc' });
    expect(parseSort('commits', undefined)).toEqual({ key: 'commits', order: 'desc' });
    expect(parseSort('path', undefined)).toEqual({ key: 'path', order: 'asc' });
    expect(parseSort(undefined, undefined)).toBeUndefined();
  });

  it('--order without --sort, or an unknown order, is a usage error naming the fix', () => {
    expect(usage(() => parseSort(undefined, 'asc'))).toBe('--order "asc" needs --sort KEY: say what to order by, e.g. --sort commits --order asc');
    expect(usage(() => parseSort('commits', 'up'))).toBe('--order "up": use asc (least first) or desc (most first)');
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
      `unknown sort key '${text}': use one of path, files, lines, commits, substantive_commits, sweep_commits, added, removed, substantive_added, substantive_removed, churn, authors, substantive_authors, absence_factor, substantive_absence_factor, elephant_factor, substantive_elephant_factor, active, substantive_active, last, substantive_last, idle, substantive_idle, maintainer_idle, reviewed, substantive_reviewed, reviewers, fixes, reverts, coverage, defconfigs, releases_changed`,
    );
  });
});

describe('renderTable', () => {
  const reports = [
    report('drivers/vdpa/mlx5/core', { files: 3, lines: 1500, commits: 58, added: 1023, removed: 390, authors: 10, substantive_commits: 41, sweep_commits: 17, absence_factor: 3, elephant_factor: 2 }, [8, 0, 1]),
    report('fs/x', { files: 1234, lines: 7, commits: 0, added: 0, removed: 12345, authors: 0, last_commit: null, substantive_commits: 0, absence_factor: 0, elephant_factor: 0 }, [0, 0, 0]),
  ];
  const opts = renderOpts;

  it('one row per path, figures grouped and right-aligned, the +/− halves lined up', () => {
    expect(renderTable(reports, opts())).toBe(
      [
        'path                    files  lines  commits  subst.             +/−  authors  absence  elephant  active  last change  monthly commits (█ = 8)',
        '──────────────────────  ─────  ─────  ───────  ──────  ──────────────  ───────  ───────  ────────  ──────  ───────────  ───────────────────────',
        'drivers/vdpa/mlx5/core      3  1,500       58      41  +1,023    −390       10        3         2     2/3  2026-01-05   █·▁                    ',
        'fs/x                    1,234      7        0       0      +0 −12,345        0        0         0     0/3  —            ···                    ',
        '2 paths · window 2025-11-10 → 2026-01-10 (5y)',
        '',
      ].join('\n'),
    );
  });

  it.each([false, true])('every line of the table has the same display width (color %s)', (color) => {
    const lines = renderTable([...reports, sampleFailure('gone')], opts({ color })).split('\n').slice(0, -3);
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map(width))).toEqual(new Set([width(lines[0]!)]));
  });

  it('the sparklines share one scale, and the header says what █ is', () => {
    const out = renderTable([report('a', {}, [8, 4, 0]), report('b', {}, [2, 1, 0])], opts()).split('\n');
    expect(out[0]).toMatch(/monthly commits \(█ = 8\)$/);
    expect(out[2]).toMatch(/ █▄· +$/);
    expect(out[3]).toMatch(/ ▂▁· +$/);
  });

  it('a failed path is a row saying what went wrong, its message after the summary', () => {
    const out = renderTable([reports[0]!, sampleFailure('gone', 'partial-clone', 'partial clone lacks blob 1234 (fetch it)')], opts()).split('\n');
    expect(out[3]).toMatch(/^gone {20}error: partial-clone +$/);
    expect(out.slice(4)).toEqual(['2 paths, 1 failed · window 2025-11-10 → 2026-01-10 (5y)', 'error: gone: partial clone lacks blob 1234 (fetch it)', '']);
    expect(renderTable([sampleFailure('gone')], opts()).split('\n').slice(2).map((l) => l.trimEnd())).toEqual(['gone  error: not-found', '1 path, 1 failed', 'error: gone: path not found: gone (check the spelling)', '']);
  });

  it('no escape codes without colour, chalk colours with it', () => {
    const hostile = [...reports, report('evil\u001b[31m', { warnings: ['bad\u001b]0;title\u0007'] })];
    expect(renderTable(hostile, opts())).not.toContain(ESC);
    const colored = renderTable(reports, opts({ color: true }));
    expect(colored).toContain(`${ESC}[1mpath${ESC}[22m`);
    expect(colored).toContain(`${ESC}[32m+1,023${ESC}[39m`);
  });

  it('control and bidi characters in paths and warnings are shown escaped, one row per path', () => {
    const out = renderTable([report('a\nb\tc\u001b\u202e', { warnings: ['shallow\nhistory\u2067'] })], opts());
    const lines = out.split('\n');
    expect(lines[2]!.startsWith('a\\nb\\tc\\x1b\\u202e  ')).toBe(true);
    expect(lines.slice(3)).toEqual(['1 path · window 2025-11-10 → 2026-01-10 (5y)', 'warning: a\\nb\\tc\\x1b\\u202e: shallow\\nhistory\\u2067', '']);
  });

  it('an explicit window is not repeated as its label', () => {
    const w = { since: '2021-01-01T00:00:00Z', until: '2022-01-01T00:00:00Z', months: 13, label: '2021-01-01 → 2022-01-01' };
    expect(renderTable([report('x', { window: w })], opts()).split('\n')).toContain('1 path · window 2021-01-01 → 2022-01-01');
  });

  it('names the tree files and lines describe when the window ends before the revision', () => {
    const w = { since: '2024-01-01T00:00:00Z', until: '2024-12-31T23:59:59Z', months: 12, label: '2024-01-01 → 2024-12-31' };
    expect(renderTable([report('x', { window: w })], opts()).split('\n').at(-2)).toBe('files and lines as of HEAD (2026-01-10), after the window');
  });

  it('says so when the windows differ, and handles no paths', () => {
    const other = report('y', { window: { ...reports[0]!.window, label: '2y' } });
    expect(renderTable([reports[0]!, other], opts()).split('\n').at(-2)).toBe('2 paths · windows differ between paths');
    expect(renderTable([], opts()).split('\n').slice(-2)).toEqual(['0 paths', '']);
  });
});

describe('renderTable at a terminal\'s width', () => {
  // Ten years of months, long paths, big figures: about 200 columns in full.
  const counts = Array.from({ length: 121 }, (_, i) => (i * 7) % 23);
  // 2016-04 … 2026-04.
  const month = (i: number) => `${2016 + Math.floor((i + 3) / 12)}-${String(((i + 3) % 12) + 1).padStart(2, '0')}`;
  const big = (path: string, k: number) =>
    report(path, {
      monthly: counts.map((c, i) => ({ month: month(i), commits: c * k, added: c, removed: 0, substantive: c * k })),
      files: 12345, lines: 12345678, commits: 54321, added: 1234567, removed: 7654321, authors: 4321, active_months: 120,
      window: { since: '2016-04-21T00:00:00Z', until: '2026-01-10T00:00:00Z', months: 121, label: '10y' },
      warnings: ['shallow clone: history stops at 2020-01-01 (run git fetch --unshallow for the whole history)'],
      // The kernel's columns: a MAINTAINERS section, review trailers, release tags.
      section: 'MELLANOX MLX5 CORE VPI DRIVER', status: 'Supported',
      review: { all: sampleReview(54321, 40000), substantive: sampleReview(50000, 39000) },
      releases: { considered: 20, changed: 17, first: 'v2.6.11', last: 'v6.19', oldest: 'v6.0', newest: 'v6.19' },
      defconfigs: 12,
    });
  const rows: PathResult[] = [
    big('drivers/net/ethernet/mellanox/mlx5/core/steering/hws', 1),
    big('fs/x', 3),
    sampleFailure('drivers/gone/for/good', 'not-found', 'path not found: drivers/gone/for/good (did you mean "drivers/gpu"?)'),
  ];
  const header = (w: number) => renderTable(rows, renderOpts({ width: w })).split('\n')[0]!.trim().split(/ {2,}/);

  it.each([20, 40, 60, 80, 100, 120, 160])('at %i columns no line is wider, and every row stays one line', (w) => {
    for (const color of [false, true]) {
      const lines = renderTable(rows, renderOpts({ width: w, color })).split('\n');
      for (const line of lines) expect(width(line), line).toBeLessThanOrEqual(w);
      // The long path gives up its start, never its leaf.
      expect(lines[2]!.startsWith('…')).toBe(true);
      expect(lines[2]).toContain('steering/hws');
      expect(lines[3]!.startsWith('fs/x ')).toBe(true);
      expect(width(lines[2]!)).toBe(width(lines[0]!));
    }
  });

  it('a pipe gets every column and a character per month', () => {
    const lines = renderTable(rows, renderOpts()).split('\n');
    expect(header(Infinity)).toEqual(['path', 'files', 'lines', 'commits', 'subst.', '+/−', 'authors', 'absence', 'elephant', 'active', 'last change', `monthly commits (█ = ${(22 * 3).toLocaleString('en')})`, 'section', 'status', 'reviewed', 'defconfigs', 'rel.']);
    expect(lines[2]!.slice(lines[0]!.indexOf('monthly')).split(/\s+/)[0]).toHaveLength(121);
    expect(lines[2]!.startsWith('drivers/net/ethernet/mellanox/mlx5/core/steering/hws  ')).toBe(true);
  });

  it('gives way in the documented order: sparkline by quarter, by year, gone; then reviewed, rel., defconfigs, section, status, elephant, absence, last change, active, +/−, lines, files, authors, subst.', () => {
    const seen: string[][] = [];
    for (let w = 400; w >= 20; w--) {
      const h = header(w);
      if (JSON.stringify(h) !== JSON.stringify(seen.at(-1))) seen.push(h);
    }
    const spark = seen.map((h) => (h.find((x) => /^(monthly|quarterly|yearly)/.test(x)) ?? '').replace(/ \(.*$/, ''));
    expect([...new Set(spark.filter((x) => /monthly|quarterly|yearly/.test(x)))]).toEqual(['monthly commits', 'quarterly', 'yearly']);
    const dropped = seen.slice(1).map((h, i) => seen[i]!.filter((x) => !h.includes(x)).map((x) => x.replace(/ \(.*$/, ''))).filter((d) => d.length > 0);
    expect(dropped.flat()).toEqual(['monthly commits', 'quarterly', 'yearly', 'reviewed', 'rel.', 'defconfigs', 'section', 'status', 'elephant', 'absence', 'last change', 'active', '+/−', 'lines', 'files', 'authors', 'subst.', 'commits']);
    expect(DROP_ORDER).toEqual(['monthly', 'reviewed', 'releases_changed', 'defconfigs', 'section', 'status', 'elephant_factor', 'absence_factor', 'last', 'active', 'churn', 'lines', 'files', 'authors', 'substantive_commits', 'commits']);
  });
});

describe('renderCsv', () => {
  const header =
    'path,files,lines,commits,added,removed,authors,active_months,months,last_commit_date,last_commit_sha,warnings,revision,revision_sha,since,until,error,' +
    'substantive_commits,sweep_commits,substantive_added,substantive_removed,substantive_authors,absence_factor,substantive_absence_factor,elephant_factor,substantive_elephant_factor,substantive_active_months,last_substantive_commit_date,last_substantive_commit_sha,' +
    'section,status,maintainer_idle_months,' +
    'reviewed_or_acked_commits,reviewed_share,signed_off_by_commits,signed_off_by_people,reviewed_by_commits,reviewed_by_people,acked_by_commits,acked_by_people,tested_by_commits,tested_by_people,' +
    'reported_by_commits,reported_by_people,co_developed_by_commits,co_developed_by_people,fixes_commits,stable_commits,revert_commits,substantive_reviewed_or_acked_commits,substantive_reviewed_share,maintainer_coverage,' +
    'defconfigs,build_gates,' +
    'releases_changed,releases_considered,first_release,last_release';
  // sampleReport's kernel figures: no MAINTAINERS section; one commit, no trailer, no maintainer coverage; no build switch; no releases.
  const kernel = `,,,${',0'.repeat(19)},,,,,,,`;
  const tail = `,1,1,1,1,1,1,2,3,2026-01-05T12:00:00Z,0123456789abcdef0123456789abcdef01234567,,HEAD,${'f'.repeat(40)},2025-11-10T00:00:00Z,2026-01-10T00:00:00Z,,1,0,1,1,1,1,1,1,1,2,2026-01-05T12:00:00Z,0123456789abcdef0123456789abcdef01234567${kernel}\n`;
  const row = (path: string) => renderCsv([report(path)]).slice(header.length + 1);
  const measured = `HEAD,${'f'.repeat(40)},2025-11-10T00:00:00Z,2026-01-10T00:00:00Z`;

  it('a header, then one row per path with the revision and window it measured, LF line ends, plain numbers', () => {
    const csv = renderCsv([
      report('drivers/vdpa/mlx5/core', {
        files: 3, lines: 1500, commits: 58, added: 1023, removed: 390, authors: 10,
        substantive_commits: 41, sweep_commits: 17, substantive_added: 900, substantive_removed: 300, substantive_authors: 7,
        absence_factor: 3, substantive_absence_factor: 4, elephant_factor: 2, substantive_elephant_factor: 5, substantive_active_months: 1,
        last_substantive_commit: { sha: 'a'.repeat(40), date: '2026-01-04T08:00:00Z', subject: 'vdpa: fix' },
      }),
      report('fs/x', { last_commit: null, last_substantive_commit: null, warnings: ['shallow history', 'missing blob 1234'] }),
    ]);
    expect(csv).toBe(
      [
        header,
        `drivers/vdpa/mlx5/core,3,1500,58,1023,390,10,2,3,2026-01-05T12:00:00Z,0123456789abcdef0123456789abcdef01234567,,${measured},,41,17,900,300,7,3,4,2,5,1,2026-01-04T08:00:00Z,${'a'.repeat(40)}${kernel}`,
        `fs/x,1,1,1,1,1,1,2,3,,,shallow history; missing blob 1234,${measured},,1,0,1,1,1,1,1,1,1,2,,${kernel}`,
        '',
      ].join('\n'),
    );
  });

  it('a failed path: its name, empty figures, and the error code and message', () => {
    const csv = renderCsv([report('a'), sampleFailure('gone', 'damaged', 'damaged repository: object 12 cannot be read (run git fsck)')]);
    expect(csv.split('\n')[2]).toBe(`gone,,,,,,,,,,,,,,,,damaged: damaged repository: object 12 cannot be read (run git fsck)${','.repeat(41)}`);
    expect(csv.split('\n')[2]!.split(',')).toHaveLength(header.split(',').length);
  });

  it('guards the revision name like other free text', () => {
    expect(renderCsv([report('x', { revision: { name: '@~1', sha: 'a'.repeat(40), date: '2026-01-10T00:00:00Z' } })]).split('\n')[1]).toContain(`,'@~1,${'a'.repeat(40)},`);
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

  it('guards the warnings and error fields too', () => {
    expect(renderCsv([report('x', { warnings: ['=1+1', 'b'] })]).split('\n')[1]!).toContain(",'=1+1; b,");
    expect(renderCsv([sampleFailure('x', '=cmd', 'm')]).split('\n')[1]).toBe(`x,,,,,,,,,,,,,,,,'=cmd: m${','.repeat(41)}`);
  });
});
