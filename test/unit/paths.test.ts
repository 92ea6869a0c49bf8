import { describe, expect, it } from 'vitest';
import type { CommitRecord, FileChange } from '../../src/git/log-parser.js';
import { attribute } from '../../src/signals/attribute.js';
import { coveringPathspecs, outermost, PathIndex } from '../../src/signals/paths.js';

describe('PathIndex', () => {
  const index = new PathIndex(['drivers/ren', 'drivers', '.', 'drivers/ren/b.c', 'drivers/ren', 'ünï']);
  const m = (f: string | Buffer): number[] => index.match(typeof f === 'string' ? Buffer.from(f) : f).sort();

  it('matches a file to every path holding it, at / boundaries', () => {
    expect(m('drivers/ren/b.c')).toEqual([0, 1, 2, 3, 4]);
    expect(m('drivers/ren/a.c')).toEqual([0, 1, 2, 4]);
    expect(m('drivers/ren-extra/a.c')).toEqual([1, 2]);
    expect(m('drivers')).toEqual([1, 2]);
    expect(m('README')).toEqual([2]);
    expect(m('ünï/x')).toEqual([2, 5]);
    // Bytes that are not UTF-8 match no UTF-8 path by accident.
    expect(m(Buffer.from([0xfc, 0x6e, 0xef, 0x2f, 0x78]))).toEqual([2]);
  });

  it('without . nothing matches files outside every path', () => {
    expect(new PathIndex(['a/b']).match(Buffer.from('a/bc'))).toEqual([]);
  });
});

describe('outermost and coveringPathspecs', () => {
  it('drops nested paths and duplicates', () => {
    expect(outermost(['a/b/c', 'a/b', 'x', 'a/bc', 'x'])).toEqual(['a/b', 'a/bc', 'x']);
    expect(outermost(['a', '.'])).toEqual(['.']);
  });

  it('coarsens to the deepest level with few enough pathspecs', () => {
    const paths = ['drivers/net/a', 'drivers/net/b', 'drivers/gpu/c', 'fs/ext4', 'fs/xfs'];
    expect(coveringPathspecs(paths, 5)).toEqual(['drivers/gpu/c', 'drivers/net/a', 'drivers/net/b', 'fs/ext4', 'fs/xfs']);
    expect(coveringPathspecs(paths, 4)).toEqual(['drivers/gpu', 'drivers/net', 'fs/ext4', 'fs/xfs']);
    expect(coveringPathspecs(paths, 3)).toEqual(['drivers', 'fs']);
    expect(coveringPathspecs(paths, 2)).toEqual(['drivers', 'fs']);
    expect(coveringPathspecs(paths, 1)).toEqual(['.']);
    expect(coveringPathspecs(['drivers/net/a', 'drivers/gpu/c'], 1)).toEqual(['drivers']);
    expect(coveringPathspecs(['drivers/net/a'], 1)).toEqual(['drivers/net/a']);
  });
});

const f = (path: string, status: string, from?: string, added = 1, removed = 1): FileChange => ({
  added,
  removed,
  binary: false,
  path: Buffer.from(path),
  ...(from ? { from: Buffer.from(from) } : {}),
  status,
});
const commit = (files: FileChange[]): CommitRecord => ({ sha: 'a'.repeat(40), time: 0, authorName: Buffer.from('n'), authorEmail: Buffer.from('e'), committerName: Buffer.alloc(0), committerEmail: Buffer.alloc(0), trailers: Buffer.alloc(0), subject: Buffer.from('s'), files });

describe('attribute', () => {
  const index = new PathIndex(['p', 'q', '.']);
  const shares = (files: FileChange[]) =>
    Object.fromEntries(attribute(commit(files), index).map((s) => [index.paths[s.path], { n: s.files.length, exact: s.exact }]));

  it('modifications anywhere are exact', () => {
    expect(shares([f('p/a', 'M'), f('q/b', 'M'), f('r/c', 'A')])).toEqual({ p: { n: 1, exact: true }, q: { n: 1, exact: true }, '.': { n: 3, exact: true } });
  });

  it('a rename inside a path is exact for it', () => {
    expect(shares([f('p/b', 'R', 'p/a')])).toEqual({ p: { n: 1, exact: true }, '.': { n: 1, exact: true } });
  });

  it('a move across a path edge is inexact for both sides, exact for a path holding both', () => {
    expect(shares([f('q/a', 'R', 'p/a')])).toEqual({ p: { n: 1, exact: false }, q: { n: 1, exact: false }, '.': { n: 1, exact: true } });
  });

  it('adds in a path while another directory deletes: inexact for the adding path only', () => {
    expect(shares([f('p/new', 'A'), f('r/old', 'D'), f('q/x', 'M')])).toEqual({ p: { n: 1, exact: false }, q: { n: 1, exact: true }, '.': { n: 3, exact: true } });
  });

  it('adds everywhere with nothing deleted, or deletes with nothing added, pair nothing: exact (a root commit, a new driver)', () => {
    expect(shares([f('p/a', 'A'), f('q/b', 'A'), f('r/c', 'A')])).toEqual({ p: { n: 1, exact: true }, q: { n: 1, exact: true }, '.': { n: 3, exact: true } });
    expect(shares([f('p/a', 'D'), f('q/b', 'D'), f('q/c', 'M')])).toEqual({ p: { n: 1, exact: true }, q: { n: 2, exact: true }, '.': { n: 3, exact: true } });
  });

  it('adds and deletes all inside one path are exact', () => {
    expect(shares([f('p/new', 'A'), f('p/old', 'D'), f('q/x', 'M')])).toEqual({ p: { n: 2, exact: true }, q: { n: 1, exact: true }, '.': { n: 3, exact: true } });
  });

  it('a submodule change is read again from the own walk of every path holding it', () => {
    const submodule = (files: FileChange[]) => Object.fromEntries(attribute(commit(files), index).map((s) => [index.paths[s.path], [s.exact, s.submodule]]));
    expect(submodule([{ ...f('p/sub', 'M'), gitlink: true }, f('q/x', 'M')])).toEqual({ p: [false, true], q: [true, false], '.': [false, true] });
  });
});
