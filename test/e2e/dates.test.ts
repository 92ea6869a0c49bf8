// Commits at the ends of time git can hold: the Unix epoch itself and the year 2100, with
// windows around them. Every figure equals plain git's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recipe } from '../../fixtures/build.js';
import { EXIT } from '../../src/errors.js';
import { expectFailure, kstat, kstatJson } from '../helpers/cli.js';
import { figures } from '../helpers/figures.js';
import { oracleSignals } from '../helpers/oracle.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';

const who = { name: 'Time Keeper', email: 'time@example.org' };
const at = (date: string, path: string, content: string, message: string) => ({
  branch: 'main',
  author: who,
  authorDate: date,
  committerDate: date,
  message,
  ops: [{ op: 'write' as const, path, content }],
});

const ends: Recipe = {
  name: 'ends-of-time',
  description: 'a root commit at 1970-01-01T00:00:00Z, one at 2100 and HEAD in 2026',
  head: 'main',
  commits: [
    at('1970-01-01T00:00:00Z', 'epoch/a.c', 'a\n', 'the first second'),
    at('1970-01-01T14:00:00+14:00', 'epoch/b.c', 'b\n', 'the same second, fourteen hours east'),
    at('2100-01-01T00:00:00Z', 'future/f.c', 'f\n', 'from a clock set far ahead'),
    at('2021-04-21T00:00:00Z', 'now/n.c', 'n\n', 'window start'),
    at('2026-04-21T00:00:00Z', 'now/n.c', 'n\nm\n', 'HEAD'),
  ],
};

let repo: string;
beforeAll(() => {
  repo = fixtureRepo(ends);
});
afterAll(removeTempDirs);

const seconds = (iso: string): number => Date.parse(iso) / 1000;

describe('commits at the ends of time', () => {
  it.each([
    // The default window: five years to HEAD's date. Neither end's commits count; both are last commits.
    [['epoch'], '2021-04-21T00:00:00Z', '2026-04-21T00:00:00Z'],
    [['future'], '2021-04-21T00:00:00Z', '2026-04-21T00:00:00Z'],
    // A window that starts at the epoch: its first second counts.
    [['--since', '1970-01-01', '--until', '1970-12-31', 'epoch'], '1970-01-01T00:00:00Z', '1970-12-31T23:59:59Z'],
    [['--years', '1', '--until', '1970-12-31', 'epoch'], '1969-12-31T23:59:59Z', '1970-12-31T23:59:59Z'],
    // A window that ends in 2100.
    [['--years', '5', '--until', '2100-06-01', 'future'], '2095-06-01T23:59:59Z', '2100-06-01T23:59:59Z'],
    // All of it: 131 years of months.
    [['--since', '1970-01-01', '--until', '2100-12-31', '.'], '1970-01-01T00:00:00Z', '2100-12-31T23:59:59Z'],
  ])('%j', (args, since, until) => {
    const r = kstatJson(args, { cwd: repo });
    expect(r.window.since).toBe(since);
    expect(r.window.until).toBe(until);
    expect(figures(r)).toEqual(oracleSignals({ repo, rev: 'HEAD', path: args.at(-1)!, since: seconds(since), until: seconds(until) }));
  });

  it('a sliced walk over a window reaching before 1970 counts the epoch\'s commits once', () => {
    const args = ['--since', '1900-01-01', '--until', '2100-12-31', '.'];
    const one = kstatJson(['--jobs', '1', ...args], { cwd: repo });
    expect(one.commits).toBe(5);
    for (const jobs of ['2', '4']) expect(figures(kstatJson(['--jobs', jobs, ...args], { cwd: repo, env: { KSTAT_SLICE_FILES: '1' } }))).toEqual(figures(one));
    expect(figures(one)).toEqual(oracleSignals({ repo, rev: 'HEAD', path: '.', since: seconds('1900-01-01T00:00:00Z'), until: seconds('2100-12-31T23:59:59Z') }));
  });

  it('the epoch and 2100 commits are dated as git dates them', () => {
    expect(kstatJson(['epoch'], { cwd: repo }).last_commit?.date).toBe('1970-01-01T00:00:00Z');
    expect(kstatJson(['future'], { cwd: repo }).last_commit?.date).toBe('2100-01-01T00:00:00Z');
    const all = kstatJson(['--since', '1970-01-01', '--until', '2100-12-31', '.'], { cwd: repo });
    expect(all.monthly).toHaveLength(131 * 12);
    expect(all.commits).toBe(5);
    // The whole tree has nothing outside it, and neither subject says treewide: both are the tree's own work.
    expect(all.monthly[0]).toEqual({ month: '1970-01', commits: 2, added: 2, removed: 0, substantive: 2 });
  });

  it('a committer date before 1970, which git cannot read: git\'s walk leaves it out, and naming it is an error', () => {
    const before = fixtureRepo({ ...ends, name: 'before-1970', commits: [at('1969-12-31T23:59:59Z', 'old/a.c', 'a\n', 'before time'), ...ends.commits.slice(2)] });
    const sha = git(before, ['rev-list', '--max-parents=0', 'HEAD']).trim();
    // git reads "-1" as the largest timestamp, so --until leaves the commit out of the window.
    const all = kstatJson(['--since', '1969-01-01', '--until', '2100-12-31', '.'], { cwd: before });
    const plain = git(before, ['log', '--full-history', '--no-merges', `--until=@${seconds('2100-12-31T23:59:59Z')} +0000`, '--format=%H', 'HEAD', '--', '.']);
    expect(plain.trim().split('\n')).toHaveLength(3);
    expect(all.commits).toBe(3);
    // Its own path's last commit is that commit, which has no date kstat could print.
    const r = kstat(['old'], { cwd: before });
    expectFailure(r, EXIT.gitFailed, `kstat: commit ${sha} has a committer date git cannot read (""): git fsck reports such commits; pass --rev a commit that does not reach it\n`);
  });
});

// Commits on the first and last seconds of 2024, of June 2024 and of 30 June 2024, and one
// second either side of each.
const edges: Recipe = {
  name: 'calendar-edges',
  description: 'commits at the first and last second of 2024, of its months, and just outside',
  head: 'main',
  commits: [
    '2023-12-31T23:59:59Z', '2024-01-01T00:00:00Z', '2024-01-31T23:59:59Z', '2024-02-01T00:00:00Z',
    '2024-05-31T23:59:59Z', '2024-06-01T00:00:00Z', '2024-06-29T23:59:59Z', '2024-06-30T00:00:00Z',
    '2024-06-30T23:59:59Z', '2024-07-01T00:00:00Z', '2024-12-31T23:59:59Z', '2025-01-01T00:00:00Z',
  ].map((date, i) => at(date, 'cal/c.c', `${i}\n`, `at ${date}`)),
};

describe('dates people type', () => {
  let cal: string;
  beforeAll(() => {
    cal = fixtureRepo(edges);
  });

  it.each([
    // A year, a month or a day as --since starts at its first second, as --until ends at its last.
    [['--since', '2024-01-01', '--until', '2024-12-31'], '2024-01-01T00:00:00Z', '2024-12-31T23:59:59Z', 12],
    [['--since', '2024', '--until', '2024'], '2024-01-01T00:00:00Z', '2024-12-31T23:59:59Z', 12],
    [['--since', '2024-06', '--until', '2024-06'], '2024-06-01T00:00:00Z', '2024-06-30T23:59:59Z', 1],
    [['--since', '2024-06-30', '--until', '2024-06-30'], '2024-06-30T00:00:00Z', '2024-06-30T23:59:59Z', 1],
    [['--since', '2024-02', '--until', '2024-06-29'], '2024-02-01T00:00:00Z', '2024-06-29T23:59:59Z', 5],
    // --years counts back from --until's instant, its last second.
    [['--years', '1', '--until', '2024-12-31'], '2023-12-31T23:59:59Z', '2024-12-31T23:59:59Z', 13],
    // A time of day is that instant.
    [['--since', '2024-06-30T00:00:00Z', '--until', '2024-06-30T23:59:58Z'], '2024-06-30T00:00:00Z', '2024-06-30T23:59:58Z', 1],
  ])('%j is %s to %s, %i months, with git\'s commits', (args, since, until, months) => {
    const r = kstatJson([...args, 'cal'], { cwd: cal });
    expect([r.window.since, r.window.until, r.window.months]).toEqual([since, until, months]);
    expect(figures(r)).toEqual(oracleSignals({ repo: cal, rev: 'HEAD', path: 'cal', since: seconds(since), until: seconds(until) }));
  });

  it('a --since inside a second keeps that instant and its month; git\'s whole seconds after it are counted', () => {
    const since = '2024-01-31T23:59:59.5Z';
    const args = ['--since', since, '--until', '2024-06', 'cal'];
    const r = kstatJson(args, { cwd: cal });
    expect([r.window.since, r.window.months, r.monthly[0]?.month]).toEqual([since, 6, '2024-01']);
    // git's window from the next whole second: the same commits, a month fewer.
    const git = oracleSignals({ repo: cal, rev: 'HEAD', path: 'cal', since: Math.ceil(seconds(since)), until: seconds('2024-06-30T23:59:59Z') });
    expect(r.monthly[0]).toEqual({ month: '2024-01', commits: 0, added: 0, removed: 0, substantive: 0 });
    expect(figures({ ...r, monthly: r.monthly.slice(1) })).toEqual(git);
    // Walked in slices, the same.
    const sliced = kstatJson(['--jobs', '4', ...args], { cwd: cal, env: { KSTAT_SLICE_FILES: '1' } });
    expect(figures(sliced)).toEqual(figures(r));
  });
});
