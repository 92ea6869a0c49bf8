// PairQueue runs commitsForPaths in rounds beside a walk: the rounds must give every pair
// exactly what one call for all pairs gives, and a failing round must fail end().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_PATHS, edgeCases } from '../../fixtures/recipes/edge-cases.js';
import type { FileChange } from '../../src/git/log-parser.js';
import { openRepository, type Repository } from '../../src/git/repo.js';
import { commitsForPaths, PairQueue, type CommitPath } from '../../src/git/subtree-diff.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';

let repo: Repository;
let pairs: CommitPath[];
beforeAll(async () => {
  const dir = fixtureRepo(edgeCases);
  repo = await openRepository(dir);
  // Every commit that touches each path: the pairs a walk hands over.
  pairs = EDGE_PATHS.flatMap(({ path }) =>
    git(dir, ['rev-list', '--full-history', '--no-merges', 'HEAD', '--', path])
      .split('\n')
      .filter(Boolean)
      .map((sha) => ({ sha, path })),
  );
});
afterAll(removeTempDirs);

const show = (files: FileChange[]): string[] => files.map((f) => `${f.added} ${f.removed} ${f.binary} ${f.from?.toString('latin1') ?? ''} ${f.path.toString('latin1')}`);

describe('PairQueue', () => {
  it('gives each pair what one commitsForPaths call gives, whatever the round size', async () => {
    const once = new Map<number, string[]>();
    await commitsForPaths(repo, pairs, (i, files) => once.set(i, show(files)));
    expect(once.size).toBe(pairs.length);
    expect([...once.values()].some((f) => f.length > 0)).toBe(true);
    for (const round of [1, 3, 1000]) {
      const queued = new Map<number, string[]>();
      const queue = new PairQueue(repo, round);
      pairs.forEach((p, i) => queue.add({ ...p, onFiles: (files) => queued.set(i, show(files)) }));
      await queue.end();
      expect(queued).toEqual(once);
    }
  });

  it('fails end() when a round fails, and runs no later round', async () => {
    const queue = new PairQueue(repo, 2);
    let done = 0;
    const count = { onFiles: () => done++ };
    queue.add({ sha: 'f'.repeat(40), path: 'no-such-dir', ...count });
    queue.add({ ...pairs[0]!, ...count });
    await expect(queue.end()).rejects.toThrow(/git/);
    const before = done;
    // Pairs a still-running walk hands over after the failure start no git process.
    for (const p of pairs.slice(1, 9)) queue.add({ ...p, ...count });
    await expect(queue.end()).rejects.toThrow(/git/);
    await new Promise((r) => setTimeout(r, 500));
    expect(done).toBe(before);
  });
});
