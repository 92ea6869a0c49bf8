// The --svg chart in headless Chromium: the browser reads it as an image of 800 × 310, draws every
// month's column, and the accessible name and every month's tooltip are the reference's words for
// the JSON's figures. A screenshot is kept in the test's temp directory.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MLX5_CORE, mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import type { PathReport } from '../../src/types.js';
import { launchBrowser, type Launched } from '../helpers/browser.js';
import { kstat, kstatJson } from '../helpers/cli.js';
import { fixtureRepo, removeTempDirs, tempDir } from '../helpers/repos.js';

let launched: Launched;
let json: PathReport;
let file: string;
let dir: string;
beforeAll(async () => {
  const repo = fixtureRepo(mlx5VdpaCore);
  json = kstatJson([MLX5_CORE], { cwd: repo });
  dir = tempDir();
  file = join(dir, 'chart.svg');
  expect(kstat([MLX5_CORE, '--svg', file], { cwd: repo }).code).toBe(0);
  launched = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await launched?.close();
  removeTempDirs();
});

const reference = (m: { month: string; commits: number; added: number; removed: number }): string =>
  `${m.month}: ${m.commits} ${m.commits === 1 ? 'commit' : 'commits'} \u00b7 +${m.added} \u2212${m.removed}`;

describe('the --svg chart in headless Chromium', () => {
  it('renders 61 month columns whose tooltips are the reference words for the JSON, with no request beside the file', async () => {
    const page = await launched.browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => void requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    // Page code as text: the test's types know Node, not the DOM.
    const box = await page.evaluate<{ width: number; height: number; role: string | null; title: string | null }>(`(() => {
      const svg = document.querySelector('svg');
      const r = svg.getBoundingClientRect();
      return { width: r.width, height: r.height, role: svg.getAttribute('role'), title: document.getElementById('kstat-title')?.textContent ?? null };
    })()`);
    expect(box).toEqual({ width: 800, height: 310, role: 'img', title: expect.stringContaining(MLX5_CORE) });
    const tooltips = await page.evaluate<Array<string | null>>(`[...document.querySelectorAll('g.month')].map((g) => g.querySelector('title')?.textContent ?? null)`);
    expect(tooltips).toEqual(json.monthly.map(reference));
    // Every month's column has an area the pointer can rest on, drawn left to right.
    const xs = await page.evaluate<number[]>(`[...document.querySelectorAll('g.month')].map((g) => g.getBoundingClientRect().x)`);
    expect(xs).toHaveLength(61);
    expect(xs.every((x, i) => i === 0 || x > xs[i - 1]!)).toBe(true);
    await page.screenshot({ path: join(dir, 'chart.png') });
    expect(existsSync(join(dir, 'chart.png'))).toBe(true);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(readFileSync(file, 'utf8').startsWith('<svg')).toBe(true);
    await page.close();
  });
});
