import { describe, expect, it } from 'vitest';
import type { CommitRecord, FileChange } from '../../src/git/log-parser.js';
import { authorKey, HistoryAccumulator } from '../../src/signals/aggregate.js';
import { makeWindow } from '../../src/signals/window.js';

const t = (iso: string): number => Date.parse(iso) / 1000;
const file = (added: number, removed: number): FileChange => ({ added, removed, binary: false, path: Buffer.from('f') });
const commit = (iso: string, email: string, files: FileChange[], name = 'N'): CommitRecord => ({
  sha: '0'.repeat(40),
  time: t(iso),
  authorName: Buffer.from(name, 'latin1'),
  authorEmail: Buffer.from(email),
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

  it('sums commits, lines, authors and months; the bounds are inclusive', () => {
    const h = new HistoryAccumulator(window);
    h.add(commit('2026-01-15T00:00:00Z', 'a@x', [file(3, 1), file(2, 0)]));
    h.add(commit('2026-01-31T23:59:59Z', 'A@X', [file(0, 4)]));
    h.add(commit('2026-03-15T00:00:00Z', 'b@x', []));
    h.add(commit('2026-01-14T23:59:59Z', 'c@x', [file(100, 100)]));
    h.add(commit('2026-03-15T00:00:01Z', 'd@x', [file(100, 100)]));
    expect(h.result()).toEqual({
      commits: 3,
      added: 5,
      removed: 5,
      authors: 2,
      active_months: 2,
      monthly: [
        { month: '2026-01', commits: 2, added: 5, removed: 5 },
        { month: '2026-02', commits: 0, added: 0, removed: 0 },
        { month: '2026-03', commits: 1, added: 0, removed: 0 },
      ],
    });
  });

  it('counts only the changes it is given for a commit', () => {
    const h = new HistoryAccumulator(window);
    const c = commit('2026-02-01T00:00:00Z', 'a@x', [file(3, 1), file(2, 0)]);
    h.add(c, c.files.slice(1));
    expect(h.result()).toMatchObject({ commits: 1, added: 2, removed: 0 });
  });
});
