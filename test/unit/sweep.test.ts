import { describe, expect, it } from 'vitest';
import { CommitSpread, directoryAt, treewideSubject } from '../../src/signals/sweep.js';

/** Files in `n` sibling directories of drivers/clk, one each. */
const siblings = (n: number, under = 'drivers/clk'): string[] => Array.from({ length: n }, (_, i) => `${under}/d${i}/x.c`);

describe('directoryAt', () => {
  it('cuts the directory holding a file to its first components; a file higher up is its own directory', () => {
    expect(directoryAt('a/b/c/d.c', 2)).toBe('a/b');
    expect(directoryAt('a/b/c/d.c', 5)).toBe('a/b/c');
    expect(directoryAt('a/b.c', 3)).toBe('a');
    expect(directoryAt('README', 1)).toBe('');
  });
});

describe('CommitSpread', () => {
  const K = { dirs: 3 };

  it('is a sweep at exactly K other directories at the path depth, not at K − 1', () => {
    expect(new CommitSpread(['drivers/clk/qcom/a.c', ...siblings(3)]).sweep('drivers/clk/qcom', K)).toBe(true);
    expect(new CommitSpread(['drivers/clk/qcom/a.c', ...siblings(2)]).sweep('drivers/clk/qcom', K)).toBe(false);
  });

  it('is local work for the directory holding the whole cleanup', () => {
    const spread = new CommitSpread(['drivers/clk/qcom/a.c', ...siblings(10)]);
    expect(spread.sweep('drivers/clk/qcom', K)).toBe(true);
    expect(spread.sweep('drivers/clk', K)).toBe(false);
    expect(spread.sweep('.', K)).toBe(false);
  });

  it('counts files deep below a directory as that directory, and files higher up as theirs', () => {
    const spread = new CommitSpread(['drivers/clk/qcom/a.c', 'drivers/clk/x/deep/er/1.c', 'drivers/clk/x/2.c', 'drivers/clk/core.c', 'Makefile']);
    // drivers/clk/x, drivers/clk (core.c), `` (Makefile).
    expect(spread.outside('drivers/clk/qcom')).toBe(3);
  });

  it('counts only files outside the path, however many are inside', () => {
    const inside = Array.from({ length: 50 }, (_, i) => `drivers/clk/qcom/sub${i}/f.c`);
    expect(new CommitSpread([...inside, 'drivers/clk/imx/a.c']).outside('drivers/clk/qcom')).toBe(1);
  });

  it('does not take a sibling sharing a prefix for the path', () => {
    expect(new CommitSpread(['drivers/clk/qcom/a.c', 'drivers/clk/qcom-extra/b.c']).outside('drivers/clk/qcom')).toBe(1);
  });

  it('takes a file path: its siblings count as its directory', () => {
    const spread = new CommitSpread(['drivers/clk/core.c', 'drivers/clk/other.c', 'drivers/clk/qcom/a.c']);
    expect(spread.outside('drivers/clk/core.c')).toBe(2);
    expect(new CommitSpread(['drivers/clk/core.c']).outside('drivers/clk/core.c')).toBe(0);
  });
});

describe('treewideSubject', () => {
  it('is a subject starting with treewide:, in any case', () => {
    expect(treewideSubject('treewide: remove unused includes')).toBe(true);
    expect(treewideSubject(Buffer.from('TreeWide: x'))).toBe(true);
    expect(treewideSubject('clk: treewide: x')).toBe(false);
    expect(treewideSubject('treewide cleanup')).toBe(false);
  });
});
