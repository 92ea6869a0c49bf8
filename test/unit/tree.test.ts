import { describe, expect, it } from 'vitest';
import { BatchLineCounter, BINARY_PROBE, parseTreeEntry, TreeParser, type BlobLines, type TreeEntry } from '../../src/git/tree.js';
import { countLines } from '../helpers/oracle.js';

describe('line counts of docs/signals.md (the oracle, which BatchLineCounter must match)', () => {
  it.each([
    ['', 0],
    ['a', 1],
    ['a\n', 1],
    ['a\nb', 2],
    ['\n\n\n', 3],
    ['a\r\nb\r\n', 2],
  ])('%j has %i lines', (text, n) => {
    expect(countLines(Buffer.from(text))).toBe(n);
  });

  it('a NUL in the first 8,000 bytes makes a file binary; later it does not', () => {
    expect(countLines(Buffer.from('a\n\0b\n'))).toBe(0);
    const late = Buffer.concat([Buffer.from('x\n'.repeat(BINARY_PROBE / 2)), Buffer.from('\0\n')]);
    expect(countLines(late)).toBe(BINARY_PROBE / 2 + 1);
    const edge = Buffer.concat([Buffer.alloc(BINARY_PROBE - 1, 0x61), Buffer.from('\0')]);
    expect(countLines(edge)).toBe(0);
  });
});

function batch(objects: Array<[string, Buffer]>): Buffer {
  return Buffer.concat(objects.flatMap(([oid, body]) => [Buffer.from(`${oid} blob ${body.length}\n`), body, Buffer.from('\n')]));
}

describe('BatchLineCounter', () => {
  const blobs: Array<[string, Buffer]> = [
    ['1'.repeat(40), Buffer.from('one\ntwo\nthree')],
    ['2'.repeat(40), Buffer.alloc(0)],
    ['3'.repeat(40), Buffer.concat([Buffer.from('x\n'.repeat(5000)), Buffer.from([0])])],
    ['4'.repeat(40), Buffer.concat([Buffer.from('bin'), Buffer.from([0]), Buffer.from('\n\n')])],
    ['5'.repeat(40), Buffer.from('\n')],
  ];
  const out = batch(blobs);
  const expected = blobs.map(([oid, body]) => ({ oid, lines: countLines(body), binary: body.subarray(0, BINARY_PROBE).includes(0) }));

  function run(chunks: Buffer[]): BlobLines[] {
    const got: BlobLines[] = [];
    const c = new BatchLineCounter((b) => got.push(b));
    for (const ch of chunks) c.push(ch);
    c.end();
    return got;
  }

  it('counts every object as countLines does, however the output is split', () => {
    expect(run([out])).toEqual(expected);
    for (let cut = 1; cut < out.length; cut += 97) {
      expect(run([out.subarray(0, cut), out.subarray(cut)])).toEqual(expected);
    }
    expect(run([...[...out.subarray(0, 300)].map((b) => Buffer.from([b])), out.subarray(300)])).toEqual(expected);
  });

  it('a missing object is an error naming it', () => {
    const c = new BatchLineCounter(() => {});
    expect(() => c.push(Buffer.from(`${'9'.repeat(40)} missing\n`))).toThrow(/damaged repository: object 9{40} cannot be read/);
  });

  it('output cut inside an object is an error', () => {
    const c = new BatchLineCounter(() => {});
    c.push(out.subarray(0, 50));
    expect(() => c.end()).toThrow(/ended inside an object/);
  });
});

describe('ls-tree records', () => {
  it('parses mode, type, oid and a path with any bytes', () => {
    const e = parseTreeEntry(Buffer.from(`100755 blob ${'a'.repeat(40)}\tdir/with space\tand tab`));
    expect({ ...e, path: e.path.toString() }).toEqual({ mode: '100755', type: 'blob', oid: 'a'.repeat(40), path: 'dir/with space\tand tab' });
  });

  it('TreeParser splits NUL-ended records across chunks', () => {
    const bytes = Buffer.from(`100644 blob ${'a'.repeat(40)}\ta\n b\x00120000 blob ${'b'.repeat(40)}\tlink\0`);
    for (let cut = 1; cut < bytes.length; cut++) {
      const got: TreeEntry[] = [];
      const p = new TreeParser((e) => got.push(e));
      p.push(bytes.subarray(0, cut));
      p.push(bytes.subarray(cut));
      p.end();
      expect(got.map((e) => [e.mode, e.path.toString()])).toEqual([['100644', 'a\n b'], ['120000', 'link']]);
    }
  });

  it('rejects a malformed record', () => {
    expect(() => parseTreeEntry(Buffer.from('garbage'))).toThrow(/unexpected git ls-tree record/);
  });
});
