// The HTML report (--html) in a real browser: headless Chromium opens the file kstat wrote, with
// every network request blocked, and every row's figures, the sort, the filter and an expanded
// row's chart are checked against kstat's --json for the same request.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernel } from '../../fixtures/recipes/kernel.js';
import { EXIT } from '../../src/errors.js';
import { renderHtml } from '../../src/render/html.js';
import { isFailure, type PathReport, type PathResult } from '../../src/types.js';
import { launchBrowser, type Launched } from '../helpers/browser.js';
import { elements, parseXml } from '../helpers/xml.js';
import { kstat, parseJson } from '../helpers/cli.js';
import { fixtureRepo, removeTempDirs, tempDir } from '../helpers/repos.js';

const MINUS = '\u2212';
const NONE = '\u2014';

let repo: string;
let out: string;
let browser: Launched;
let json: PathResult[];
let page: Page;
let requests: string[];
let url: string;

/** The request: every driver, and one listed path that never existed (a failed row). */
function args(): string[] {
  const list = join(out, 'paths.txt');
  writeFileSync(list, 'drivers/never-here\n');
  return ['--each', 'drivers', '--paths-from', list];
}

beforeAll(async () => {
  repo = fixtureRepo(kernel);
  out = tempDir('kstat-html-');
  const file = join(out, 'report.html');
  const written = kstat([...args(), '--html', file], { cwd: repo });
  expect(written.stderr).toBe('');
  expect(written.code).toBe(EXIT.somePathsFailed);
  const r = kstat(['--json', ...args()], { cwd: repo });
  json = parseJson<PathResult[]>(r.stdout);
  browser = await launchBrowser();
  page = await browser.browser.newPage();
  requests = [];
  url = pathToFileURL(file).href;
  page.on('request', (req) => void requests.push(req.url()));
  // Nothing but the file itself may load: anything else is aborted (and then fails the test below).
  await page.route('**', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  const errors: string[] = [];
  page.on('pageerror', (e) => void errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]');
  await page.waitForSelector('table#report:not([data-drawing])');
  expect(errors).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  removeTempDirs();
});

const reports = (): PathReport[] => json.filter((r): r is PathReport => !isFailure(r));
const visiblePaths = (): Promise<string[]> => page.$$eval('tbody tr.row:not([hidden])', (trs) => trs.map((tr) => tr.getAttribute('data-path')!));

/** What each column must show, read off the JSON independently of the signals table. */
const percent = (part: number, whole: number): string => `${Math.round((100 * part) / whole)}%`;
const EXPECTED: Record<string, (r: PathReport) => string> = {
  files: (r) => r.files.toLocaleString('en-US'),
  lines: (r) => r.lines.toLocaleString('en-US'),
  commits: (r) => r.commits.toLocaleString('en-US'),
  substantive_commits: (r) => String(r.substantive_commits),
  churn: (r) => `+${r.added} ${MINUS}${r.removed}`,
  authors: (r) => String(r.authors),
  absence_factor: (r) => String(r.absence_factor),
  elephant_factor: (r) => String(r.elephant_factor),
  active: (r) => `${r.active_months}/${r.monthly.length}`,
  last: (r) => r.last_commit?.date.slice(0, 10) ?? NONE,
  monthly: () => '',
  section: (r) => r.section ?? NONE,
  status: (r) => r.status ?? NONE,
  reviewed: (r) => (r.review.all.commits === 0 ? NONE : percent(r.review.all.reviewed_or_acked.commits, r.review.all.commits)),
  defconfigs: (r) => (r.defconfigs === null ? NONE : String(r.defconfigs)),
  releases_changed: (r) => (r.releases ? `${r.releases.changed}/${r.releases.considered}` : NONE),
};

describe('the page as written', () => {
  it('is one file that loads nothing else: no request but the file itself', () => {
    expect(requests).toEqual([url]);
    const html = readFileSync(new URL(url), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(|@font-face/i);
  });

  it('has the repository, the revision and the window in its header', async () => {
    const first = reports()[0]!;
    expect(await page.textContent('#repository')).toBe(repo);
    expect(await page.textContent('#revision')).toContain(first.revision.sha.slice(0, 12));
    expect(await page.textContent('#window')).toContain(`${first.window.since.slice(0, 10)} \u2192 ${first.window.until.slice(0, 10)}`);
  });

  it('shows every row with the figures of --json, in its order, and the failed path as an error', async () => {
    expect(await visiblePaths()).toEqual(json.map((r) => r.path));
    const cols = await page.$$eval('thead th', (ths) => ths.map((th) => th.getAttribute('data-col')!));
    expect(cols).toEqual(['path', ...Object.keys(EXPECTED)]);
    for (const r of json) {
      const row = page.locator(`tr.row[data-path="${r.path}"]`);
      if (isFailure(r)) {
        expect(await row.locator('td.error').textContent()).toBe(`error: ${r.error.code}: ${r.error.message}`);
        continue;
      }
      const cells = await row.locator('td[data-col]').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-col')!, td.textContent!]));
      expect(Object.fromEntries(cells)).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([k, f]) => [k, f(r)])));
    }
  });

  it('draws a sparkline per row on one scale: bar heights follow the months over the largest month of any row', async () => {
    const max = Math.max(...reports().flatMap((r) => r.monthly.map((m) => m.commits)));
    for (const r of reports()) {
      const d = await page.locator(`tr.row[data-path="${r.path}"] svg.spark path`).getAttribute('d');
      const bars = [...(d ?? '').matchAll(/M(\d+) [\d.]+h[\d.]+v(\d+)/g)].map((m) => [Number(m[1]) / 2, Number(m[2])]);
      const expected = r.monthly.flatMap((m, i) => (m.commits > 0 ? [[i, Math.max(1, Math.round((m.commits / max) * 16))]] : []));
      expect(bars).toEqual(expected);
    }
  });
});

describe('sorting', () => {
  it('a click on a header sorts by it, most first, and a second click turns the order', async () => {
    const byCommits = (dir: number) =>
      [...reports()].sort((a, b) => dir * (a.commits - b.commits) || json.indexOf(a) - json.indexOf(b)).map((r) => r.path);
    const failed = json.filter(isFailure).map((r) => r.path);
    await page.click('th[data-col="commits"] button');
    expect(await visiblePaths()).toEqual([...byCommits(-1), ...failed]);
    expect(await page.getAttribute('th[data-col="commits"]', 'aria-sort')).toBe('descending');
    await page.click('th[data-col="commits"] button');
    expect(await visiblePaths()).toEqual([...byCommits(1), ...failed]);
    expect(await page.getAttribute('th[data-col="commits"]', 'aria-sort')).toBe('ascending');
  });

  it('the keyboard sorts too: Enter and Space on a focused header', async () => {
    const paths = json.map((r) => r.path);
    await page.focus('th[data-col="path"] button');
    await page.keyboard.press('Enter');
    expect(await visiblePaths()).toEqual([...paths].sort((a, b) => a.localeCompare(b)));
    expect(await page.getAttribute('th[data-col="path"]', 'aria-sort')).toBe('ascending');
    expect(await page.getAttribute('th[data-col="commits"]', 'aria-sort')).toBeNull();
    await page.keyboard.press('Space');
    expect(await visiblePaths()).toEqual([...paths].sort((a, b) => b.localeCompare(a)));
  });
});

describe('filtering and expanding', () => {
  it('typing in the filter keeps the paths that hold the text', async () => {
    await page.fill('#filter', 'SH');
    expect(await visiblePaths()).toEqual(json.map((r) => r.path).filter((p) => p.toLowerCase().includes('sh')).sort((a, b) => b.localeCompare(a)));
    await page.fill('#filter', '');
    expect((await visiblePaths()).length).toBe(json.length);
  });

  it("a row expands to its monthly chart (each month's tooltip as the JSON says), its top authors and its kernel figures", async () => {
    const r = reports().find((x) => x.path === 'drivers/healthy')!;
    const button = page.locator(`tr.row[data-path="${r.path}"] td.path button`);
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const detail = page.locator(`tr.row[data-path="${r.path}"] + tr.detail`);
    const titles = await detail.locator('svg.chart g.month title').allTextContents();
    expect(titles).toEqual(r.monthly.map((m) => `${m.month}: ${m.commits} ${m.commits === 1 ? 'commit' : 'commits'} \u00b7 +${m.added} ${MINUS}${m.removed}`));
    // The very chart --svg draws for the path: the same bars (substantive, sweeps, lines) to the hundredth.
    const file = join(out, 'healthy.svg');
    expect(kstat([r.path, '--svg', file], { cwd: repo }).code).toBe(EXIT.ok);
    const fromSvg = elements(parseXml(readFileSync(file, 'utf8')))
      .filter((e) => e.name === 'rect' && e.parent?.attrs.class === 'month')
      .map((e) => [e.attrs.class, e.attrs.x, e.attrs.y, e.attrs.width, e.attrs.height].join(' '));
    const inPage = await detail
      .locator('svg.chart g.month rect')
      .evaluateAll((rects) => rects.map((e) => ['class', 'x', 'y', 'width', 'height'].map((a) => e.getAttribute(a)).join(' ')));
    expect(inPage).toEqual(fromSvg);
    expect(new Set(fromSvg.map((x) => x.split(' ')[0]))).toEqual(new Set(['hit', 'own', 'sweep', 'added', 'removed']));
    const authors = await detail.locator('ul.authors li').allTextContents();
    expect(authors).toEqual(r.top_authors.map((a) => `${a.name} <${a.email}> \u00b7 ${a.commits} commits (${Math.round(a.share * 100)}%)`));
    const figures = (await detail.locator('pre.figures').textContent())!;
    expect(figures).toContain(`maintainers of ${r.sections[0]!.name}`);
    expect(figures).toContain(`${r.substantive_commits} substantive commits, ${r.window.label} (${r.sweep_commits} sweeps)`);
    expect(figures).toContain(`changed in ${r.releases!.changed} of ${r.releases!.considered} releases`);
    await page.screenshot({ path: join(out, 'report.png'), fullPage: true });
    expect(statSync(join(out, 'report.png')).size).toBeGreaterThan(10_000);
    await button.click();
    expect(await page.locator('tr.detail').count()).toBe(0);
  });

  it('the failed row expands to say why', async () => {
    const f = json.find(isFailure)!;
    await page.click(`tr.row[data-path="${f.path}"] td.path button`);
    expect(await page.textContent(`tr.row[data-path="${f.path}"] + tr.detail`)).toBe(`This path failed: ${f.error.code}: ${f.error.message}`);
  });
});

describe('5,000 rows', () => {
  it('load, sort and filter in the browser (times printed, not asserted)', async () => {
    const base = reports();
    const many: PathResult[] = Array.from({ length: 5000 }, (_, i) => {
      const r = base[i % base.length]!;
      return { ...r, path: `${r.path}/n${String(i).padStart(4, '0')}`, commits: (i * 7919) % 1000 };
    });
    const file = join(out, 'many.html');
    writeFileSync(file, renderHtml(many, { repository: repo }));
    const p = await browser.browser.newPage();
    await p.goto(pathToFileURL(file).href);
    await p.waitForSelector('table#report:not([data-drawing])');
    // The page's own marks, from the start of navigation: the first screen of rows, then all of them.
    const marks = JSON.parse(await p.evaluate<string>(`JSON.stringify(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]))`)) as Array<[string, number]>;
    const mark = (name: string): number => marks.find(([n]) => n === name)![1];
    const [first, load] = [mark('kstat-ready'), mark('kstat-drawn')];
    // Page code as text: the tests' TypeScript has no DOM types.
    const [sortStart, sort] = await p.evaluate<[number, number]>(`(() => {
      const t = performance.now();
      document.querySelector('th[data-col="commits"] button').click();
      return [t, performance.now() - t];
    })()`);
    await p.waitForSelector('table#report:not([data-drawing])');
    const sortAll = (await p.evaluate<number>(`performance.getEntriesByName('kstat-drawn').at(-1).startTime`)) - sortStart;
    const order = await p.$$eval('tbody tr.row', (trs) => trs.map((tr) => tr.getAttribute('data-path')!));
    const commits = new Map(many.map((r) => [r.path, (r as PathReport).commits]));
    expect(order.length).toBe(5000);
    expect(order.every((path, i) => i === 0 || commits.get(order[i - 1]!)! >= commits.get(path)!)).toBe(true);
    const filter = await p.evaluate<number>(`(() => {
      const input = document.querySelector('#filter');
      const t = performance.now();
      input.value = 'n00';
      input.dispatchEvent(new Event('input'));
      return performance.now() - t;
    })()`);
    expect(await p.locator('tbody tr.row:not([hidden])').count()).toBe(100);
    console.log(`html 5,000 rows: ${(statSync(file).size / 1e6).toFixed(1)} MB, first rows ${first} ms, all rows ${load} ms, sort ${sort.toFixed(0)} ms to the first rows, ${sortAll.toFixed(0)} ms to all, filter ${filter.toFixed(0)} ms`);
    await p.close();
  });
});

describe('writing the file', () => {
  it('- sends the page to stdout; a directory that is missing is an error that leaves nothing behind', () => {
    const r = kstat(['--each', 'drivers', '--html', '-'], { cwd: repo });
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    const bad = kstat(['--each', 'drivers', '--html', join(out, 'no-such-dir', 'r.html')], { cwd: repo });
    expect(bad.code).toBe(EXIT.output);
    expect(bad.stderr).toMatch(/^kstat: cannot write .*no-such-dir\/r\.html: its directory does not exist: create it/);
    expect(existsSync(join(out, 'no-such-dir'))).toBe(false);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a disk that refuses a write (a file-size limit here) leaves the old page whole and nothing beside it', () => {
    const dir = tempDir('kstat-html-full-');
    writeFileSync(join(dir, 'r.html'), 'last week');
    const r = kstat(['--each', 'drivers', '--html', join(dir, 'r.html')], { cwd: repo, fileLimitKiB: 8 });
    expect(r.code).toBe(EXIT.output);
    expect(r.stderr).toMatch(/^kstat: cannot write .*r\.html: the file is larger than .* \(ulimit -f\) allows: raise the limit, or write to another disk\n$/);
    expect(readdirSync(dir)).toEqual(['r.html']);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toBe('last week');
  });
});
