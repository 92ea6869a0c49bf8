// --svg end to end: the built CLI on the mlx5-vdpa-core fixture draws the reference's 61 months,
// each with the reference's tooltip computed here from the JSON; files are written whole or not
// at all, and every way of asking wrongly is a one-line usage error.
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MLX5_CORE, mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import type { PathReport } from '../../src/types.js';
import { expectFailure, kstat, kstatJson } from '../helpers/cli.js';
import { fixtureRepo, removeTempDirs, tempDir } from '../helpers/repos.js';
import { elements, parseXml, type XmlElement } from '../helpers/xml.js';

let repo: string;
let json: PathReport;
beforeAll(() => {
  repo = fixtureRepo(mlx5VdpaCore);
  json = kstatJson([MLX5_CORE], { cwd: repo });
});
afterAll(removeTempDirs);

/** The reference's words for a month, written out here from the JSON, not with kstat's helpers. */
const reference = (m: { month: string; commits: number; added: number; removed: number }): string =>
  `${m.month}: ${m.commits} ${m.commits === 1 ? 'commit' : 'commits'} \u00b7 +${m.added} \u2212${m.removed}`;

const months = (root: XmlElement): XmlElement[] => elements(root).filter((e) => e.name === 'g' && e.attrs.class === 'month');

describe('kstat --svg on mlx5-vdpa-core', () => {
  let out: ReturnType<typeof kstat>;
  let svg: string;
  let root: XmlElement;
  beforeAll(() => {
    const dir = tempDir();
    out = kstat([MLX5_CORE, '--svg', join(dir, 'chart.svg')], { cwd: repo });
    svg = readFileSync(join(dir, 'chart.svg'), 'utf8');
    root = parseXml(svg);
  });

  it('writes the chart and still prints the report', () => {
    expect([out.code, out.stderr]).toEqual([0, '']);
    expect(out.stdout).toBe(kstat([MLX5_CORE], { cwd: repo }).stdout);
  });

  it('has the 61 months of the window, each with its tooltip in the reference words', () => {
    expect(json.monthly).toHaveLength(61);
    expect(months(root).map((g) => g.children[0]!.name)).toEqual(json.monthly.map(() => 'title'));
    expect(months(root).map((g) => g.children[0]!.text)).toEqual(json.monthly.map(reference));
    expect(months(root)[0]!.children[0]!.text).toBe('2021-04: 1 commit · +3 −1');
  });

  it("carries the seed's month table, month by month, in the reference words", () => {
    const tsv = readFileSync(new URL('../../fixtures/seed/mlx5-vdpa-core-monthly.tsv', import.meta.url), 'utf8').trim().split('\n').slice(1);
    const words = tsv.map((line) => {
      const [month, commits, added, removed] = line.split('\t');
      return reference({ month: month!, commits: Number(commits), added: Number(added), removed: Number(removed) });
    });
    expect(words).toHaveLength(61);
    expect(months(root).map((g) => g.children[0]!.text)).toEqual(words);
  });

  it("draws a bar for every month with commits, sweeps apart from the path's own work", () => {
    const drawn = months(root).map((g) => g.children.filter((c) => c.name === 'rect' && (c.attrs.class === 'own' || c.attrs.class === 'sweep')).map((c) => c.attrs.class));
    expect(drawn).toEqual(json.monthly.map((m) => [...(m.substantive > 0 ? ['own'] : []), ...(m.commits > m.substantive ? ['sweep'] : [])]));
    expect(json.monthly.some((m) => m.commits > m.substantive)).toBe(true);
  });

  it('marks the years beneath', () => {
    expect(elements(root).filter((e) => e.attrs.class === 'year').map((e) => e.text)).toEqual(['2021', '2022', '2023', '2024', '2025', '2026']);
  });

  it('is a standalone SVG with a title and description for screen readers', () => {
    expect(root.attrs).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', role: 'img', viewBox: expect.stringMatching(/^0 0 800 \d+$/) as unknown });
    expect(root.children.slice(0, 2).map((e) => [e.name, e.attrs.id])).toEqual([
      ['title', 'kstat-title'],
      ['desc', 'kstat-desc'],
    ]);
    expect(root.attrs['aria-labelledby']).toBe('kstat-title kstat-desc');
    expect(root.children[0]!.text).toBe(`${MLX5_CORE}: monthly commits, 2021-04 to 2026-04`);
    expect(root.children[1]!.text).toContain(`${json.commits} commits in all`);
  });

  it('goes to stdout in place of the report for -', () => {
    const r = kstat([MLX5_CORE, '--svg', '-'], { cwd: repo });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(svg);
  });

  it('goes to a file relative to the working directory, beside no temporary file', () => {
    const dir = tempDir();
    const r = kstat(['-C', repo, MLX5_CORE, '--svg', 'chart.svg', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['chart.svg']);
    expect(readFileSync(join(dir, 'chart.svg'), 'utf8')).toBe(svg);
  });
});

describe('kstat --svg writes whole files or none', () => {
  it('fails on a directory that does not exist, leaving nothing', () => {
    const dir = tempDir();
    const r = kstat(['-C', repo, MLX5_CORE, '--svg', 'no/such/chart.svg'], { cwd: dir });
    expectFailure(r, 7, 'kstat: cannot write no/such/chart.svg: its directory does not exist: create it, or name a file in a directory that does\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails where a part of the directory is a file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plain'), 'x');
    const r = kstat(['-C', repo, MLX5_CORE, '--svg', 'plain/chart.svg'], { cwd: dir });
    expectFailure(r, 7, /^kstat: cannot write plain\/chart\.svg: a part of its directory is not a directory/);
    expect(readdirSync(dir)).toEqual(['plain']);
  });

  it('fails on a target that is a directory, leaving it and nothing beside it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'chart.svg'));
    const r = kstat(['-C', repo, MLX5_CORE, '--svg', 'chart.svg'], { cwd: dir });
    expectFailure(r, 7, /^kstat: cannot write chart\.svg: /);
    expect(readdirSync(dir)).toEqual(['chart.svg']);
  });

  it('stops when the disk refuses a write (a file-size limit here): the old chart stays whole, nothing beside it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'chart.svg'), 'the old chart');
    const r = kstat(['-C', repo, MLX5_CORE, '--svg', 'chart.svg'], { cwd: dir, fileLimitKiB: 4 });
    expectFailure(r, 7, /^kstat: cannot write chart\.svg: the file is larger than this file system or the file-size limit \(ulimit -f\) allows/);
    expect(readdirSync(dir)).toEqual(['chart.svg']);
    expect(readFileSync(join(dir, 'chart.svg'), 'utf8')).toBe('the old chart');
    // The same request without the limit writes it: the chart is larger than the limit, nothing else failed.
    expect(kstat(['-C', repo, MLX5_CORE, '--svg', 'chart.svg'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'chart.svg'), 'utf8').length).toBeGreaterThan(4096);
  });

  it('fails in a directory without write permission (for a user that is not root)', () => {
    const dir = tempDir();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    try {
      const r = kstat(['-C', repo, MLX5_CORE, '--svg', 'locked/chart.svg'], { cwd: dir });
      if (process.getuid?.() === 0) expect(r.code).toBe(0);
      else expectFailure(r, 7, 'kstat: cannot write locked/chart.svg: permission denied: name a file in a directory you can write to\n');
      expect(readdirSync(locked).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});

describe('kstat --svg usage errors', () => {
  it.each([
    [['--each', 'drivers/vdpa', '--svg', 'c.svg'], "kstat: --svg draws one path's chart: name one path (--each, --paths-from and a second path or section ask for several)\n"],
    [[MLX5_CORE, 'drivers/vdpa', '--svg', 'c.svg'], "kstat: --svg draws one path's chart: name one path (--each, --paths-from and a second path or section ask for several)\n"],
    [[MLX5_CORE, '--svg', '-', '--json'], 'kstat: --svg - writes the chart to stdout in place of the report: drop the format option, or name a file\n'],
    [[MLX5_CORE, '--svg', ''], 'kstat: --svg needs a file name (or - for stdout)\n'],
  ])('%j', (args, message) => {
    const dir = tempDir();
    expectFailure(kstat(['-C', repo, ...args], { cwd: dir }), 2, message);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names its argument when it has none', () => {
    const r = kstat([MLX5_CORE, '--svg'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--svg <file>/);
  });
});
