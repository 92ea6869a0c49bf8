// Checks the substantive-work oracle's reading of the sweep rule and its aggregation on hand-made
// file lists and commit records, so end-to-end tests can trust it.
import { describe, expect, it } from 'vitest';
import { aggregateSubstantive, directoryOf, domainOf, factor, identityKey, isSweep, outsideDirectories, treewide, type CommitRecord } from '../helpers/oracle-people.js';

const K = 4;
const sorted = (s: Set<string>): string[] => [...s].sort();

describe('the sweep rule', () => {
  const P = 'drivers/clk/qcom';
  const local = ['drivers/clk/qcom/gcc.c', 'drivers/clk/qcom/sub/dispcc.c'];

  it('exactly K directories outside the path at its depth make a sweep; K − 1 do not', () => {
    const others = ['drivers/clk/imx/a.c', 'drivers/clk/sunxi/b.c', 'drivers/net/phy/c.c', 'arch/arm/boot/d.c'];
    expect(isSweep(P, { subject: 'clk: x', files: [...local, ...others] }, K)).toBe(true);
    expect(isSweep(P, { subject: 'clk: x', files: [...local, ...others.slice(1)] }, K)).toBe(false);
    expect(outsideDirectories(P, [...local, ...others]).size).toBe(K);
  });

  it('files inside the path count for nothing, however many', () => {
    const files = Array.from({ length: 50 }, (_, i) => `${P}/d${i}/f.c`);
    expect(outsideDirectories(P, files).size).toBe(0);
    expect(isSweep(P, { subject: 'clk: x', files }, 1)).toBe(false);
  });

  it('a file deeper than the path counts as its directory cut to the path\'s depth; two in one directory count once', () => {
    expect(sorted(outsideDirectories(P, ['drivers/clk/imx/a/b/c.c', 'drivers/clk/imx/d.c', 'drivers/clk/imx/e/f.c']))).toEqual(['drivers/clk/imx']);
  });

  it('a file higher up counts as the directory holding it; a top-level file as ``', () => {
    expect(sorted(outsideDirectories(P, ['drivers/clk/clk.c', 'drivers/Makefile', 'MAINTAINERS', 'Makefile', 'include/linux/clk.h']))).toEqual(['', 'drivers', 'drivers/clk', 'include/linux']);
    expect(directoryOf(Buffer.from('MAINTAINERS'), 3)).toBe('');
    expect(directoryOf(Buffer.from('a/b/c/d/e.c'), 2)).toBe('a/b');
  });

  it('top-level files make one directory `` for a top-level path', () => {
    expect(sorted(outsideDirectories('drivers', ['MAINTAINERS', 'Makefile', '.mailmap', 'arch/x86/a.c', 'drivers/a.c']))).toEqual(['', 'arch']);
  });

  it('a name sharing the path\'s prefix is outside it; the path itself and `P/…` are inside; a trailing slash changes nothing', () => {
    expect(sorted(outsideDirectories(P, ['drivers/clk/qcomm/a.c', 'drivers/clk/qcom', 'drivers/clk/qcom-x.c']))).toEqual(['drivers/clk', 'drivers/clk/qcomm']);
    expect(sorted(outsideDirectories(`${P}/`, ['drivers/clk/qcomm/a.c']))).toEqual(['drivers/clk/qcomm']);
  });

  it('for a file path, its siblings are one directory, the parent\'s', () => {
    const file = 'drivers/clk/qcom/gcc.c';
    expect(sorted(outsideDirectories(file, ['drivers/clk/qcom/gcc.c', 'drivers/clk/qcom/dispcc.c', 'drivers/clk/qcom/a.c', 'drivers/clk/qcom/sub/x.c']))).toEqual(['drivers/clk/qcom', 'drivers/clk/qcom/sub']);
  });

  it('the whole tree has nothing outside it, however wide the commit', () => {
    const files = Array.from({ length: 40 }, (_, i) => `top${i}/f.c`);
    for (const dot of ['.', './', '']) expect(outsideDirectories(dot, files).size).toBe(0);
    expect(isSweep('.', { subject: 'x', files }, 1)).toBe(false);
  });

  it('a treewide: subject in any ASCII case is a sweep for every path, the whole tree too, touching one file', () => {
    for (const subject of ['treewide: x', 'TreeWide: x', 'TREEWIDE:x', 'treewide:']) {
      expect(treewide(subject)).toBe(true);
      expect(isSweep('.', { subject, files: [`${P}/gcc.c`] }, K)).toBe(true);
      expect(isSweep(P, { subject, files: [`${P}/gcc.c`] }, K)).toBe(true);
    }
    for (const subject of ['treewide x', ' treewide: x', 'clk: treewide: x', 'treewid: x', 'tree-wide: x', '', Buffer.from('treewide\xff:', 'latin1')]) expect(treewide(subject)).toBe(false);
    // Not a case-folding trick: U+0130 and U+017F are not ASCII letters.
    expect(treewide('treew\u0130de: x')).toBe(false);
  });

  it('names are bytes: non-UTF-8 components are directories like any other', () => {
    const odd = Buffer.concat([Buffer.from('drivers/clk/'), Buffer.from([0xff]), Buffer.from('/a.c')]);
    expect(outsideDirectories(P, [odd]).size).toBe(1);
  });
});

describe('identities, domains and factors', () => {
  it('keys by the lower-cased e-mail, or by the name when the e-mail is empty', () => {
    expect(identityKey(Buffer.from('Ann'), Buffer.from('Ann@Linaro.EXAMPLE'))).toBe('e:ann@linaro.example');
    expect(identityKey(Buffer.from('Anon'), Buffer.alloc(0))).toBe('n:Anon');
  });

  it('takes the domain after the last @, lower-cased; none without an @', () => {
    expect(domainOf(Buffer.from('a@b@Kernel.ORG'))).toBe('kernel.org');
    expect(domainOf(Buffer.from('root'))).toBe('');
    expect(domainOf(Buffer.alloc(0))).toBe('');
    expect(domainOf(Buffer.from('x@'))).toBe('');
  });

  it('factor: the fewest largest counts that pass half; exactly half is not enough', () => {
    expect(factor([])).toBe(0);
    expect(factor([0, 0])).toBe(0);
    expect(factor([5])).toBe(1);
    expect(factor([1, 1])).toBe(2);
    expect(factor([2, 1, 1])).toBe(2);
    expect(factor([3, 1, 1])).toBe(1);
    expect(factor([1, 1, 1, 1, 1, 1])).toBe(4);
  });
});

describe('aggregation', () => {
  const t = (iso: string): number => Date.parse(iso) / 1000;
  const rec = (sha: string, iso: string, name: string, email: string, subject: string, files: string[], added = 1, removed = 0): CommitRecord => ({
    sha,
    ct: t(iso),
    name: Buffer.from(name),
    email: Buffer.from(email),
    subject: Buffer.from(subject),
    files: files.map((f) => Buffer.from(f)),
    added,
    removed,
  });
  const wide = ['a/x/1.c', 'b/x/1.c', 'c/x/1.c', 'd/x/1.c'];
  // git log order: newest first; c2 and c3 share a date, c2 listed first.
  const records = [
    rec('c1', '2024-03-05T00:00:00Z', 'Bea', 'bea@B.example', 'treewide: x', ['p/q/f.c'], 10, 10),
    rec('c2', '2024-03-01T00:00:00Z', 'Ann New', 'ann@a.example', 'p: two', ['p/q/f.c'], 3, 1),
    rec('c3', '2024-03-01T00:00:00Z', 'Ann', 'ANN@a.example', 'p: one', ['p/q/f.c'], 2, 2),
    rec('c4', '2024-02-01T00:00:00Z', 'Cy', 'cy@b.example', 'p: wide', ['p/q/f.c', ...wide], 5, 0),
    rec('c5', '2024-01-01T00:00:00Z', 'Dee', '', 'p: anon', ['p/q/g.c'], 1, 1),
    rec('c6', '2024-01-01T00:00:00Z', 'Eve', 'eve', 'p: local', ['p/q/g.c'], 1, 0),
  ];
  const months = ['2024-01', '2024-02', '2024-03'];
  const got = aggregateSubstantive(records, 'p/q', months, 4, 5);

  it('splits commits, lines, authors and months into substantive work and sweeps', () => {
    expect(got).toMatchObject({
      sweep_rule: { dirs: 4 },
      substantive_commits: 4,
      sweep_commits: 2,
      substantive_added: 7,
      substantive_removed: 4,
      substantive_authors: 3,
      substantive_active_months: 2,
      monthly: [
        { month: '2024-01', substantive: 2 },
        { month: '2024-02', substantive: 0 },
        { month: '2024-03', substantive: 2 },
      ],
    });
    expect(aggregateSubstantive(records, 'p/q', months, 5, 5).substantive_commits).toBe(5);
  });

  it('the last substantive commit skips newer sweeps; among equal dates the one listed first', () => {
    expect(got.last_substantive_commit).toEqual({ sha: 'c2', date: '2024-03-01T00:00:00Z', subject: 'p: two' });
    expect(aggregateSubstantive(records.slice(0, 1), 'p/q', months, 4, 5).last_substantive_commit).toBeNull();
  });

  it('ranks authors by commits, then key; shows the newest commit\'s name and e-mail, the smallest on a tie', () => {
    expect(got.top_authors.map((a) => [a.name, a.email, a.commits, a.substantive_commits])).toEqual([
      // Ann New <ann@…> and Ann <ANN@…> at the same date: `Ann\0ANN…` is the smaller.
      ['Ann', 'ANN@a.example', 2, 2],
      ['Bea', 'bea@B.example', 1, 0],
      ['Cy', 'cy@b.example', 1, 0],
      ['Eve', 'eve', 1, 1],
      ['Dee', '', 1, 1],
    ]);
    expect(got.top_authors[0]).toMatchObject({ added: 5, removed: 3, share: 2 / 6, first: '2024-03-01T00:00:00Z', last: '2024-03-01T00:00:00Z' });
    expect(aggregateSubstantive(records, 'p/q', months, 4, 2).top_authors).toHaveLength(2);
    expect(aggregateSubstantive(records, 'p/q', months, 4, 0).top_authors).toEqual([]);
  });

  it('groups domains lower-cased, with `` for no @ and no e-mail, ranked by commits then domain', () => {
    expect(got.top_domains.map((d) => [d.domain, d.authors, d.commits, d.substantive_commits])).toEqual([
      ['', 2, 2, 2],
      ['a.example', 1, 2, 2],
      ['b.example', 2, 2, 0],
    ]);
    expect(got.top_domains[2]).toMatchObject({ added: 15, removed: 10, share: 2 / 6, first: '2024-02-01T00:00:00Z', last: '2024-03-05T00:00:00Z' });
  });

  it('factors over all commits and over substantive ones', () => {
    expect([got.absence_factor, got.substantive_absence_factor, got.elephant_factor, got.substantive_elephant_factor]).toEqual([3, 2, 2, 2]);
    const none = aggregateSubstantive([], 'p/q', months, 4, 5);
    expect([none.absence_factor, none.substantive_absence_factor, none.elephant_factor, none.substantive_elephant_factor, none.top_authors, none.top_domains]).toEqual([0, 0, 0, 0, [], []]);
  });
});
