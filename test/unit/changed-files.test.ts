// The files of commits, read beside a walk: both names of a move, root and empty commits, and
// names that look like the reader's own markers.
import { afterAll, describe, expect, it } from 'vitest';
import type { Recipe } from '../../fixtures/build.js';
import { ChangedFiles } from '../../src/git/changed-files.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';

afterAll(removeTempDirs);

const who = { name: 'A', email: 'a@example.org' };
const at = (day: number): string => `2024-01-${String(day).padStart(2, '0')}T00:00:00Z`;
const SHA_LIKE = 'f'.repeat(40);
const recipe: Recipe = {
  name: 'changed-files',
  description: 'moves, odd names, an empty commit',
  head: 'main',
  commits: [
    { branch: 'main', author: who, authorDate: at(1), message: 'root\n', ops: [{ op: 'write', path: 'a/b/x.c', content: 'x\n' }, { op: 'write', path: 'top', content: 't\n' }] },
    { branch: 'main', author: who, authorDate: at(2), message: 'move\n', ops: [{ op: 'delete', path: 'a/b/x.c' }, { op: 'write', path: 'c/x.c', content: 'x\n' }] },
    { branch: 'main', author: who, authorDate: at(3), message: 'empty\n', ops: [] },
    { branch: 'main', author: who, authorDate: at(4), message: 'odd names\n', ops: [{ op: 'write', path: '\nnewline', content: 'n\n' }, { op: 'write', path: SHA_LIKE, content: 's\n' }, { op: 'write', path: ':colon', content: 'c\n' }] },
  ],
};

describe('ChangedFiles', () => {
  it('gives every commit its changed files in order, whatever the names', async () => {
    const repo = fixtureRepo(recipe);
    const shas = git(repo, ['rev-list', '--reverse', 'HEAD']).trim().split('\n');
    const changed = new ChangedFiles({ cwd: repo });
    const got: Array<[string, string[]]> = [];
    // Asked twice over, newest first as a walk asks.
    for (const sha of [...shas, ...shas].reverse()) changed.request(sha, (names) => got.push([sha, [...names].sort()]));
    await changed.end();
    const expected: Array<[string, string[]]> = [
      [shas[0]!, ['a/b/x.c', 'top']],
      [shas[1]!, ['a/b/x.c', 'c/x.c']],
      [shas[2]!, []],
      [shas[3]!, ['\nnewline', ':colon', SHA_LIKE]],
    ];
    expect(got).toEqual([...expected, ...expected].reverse());
  });

  it('leaves out names under the pathspecs it is told the walk lists, read literally', async () => {
    const repo = fixtureRepo(recipe);
    const shas = git(repo, ['rev-list', '--reverse', 'HEAD']).trim().split('\n');
    // `:colon` and `a/b` taken as magic or a glob would leave out other names, or fail.
    const changed = new ChangedFiles({ cwd: repo }, ['a/b', ':colon', 'c']);
    const got: string[][] = [];
    for (const sha of shas) changed.request(sha, (names) => got.push([...names].sort()));
    await changed.end();
    expect(got).toEqual([['top'], [], [], ['\nnewline', SHA_LIKE]]);
  });

  it('ends at once when nothing was asked', async () => {
    await new ChangedFiles({ cwd: '/nonexistent' }).end();
  });

  it('rejects with git\'s error for a commit it cannot read', async () => {
    const repo = fixtureRepo(recipe);
    const changed = new ChangedFiles({ cwd: repo });
    changed.request('0'.repeat(40), () => {});
    await expect(changed.end()).rejects.toThrow(/diff-tree/);
  });
});
