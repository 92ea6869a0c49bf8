// SweepFinder joins two walks that run at their own pace: answers from the last-commit walk,
// given before or after the windowed walk asks, and diff-tree's for commits that walk never reached.
import { afterAll, describe, expect, it } from 'vitest';
import type { Recipe } from '../../fixtures/build.js';
import { SweepFinder, type Swept } from '../../src/analyze/sweeps.js';
import type { CommitRecord } from '../../src/git/log-parser.js';
import { PathIndex } from '../../src/signals/paths.js';
import { makeWindow } from '../../src/signals/window.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';

afterAll(removeTempDirs);

const who = { name: 'A', email: 'a@example.org' };
const DIRS = ['a', 'b', 'c', 'd'];
/** A sweep over every directory, then local work in `a`. */
const recipe: Recipe = {
  name: 'sweep-finder',
  description: 'one sweep, one local commit',
  head: 'main',
  commits: [
    { branch: 'main', author: who, authorDate: '2024-01-01T00:00:00Z', message: 'sweep\n', ops: DIRS.map((d) => ({ op: 'write' as const, path: `${d}/x.c`, content: 'x\n' })) },
    { branch: 'main', author: who, authorDate: '2024-02-01T00:00:00Z', message: 'local\n', ops: [{ op: 'write', path: 'a/y.c', content: 'y\n' }] },
  ],
};

const record = (sha: string, time: number, paths: string[]): CommitRecord => ({
  sha, time, authorName: Buffer.from('A'), authorEmail: Buffer.from('a@example.org'), committerName: Buffer.alloc(0), committerEmail: Buffer.alloc(0), trailers: Buffer.alloc(0), subject: Buffer.from('s'),
  files: paths.map((p) => ({ added: 1, removed: 0, binary: false, path: Buffer.from(p) })),
});

describe('SweepFinder', () => {
  const repo = fixtureRepo(recipe);
  const [local, sweep] = git(repo, ['rev-list', 'HEAD']).trim().split('\n') as [string, string];
  const time = (sha: string): number => Number(git(repo, ['log', '-1', '--format=%ct', sha]).trim());
  const paths = ['a', 'b'];
  // What a windowed walk over `a` lists for each commit: diff-tree reads only the rest.
  const inside = new Map([[sweep, ['a/x.c']], [local, ['a/y.c']]]);
  const window = makeWindow({ since: Date.parse('2023-01-01T00:00:00Z') / 1000, until: Date.parse('2025-01-01T00:00:00Z') / 1000 });
  const finder = (watched: boolean): SweepFinder => new SweepFinder({ cwd: repo }, ['a'], paths, new PathIndex(paths), window, { dirs: 3 }, watched);
  const asked = (f: SweepFinder, sha: string): Promise<Swept> => new Promise((resolve) => f.ask(sha, () => inside.get(sha) ?? [], resolve));
  /** The answer for each path, by index. */
  const each = (swept: Swept): boolean[] => paths.map((_, i) => swept(i));

  it('answers from the walk\'s commits, given before or after the question, and after the walk ended', async () => {
    const f = finder(true);
    // The walk's file lists say the opposite of git here, so its answers are told from diff-tree's.
    f.onCommit(record(local, time(local), DIRS.map((d) => `${d}/x.c`)));
    const early = asked(f, sweep);
    f.onCommit(record(sweep, time(sweep), ['a/x.c']));
    f.onEnd();
    const late = asked(f, local);
    await f.end();
    expect(each(await early)).toEqual([false, false]);
    expect(each(await late)).toEqual([true, true]);
  });

  it('asks diff-tree for what the walk did not reach, before or after it ended, with the same answers', async () => {
    const f = finder(true);
    const waiting = asked(f, sweep);
    // A commit outside the window is no answer (its files here would make it local work).
    f.onCommit(record(sweep, window.since - 1, ['a/x.c']));
    f.onEnd();
    const after = asked(f, local);
    await f.end();
    expect(each(await waiting)).toEqual([true, true]);
    expect(each(await after)).toEqual([false, false]);
  });

  it('without the walk, diff-tree answers everything', async () => {
    const f = finder(false);
    const both = [asked(f, sweep), asked(f, local)];
    await f.end();
    expect((await Promise.all(both)).map(each)).toEqual([[true, true], [false, false]]);
  });
});
