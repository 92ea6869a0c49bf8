import { describe, expect, it } from 'vitest';
import type { CommitRecord, FileChange } from '../../src/git/log-parser.js';
import { authorKey, factor, HistoryAccumulator } from '../../src/signals/aggregate.js';
import { makeWindow } from '../../src/signals/window.js';

const t = (iso: string): number => Date.parse(iso) / 1000;
const file = (added: number, removed: number): FileChange => ({ added, removed, binary: false, path: Buffer.from('f') });
const commit = (iso: string, email: string, files: FileChange[], name = 'N'): CommitRecord => ({
  sha: '0'.repeat(40),
  time: t(iso),
  authorName: Buffer.from(name, 'latin1'),
  authorEmail: Buffer.from(email),
  committerName: Buffer.alloc(0),
  committerEmail: Buffer.alloc(0),
  trailers: Buffer.alloc(0),
  subject: Buffer.from('s'),
  files,
});

describe('authorKey', () => {
  it('e-mail lower-cased (ASCII, as git compares), name where the e-mail is empty', () => {
    expect(authorKey(Buffer.from('A'), Buffer.from('Dov.Levi@NVIDIA.example'))).toBe(authorKey(Buffer.from('B'), Buffer.from('dov.levi@nvidia.example')));
    expect(authorKey(Buffer.from('Carol'), Buffer.alloc(0))).not.toBe(authorKey(Buffer.from('carol'), Buffer.alloc(0)));
    // A name that happens to look like an e-mail key never collides with one.
    expect(authorKey(Buffer.from('<x@y>'), Buffer.alloc(0))).not.toBe(authorKey(Buffer.from('Z'), Buffer.from('x@y')));
    // Bytes that are not UTF-8 stay distinct.
    expect(authorKey(Buffer.from([0xfc]), Buffer.alloc(0))).not.toBe(authorKey(Buffer.from([0xfd]), Buffer.alloc(0)));
  });
});

describe('HistoryAccumulator', () => {
  const window = makeWindow({ since: t('2026-01-15T00:00:00Z'), until: t('2026-03-15T00:00:00Z') });
  let seq = 0;
  /** Adds a commit with its files' lines; a sweep when `sweep`. */
  const add = (h: HistoryAccumulator, c: CommitRecord, sweep = false, files = c.files): void =>
    h.add({ ...c, seq: seq++ }, files.reduce((s, f) => s + f.added, 0), files.reduce((s, f) => s + f.removed, 0), sweep);

  it('sums commits, lines, authors and months; the bounds are inclusive', () => {
    const h = new HistoryAccumulator(window);
    add(h, commit('2026-01-15T00:00:00Z', 'a@x', [file(3, 1), file(2, 0)]));
    add(h, commit('2026-01-31T23:59:59Z', 'A@X', [file(0, 4)]));
    add(h, commit('2026-03-15T00:00:00Z', 'b@x', []));
    add(h, commit('2026-01-14T23:59:59Z', 'c@x', [file(100, 100)]));
    add(h, commit('2026-03-15T00:00:01Z', 'd@x', [file(100, 100)]));
    expect(h.result(5).history).toEqual({
      commits: 3,
      added: 5,
      removed: 5,
      authors: 2,
      active_months: 2,
      monthly: [
        { month: '2026-01', commits: 2, added: 5, removed: 5, substantive: 2 },
        { month: '2026-02', commits: 0, added: 0, removed: 0, substantive: 0 },
        { month: '2026-03', commits: 1, added: 0, removed: 0, substantive: 1 },
      ],
    });
  });

  it('counts only the changes it is given for a commit', () => {
    const h = new HistoryAccumulator(window);
    const c = commit('2026-02-01T00:00:00Z', 'a@x', [file(3, 1), file(2, 0)]);
    add(h, c, false, c.files.slice(1));
    expect(h.result(5).history).toMatchObject({ commits: 1, added: 2, removed: 0 });
  });

  it('keeps sweeps out of the substantive figures, which add up with them to the totals', () => {
    const h = new HistoryAccumulator(window);
    add(h, commit('2026-01-20T00:00:00Z', 'a@x', [file(3, 1)]));
    add(h, commit('2026-02-20T00:00:00Z', 'sweeper@y', [file(10, 10)]), true);
    add(h, commit('2026-02-21T00:00:00Z', 'sweeper@y', [file(1, 1)]), true);
    const { history, work } = h.result(5);
    expect(history).toMatchObject({ commits: 3, added: 14, removed: 12, authors: 2, active_months: 2 });
    expect(work).toMatchObject({ substantive_commits: 1, sweep_commits: 2, substantive_added: 3, substantive_removed: 1, substantive_authors: 1, substantive_active_months: 1 });
    expect(work.last_substantive_commit?.date).toBe('2026-01-20T00:00:00Z');
    expect(history.monthly.map((m) => m.substantive)).toEqual([1, 0, 0]);
  });

  it('ranks authors and domains by commits, then by key; names them as on their newest commit', () => {
    const h = new HistoryAccumulator(window);
    add(h, commit('2026-01-20T00:00:00Z', 'b@one.example', [file(1, 0)], 'Old Name'));
    add(h, commit('2026-02-20T00:00:00Z', 'B@ONE.example', [file(2, 0)], 'New Name'));
    add(h, commit('2026-02-01T00:00:00Z', 'a@two.example', [file(4, 0)]), true);
    add(h, commit('2026-02-02T00:00:00Z', 'c@two.example', [file(8, 0)]));
    add(h, commit('2026-02-03T00:00:00Z', 'd@two.example', [file(16, 0)]));
    const { work } = h.result(2);
    expect(work.top_authors).toEqual([
      { name: 'New Name', email: 'B@ONE.example', commits: 2, added: 3, removed: 0, share: 2 / 5, first: '2026-01-20T00:00:00Z', last: '2026-02-20T00:00:00Z', substantive_commits: 2 },
      { name: 'N', email: 'a@two.example', commits: 1, added: 4, removed: 0, share: 1 / 5, first: '2026-02-01T00:00:00Z', last: '2026-02-01T00:00:00Z', substantive_commits: 0 },
    ]);
    expect(work.top_domains.map((d) => [d.domain, d.authors, d.commits, d.substantive_commits])).toEqual([['two.example', 3, 3, 2], ['one.example', 1, 2, 2]]);
    // Authors 2, 1, 1, 1: two of them are more than half of 5; domains 3, 2: one.
    expect(work).toMatchObject({ absence_factor: 2, elephant_factor: 1, substantive_absence_factor: 2, substantive_elephant_factor: 2 });
    expect(h.result(0).work).toMatchObject({ top_authors: [], top_domains: [] });
  });

  it('has no authors, factors or last substantive commit without commits', () => {
    expect(new HistoryAccumulator(window).result(5).work).toMatchObject({ substantive_commits: 0, top_authors: [], absence_factor: 0, elephant_factor: 0, last_substantive_commit: null });
  });
});

describe('factor', () => {
  it('is the fewest counts, largest first, that make more than half', () => {
    expect(factor([])).toBe(0);
    expect(factor([0, 0])).toBe(0);
    expect(factor([1, 1])).toBe(2);
    expect(factor([5, 1, 1, 1])).toBe(1);
    expect(factor([1, 3, 2, 2])).toBe(2);
    expect(factor([2, 2, 2, 2])).toBe(3);
  });
});
