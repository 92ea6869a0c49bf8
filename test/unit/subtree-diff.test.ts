import { describe, expect, it } from 'vitest';
import type { FileChange } from '../../src/git/log-parser.js';
import { PairDiffParser, parseBatchCheck, parseCheckAttr, porcelainDiffOptions } from '../../src/git/subtree-diff.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = '0'.repeat(40);

describe('parseBatchCheck', () => {
  it('reads objects and misses in input order', () => {
    expect(parseBatchCheck(`${A} tree 110\nx^:d missing\n${B} blob 7\nname tree 3 missing\n`)).toEqual([
      { oid: A, type: 'tree' },
      null,
      { oid: B, type: 'blob' },
      null,
    ]);
  });
});

describe('parseCheckAttr', () => {
  it('reads one value per path, in input order, whatever bytes the names hold', () => {
    expect(parseCheckAttr(Buffer.from('x.txt\0diff\0unspecified\0p/new\nline\0diff\0unset\0p/\xe9\0diff\0hexy\0', 'latin1'))).toEqual(['unspecified', 'unset', 'hexy']);
    expect(parseCheckAttr(Buffer.alloc(0))).toEqual([]);
  });
});

describe('porcelainDiffOptions', () => {
  it('passes diff.algorithm on as git spells it, and nothing diff-tree reads itself', () => {
    expect(porcelainDiffOptions(new Map([['diff.algorithm', 'Histogram'], ['diff.renamelimit', '5']]))).toEqual(['--diff-algorithm=Histogram']);
    expect(porcelainDiffOptions(new Map())).toEqual([]);
    expect(porcelainDiffOptions(undefined)).toEqual([]);
  });
});

describe('PairDiffParser', () => {
  const out = Buffer.from(`${A} ${B}\n5\t5\tmr.c\x00-\t-\tfw.bin\x00${B} ${C}\n1\t2\t\x00old\x00new\x00${C} ${A}\n0\t3\tx\x00`);
  const run = (chunks: Buffer[]) => {
    const got: Array<[string, FileChange[]]> = [];
    const p = new PairDiffParser((key, files) => got.push([key, files]));
    for (const c of chunks) p.push(c);
    p.end();
    return got.map(([k, f]) => [k, f.map((x) => [x.added, x.removed, x.binary, x.from?.toString() ?? null, x.path.toString()])]);
  };

  it('gives each tree pair its complete numstat records, renames included', () => {
    expect(run([out])).toEqual([
      [`${A} ${B}`, [[5, 5, false, null, 'mr.c'], [0, 0, true, null, 'fw.bin']]],
      [`${B} ${C}`, [[1, 2, false, 'old', 'new']]],
      [`${C} ${A}`, [[0, 3, false, null, 'x']]],
    ]);
    for (let cut = 1; cut < out.length; cut++) expect(run([out.subarray(0, cut), out.subarray(cut)])).toEqual(run([out]));
  });

  it('rejects output it cannot read', () => {
    expect(() => run([Buffer.from('garbage\x00')])).toThrow(/unexpected git diff-tree output/);
    expect(() => run([Buffer.from(`${A} ${B}\n1\t1\t\x00from\x00`)])).toThrow(/ended inside a record/);
  });
});
