// Time slices: a large walk is cut into consecutive slices of the window, one per spare job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_WINDOW, edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { maintainersRecipe } from '../../fixtures/recipes/maintainers.js';
import { analyze, timeSlices } from '../../src/analyze/index.js';
import { fixtureRepo, removeTempDirs } from '../helpers/repos.js';

let repo: string;
beforeAll(() => {
  repo = fixtureRepo(edgeCases);
});
afterAll(removeTempDirs);

const since = Date.parse(EDGE_WINDOW.since) / 1000;
const until = Date.parse(EDGE_WINDOW.until) / 1000;

describe('timeSlices', () => {
  it('cuts the window into disjoint, consecutive slices, newest first', () => {
    for (const n of [1, 2, 3, 7]) {
      const slices = timeSlices(since, until, n);
      expect(slices).toHaveLength(n);
      expect(slices[0]!.until).toBe(until);
      expect(slices.at(-1)!.since).toBe(since);
      for (let i = 1; i < n; i++) expect(slices[i]!.until).toBe(slices[i - 1]!.since - 1);
      const lengths = slices.map((s) => s.until - s.since + 1);
      expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
    }
  });

  it('starts slicing at 1970, where git\'s dates start, so no two slices reach before it', () => {
    const day = 86_400;
    const slices = timeSlices(-100 * day, 100 * day, 4);
    expect(slices).toHaveLength(4);
    expect(slices.at(-1)!.since).toBe(-100 * day);
    expect(slices.at(-1)!.until).toBeGreaterThanOrEqual(0);
    for (let i = 1; i < 4; i++) expect(slices[i]!.until).toBe(slices[i - 1]!.since - 1);
    for (const s of slices.slice(0, -1)) expect(s.since).toBeGreaterThan(0);
    // A window wholly before 1970 is not sliced.
    expect(timeSlices(-100 * day, -day, 4)).toEqual([{ since: -100 * day, until: -day }]);
  });

  it('never makes an empty slice of a short window', () => {
    expect(timeSlices(10, 11, 4)).toEqual([
      { since: 11, until: 11 },
      { since: 10, until: 10 },
    ]);
  });
});

describe('slicing in analyze', () => {
  const walks = async (sliceFiles: number, jobs: number, paths = ['.']) => {
    const seen: Array<{ since: number; until: number }> = [];
    const reports = await analyze(
      { repo, rev: 'HEAD', paths, since, until, jobs, sliceFiles, strategy: 'shared' },
      { onWalk: ({ since: s, until: u }) => seen.push({ since: s, until: u }) },
    );
    return { seen, reports };
  };

  it('cuts a walk over enough files into one slice per job, with the same figures', async () => {
    const one = await walks(1_000_000, 3);
    expect(one.seen).toEqual([{ since, until }]);
    const three = await walks(1, 3);
    expect(three.seen).toEqual(timeSlices(since, until, 3));
    expect(three.reports).toEqual(one.reports);
  });

  it('shares the jobs among batches, and one job never slices', async () => {
    expect((await walks(1, 1)).seen).toEqual([{ since, until }]);
    const seen: Array<{ since: number; until: number }> = [];
    const perPath = await analyze(
      { repo, rev: 'HEAD', paths: ['drivers/edge/ren', 'drivers/outside'], since, until, jobs: 3, sliceFiles: 1, strategy: 'per-path' },
      { onWalk: ({ since: s, until: u }) => seen.push({ since: s, until: u }) },
    );
    expect(perPath).toHaveLength(2);
    // Two batches, three jobs: one job each, so no slices.
    expect(seen).toEqual([{ since, until }, { since, until }]);
  });
});

describe("slices leave a job to the maintainers' liveness walk", () => {
  const slicesOf = async (dir: string, paths: string[], jobs: number): Promise<number> => {
    let n = 0;
    await analyze({ repo: dir, rev: 'HEAD', paths, since, until, jobs, sliceFiles: 1, strategy: 'shared' }, { onWalk: () => void n++ });
    return n;
  };

  it('without a MAINTAINERS every job slices, many paths or one', async () => {
    expect(await slicesOf(repo, ['drivers/edge/ren', 'drivers/outside'], 3)).toBe(3);
    expect(await slicesOf(repo, ['drivers/edge'], 2)).toBe(2);
  });

  it("with a MAINTAINERS one job is the liveness walk's, many paths or one", async () => {
    const kernel = fixtureRepo(maintainersRecipe);
    expect(await slicesOf(kernel, ['drivers/net/foo', 'drivers/gpu/old'], 2)).toBe(1);
    expect(await slicesOf(kernel, ['drivers/net/foo', 'drivers/gpu/old'], 3)).toBe(2);
    expect(await slicesOf(kernel, ['drivers'], 3)).toBe(2);
  });
});

describe('progress over slices and batches', () => {
  it('the share of the window read only grows, and never passes 1, whatever runs when', async () => {
    const shares: number[] = [];
    const paths = ['drivers/edge/ren', 'drivers/outside', 'drivers/edge/people', 'drivers/edge/dates', 'drivers/edge/tz', 'drivers/edge/bin'];
    for (const [jobs, strategy] of [[1, 'per-path'], [2, 'per-path'], [4, 'shared']] as const) {
      shares.length = 0;
      await analyze({ repo, rev: 'HEAD', paths, since, until, jobs, sliceFiles: 1, strategy }, { onProgress: (p) => shares.push(p.share) });
      expect(shares.length).toBeGreaterThan(0);
      for (let i = 1; i < shares.length; i++) expect(shares[i]!).toBeGreaterThanOrEqual(shares[i - 1]!);
      expect(Math.max(...shares)).toBeLessThanOrEqual(1);
      expect(shares.at(-1)!).toBeGreaterThan(0.5);
    }
  });
});

