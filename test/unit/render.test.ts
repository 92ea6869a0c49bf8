import { describe, expect, it } from 'vitest';
import { monthlyChart } from '../../src/render/chart.js';
import { columns, count, cutEnd, cutStart, grouped, visible, wrap } from '../../src/text/format.js';
import { renderJson, renderNdjson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText, textBlock } from '../../src/render/text.js';
import type { MonthFigures, PathReport } from '../../src/types.js';
import { renderOpts, sampleFailure, sampleReport } from '../helpers/report.js';

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

const months = (counts: number[], first = [2025, 11]): MonthFigures[] =>
  counts.map((commits, i) => {
    const m = first[0]! * 12 + (first[1]! - 1) + i;
    return { month: `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`, commits, added: commits, removed: 0, substantive: commits };
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

  it('under the chart: substantive work, the factors, the top authors and domains with aligned figures, then the last substantive commit', () => {
    const at = { first: '2025-11-20T10:00:00Z', last: '2025-12-01T09:00:00Z' };
    const r = report({
      commits: 1234, added: 50000, removed: 7000, authors: 40,
      substantive_commits: 1000, sweep_commits: 234, substantive_authors: 31,
      absence_factor: 3, substantive_absence_factor: 2, elephant_factor: 1, substantive_elephant_factor: 2,
      top_authors: [
        { name: 'Ann Author', email: 'ann@example.com', commits: 600, added: 30000, removed: 5000, share: 600 / 1234, ...at, substantive_commits: 550 },
        { name: 'Bo', email: '', commits: 12, added: 7, removed: 0, share: 12 / 1234, ...at, substantive_commits: 0 },
        { name: 'Cy', email: 'cy@lab.example.org', commits: 1, added: 1, removed: 1, share: 1 / 1234, ...at, substantive_commits: 1 },
      ],
      top_domains: [
        { domain: 'example.com', authors: 12, commits: 900, added: 40000, removed: 6000, share: 900 / 1234, ...at, substantive_commits: 800 },
        { domain: '', authors: 1, commits: 12, added: 7, removed: 0, share: 12 / 1234, ...at, substantive_commits: 0 },
      ],
      last_substantive_commit: { sha: '9876543210fedcba'.padEnd(40, '0'), date: '2025-11-18T08:00:00Z', subject: 'x: the work' },
    });
    const lines = textBlock(r, { color: false }).split('\n');
    expect(lines.slice(lines.indexOf('1,000 substantive commits, 5y (234 sweeps)') - 1)).toEqual([
      '',
      '1,000 substantive commits, 5y (234 sweeps)',
      '31 substantive authors, 5y',
      'absence factor 3 (substantive 2): fewest authors behind half the commits',
      'elephant factor 1 (substantive 2): fewest e-mail domains behind half',
      'top authors, 5y \u00b7 commits (substantive) \u00b7 share \u00b7 lines added / removed',
      '  600 (550)  49%  +30,000 \u22125,000  Ann Author <ann@example.com>',
      '   12   (0)   1%       +7     \u22120  Bo',
      '    1   (1)  <1%       +1     \u22121  Cy <cy@lab.example.org>',
      'top domains, 5y \u00b7 commits (substantive) \u00b7 share \u00b7 lines added / removed',
      '  900 (800)  73%  +40,000 \u22126,000  example.com \u00b7 12 authors',
      '   12   (0)   1%       +7     \u22120  (no domain) \u00b7 1 author',
      '',
      'last commit \u00b7 2025-11-20 \u00b7 abcdef123456 \u00b7 x: fix',
      'last substantive \u00b7 2025-11-18 \u00b7 9876543210fe \u00b7 x: the work',
      '',
    ]);
  });

  it('no list without authors, and `none` for a missing commit', () => {
    const text = textBlock(report({ last_commit: null, last_substantive_commit: null, top_authors: [], top_domains: [], warnings: ['shallow clone'] }), { color: false });
    expect(text).not.toContain('top ');
    expect(text).toContain('half\n\nlast commit \u00b7 none\nlast substantive \u00b7 none\nwarning: shallow clone\n');
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
  it('the shape follows the request: an object only for one positional path, else an array', () => {
    const a = report();
    const b = report({ path: 'y' });
    expect(JSON.parse(renderJson([a], renderOpts({ many: false })))).toEqual(a);
    expect(JSON.parse(renderJson([a], renderOpts({ many: true })))).toEqual([a]);
    expect(JSON.parse(renderJson([], renderOpts({ many: true })))).toEqual([]);
    expect(JSON.parse(renderJson([a, b], renderOpts()))).toEqual([a, b]);
    expect(renderNdjson([a, b]).split('\n')).toEqual([JSON.stringify(a), JSON.stringify(b), '']);
  });

  it('a failed path takes its place as {path, error: {code, message}}', () => {
    const f = sampleFailure('gone', 'not-found', 'path not found: gone');
    const out = JSON.parse(renderJson([report(), f, report({ path: 'y' })], renderOpts()));
    expect(out[1]).toEqual({ schema: 'kstat.signals/1', path: 'gone', error: { code: 'not-found', message: 'path not found: gone' } });
    expect(out.map((r: { path: string }) => r.path)).toEqual(['drivers/x', 'gone', 'y']);
    expect(JSON.parse(renderJson([f], renderOpts({ many: false })))).toEqual(f);
    expect(renderNdjson([f]).trim()).toBe(JSON.stringify(f));
  });
});

describe('failed paths in text', () => {
  it('one line in place of the block, the others unchanged', () => {
    const out = renderText([report(), sampleFailure('gone', 'damaged', 'damaged repository: object 1234 cannot be read'), report({ path: 'y' })], renderOpts());
    const blocks = out.split('\n\n');
    expect(out).toContain('\n\nerror: gone: damaged repository: object 1234 cannot be read\n\ny\n');
    expect(out.startsWith(textBlock(report(), { color: false }))).toBe(true);
    expect(blocks.filter((b) => b.startsWith('error: '))).toHaveLength(1);
  });

  it('a single failure is just its one-line error', () => {
    expect(renderText([sampleFailure('a\u202eb', 'git-failed', 'git failed')], renderOpts({ many: false }))).toBe('error: a\\u202eb: git failed\n');
  });
});

describe('controls in names', () => {
  it.each([
    ['\u202e', '\\u202e'],
    ['\u202a\u202b\u202c\u202d', '\\u202a\\u202b\\u202c\\u202d'],
    ['\u2066\u2067\u2068\u2069', '\\u2066\\u2067\\u2068\\u2069'],
    ['\u200e\u200f\u061c', '\\u200e\\u200f\\u061c'],
    ['\u001b[31m\n\t\r\u0085', '\\x1b[31m\\n\\t\\r\\x85'],
    ['plain é 漢字 \u{1f600}', 'plain é 漢字 \u{1f600}'],
  ])('visible(%j) = %j', (raw, shown) => expect(visible(raw)).toBe(shown));

  it('a bidi override in a path, subject or warning reaches the text block escaped', () => {
    const out = textBlock(report({ path: 'evil\u202egnp.c', warnings: ['w\u2066x'], last_commit: { sha: 'a'.repeat(40), date: '2026-01-01T00:00:00Z', subject: 'fix \u202dreversed' } }), { color: false });
    expect(out).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('evil\\u202egnp.c');
    expect(out).toContain('fix \\u202dreversed');
    expect(out).toContain('warning: w\\u2066x');
  });
});

describe('fitting a width', () => {
  it('cutStart keeps the end (a path\'s leaf), cutEnd the start, both mark the cut with …', () => {
    expect(cutStart('drivers/vdpa/mlx5/core', 12)).toBe('…a/mlx5/core');
    expect(cutStart('short', 12)).toBe('short');
    expect(cutEnd('vdpa/mlx5: fix the thing', 10)).toBe('vdpa/mlx5…');
    expect(columns(cutEnd('漢字漢字漢字', 6))).toBeLessThanOrEqual(6);
    expect(cutEnd('漢字漢字漢字', 6)).toBe('漢字…');
  });

  it('wrap breaks at spaces, indents later lines, and cuts a word longer than a line', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', '  three', '  four']);
    expect(wrap('fits', 9)).toEqual(['fits']);
    expect(wrap('abcdefghijkl', 5)).toEqual(['abcde', '  fgh', '  ijk', '  l']);
    expect(wrap('\u001b[32m+1\u001b[39m / words', 7).map(plain)).toEqual(['+1 /', '  words']);
  });

  // A 10-year window: 121 months, a long path, subject and warning.
  const ten = (): PathReport => {
    const monthly = months(Array.from({ length: 121 }, (_, i) => (i * 7) % 23), [2016, 4]);
    return sampleReport('drivers/net/ethernet/mellanox/mlx5/core/steering/hws', {
      window: { since: '2016-04-21T00:00:00Z', until: '2026-04-21T00:00:00Z', months: 121, label: '10y' },
      revision: { name: 'HEAD', sha: 'f'.repeat(40), date: '2026-04-21T00:00:00Z' },
      files: 1234, lines: 1234567, commits: 1500, added: 1234567, removed: 765432, authors: 321,
      active_months: 110,
      monthly,
      last_commit: { sha: 'b'.repeat(40), date: '2026-02-18T14:00:00Z', subject: 'net/mlx5: a subject long enough to need cutting at any width below a hundred' },
      warnings: ['shallow clone: history stops at 2020-01-01 (run git fetch --unshallow for the whole history)'],
      substantive_commits: 1200, sweep_commits: 300,
      top_authors: [
        { name: 'Saeed Mahameed-Long-Surname', email: 'saeedm@nvidia.example.com', commits: 1234, added: 1234567, removed: 765432, share: 1234 / 1500, first: '2016-05-01T00:00:00Z', last: '2026-02-18T14:00:00Z', substantive_commits: 1000 },
        { name: 'Tariq', email: 'tariqt@nvidia.example.com', commits: 2, added: 1, removed: 0, share: 2 / 1500, first: '2016-05-01T00:00:00Z', last: '2016-05-01T00:00:00Z', substantive_commits: 2 },
      ],
      top_domains: [
        { domain: 'nvidia.example.com', authors: 321, commits: 1500, added: 1234567, removed: 765432, share: 1, first: '2016-05-01T00:00:00Z', last: '2026-02-18T14:00:00Z', substantive_commits: 1200 },
      ],
    });
  };

  it.each([20, 40, 60, 80, 100, 120])('at %i columns no line of the text block is wider (plain and coloured)', (width) => {
    for (const color of [false, true]) {
      const out = renderText([ten(), sampleFailure('x/'.repeat(40), 'not-found', 'path not found: somewhere far away (did you mean another?)')], renderOpts({ width, color }));
      for (const line of out.split('\n')) expect(columns(line), line).toBeLessThanOrEqual(width);
    }
  });

  it('a top author\'s figures stay on one line with the name when it has 8 columns, else the name moves to a line of its own', () => {
    const people = (width: number) => {
      const lines = renderText([ten()], renderOpts({ width })).split('\n');
      return lines.slice(lines.findIndex((l) => l.startsWith('top authors')), lines.findIndex((l) => l.startsWith('last commit')) - 1);
    };
    expect(people(Infinity)).toEqual([
      'top authors, 10y · commits (substantive) · share · lines added / removed',
      '  1,234 (1,000)  82%  +1,234,567 −765,432  Saeed Mahameed-Long-Surname <saeedm@nvidia.example.com>',
      '      2     (2)  <1%          +1       −0  Tariq <tariqt@nvidia.example.com>',
      'top domains, 10y · commits (substantive) · share · lines added / removed',
      '  1,500 (1,200)  100%  +1,234,567 −765,432  nvidia.example.com · 321 authors',
    ]);
    expect(people(60)).toEqual([
      'top authors, 10y · commits (substantive) · share · lines ad…',
      '  1,234 (1,000)  82%  +1,234,567 −765,432  Saeed Mahameed-L…',
      '      2     (2)  <1%          +1       −0  Tariq <tariqt@nv…',
      'top domains, 10y · commits (substantive) · share · lines ad…',
      '  1,500 (1,200)  100%  +1,234,567 −765,432  nvidia.example.…',
    ]);
    expect(people(40)).toEqual([
      'top authors, 10y · commits (substantive…',
      '  1,234 (1,000)  82%  +1,234,567',
      '    −765,432',
      '    Saeed Mahameed-Long-Surname <saeedm…',
      '  2     (2)  <1%          +1       −0',
      '    Tariq <tariqt@nvidia.example.com>',
      'top domains, 10y · commits (substantive…',
      '  1,500 (1,200)  100%  +1,234,567',
      '    −765,432',
      '    nvidia.example.com · 321 authors',
    ]);
  });

  it('a pipe gets the full layout: a column per month and the whole subject', () => {
    const out = renderText([ten()], renderOpts());
    expect(out).toContain('monthly commits · 2016-04-21');
    expect(out.split('\n').find((l) => l.includes('└'))!.split('└')[1]).toHaveLength(121);
    expect(out).toContain('need cutting at any width below a hundred\n');
  });

  it('months that do not fit are summed by quarter, then by year, and the header says so', () => {
    const axis = (width: number) => renderText([ten()], renderOpts({ width })).split('\n').find((l) => l.includes('└'))!.split('└')[1]!;
    expect(axis(130)).toHaveLength(121);
    expect(renderText([ten()], renderOpts({ width: 80 }))).toContain('\nquarterly commits · 2016-04-21');
    // 2016-Q2 … 2026-Q2: 41 quarters.
    expect(axis(80)).toHaveLength(41);
    expect(renderText([ten()], renderOpts({ width: 30 }))).toContain('\nyearly commits · 2016-04-21');
    expect(axis(30)).toHaveLength(11);
  });

  it('quarters sum their months, and the busiest period tops the scale', () => {
    const m = months([1, 2, 3, 4, 0, 0, 5], [2025, 1]);
    const chart = monthlyChart(m, undefined, 4, 8);
    expect(chart[0]).toBe('6 ┤█ ▃');
    expect(chart.at(-2)).toBe('  └┬──');
  });

  it('the subject is cut with … to the width, and moves to its own line when the rest leaves no room', () => {
    const at = (width: number) => renderText([ten()], renderOpts({ width })).split('\n');
    const line80 = at(80).find((l) => l.startsWith('last commit'))!;
    expect(line80).toMatch(/^last commit · 2026-02-18 · bbbbbbbbbbbb · net\/mlx5: a subject .*…$/);
    expect(columns(line80)).toBe(80);
    const lines40 = at(40);
    const i = lines40.indexOf('last commit · 2026-02-18 · bbbbbbbbbbbb');
    expect(i).toBeGreaterThan(0);
    expect(lines40[i + 1]).toMatch(/^ {2}net\/mlx5: a subject .*…$/);
  });
});

describe('the tree files and lines describe', () => {
  it('is named when the window ends before the revision, and only then', () => {
    const before = report({ window: { since: '2025-01-01T00:00:00Z', until: '2025-06-30T23:59:59Z', months: 6, label: '2025-01-01 → 2025-06-30' }, revision: { name: 'v6.9', sha: 'f'.repeat(40), date: '2026-01-10T00:00:00Z' } });
    expect(textBlock(before, { color: false })).toContain('\nfiles and lines as of v6.9 (2026-01-10), after the window\n');
    expect(textBlock(report(), { color: false })).not.toContain('files and lines as of');
  });
});

describe('markdown', () => {
  it('one path: a heading and the block\'s lines as a list', () => {
    const out = renderMarkdown([sampleReport('drivers/x')], renderOpts({ many: false }));
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(0, 7)).toEqual(['### `drivers/x`', '', '- 1 file', '- 1 source line', '- 1 commit, 5y', '- +1 / −1 lines added / removed, 5y', '- 1 author, 5y']);
    expect(lines.slice(8)).toEqual([
      '- 1 substantive commit, 5y (0 sweeps)',
      '- 1 substantive author, 5y',
      '- absence factor 1 (substantive 1): fewest authors behind half the commits',
      '- elephant factor 1 (substantive 1): fewest e-mail domains behind half',
      '- top authors, 5y: A U Thor &lt;author@example.com&gt; 1 (1 substantive, 100%)',
      '- top domains, 5y: example.com (1 author) 1 (1 substantive, 100%)',
      '- last commit · 2026-01-05 · `0123456789ab` · x: fix',
      '- last substantive · 2026-01-05 · `0123456789ab` · x: fix',
    ]);
    const none = renderMarkdown([sampleReport('drivers/x', { top_authors: [], top_domains: [], last_substantive_commit: null })], renderOpts({ many: false }));
    expect(none).not.toContain('top authors');
    expect(none.trimEnd().split('\n').at(-1)).toBe('- last substantive · none');
  });

  it('several: a table whose columns are the signals table\'s, failed paths in place, pipes and backticks escaped', () => {
    const out = renderMarkdown([sampleReport('a|b'), sampleFailure('gone', 'not-found', 'path not found: gone <x>'), sampleReport('c`d')], renderOpts());
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('| path | files | lines | commits | subst. | +/− | authors | absence | elephant | active | last change | monthly commits (█ = 2) |');
    expect(lines[1]).toBe('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
    expect(lines[2]).toBe('| `a\\|b` | 1 | 1 | 1 | 1 | +1 −1 | 1 | 1 | 1 | 2/3 | 2026-01-05 | `▄·█` |');
    expect(lines[3]).toBe('| `gone` | **error:** not-found |  |  |  |  |  |  |  |  |  |  |');
    expect(lines[4]).toMatch(/^\| ``c`d`` \| 1 \|/);
    expect(lines.at(-1)).toBe('- **error:** `gone`: path not found: gone &lt;x&gt;');
    // Every row has as many cells as the header.
    const cellsOf = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    for (const l of lines.slice(0, 5)) expect(cellsOf(l)).toBe(cellsOf(lines[0]!));
  });
});
