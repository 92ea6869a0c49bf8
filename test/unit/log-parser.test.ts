import { describe, expect, it } from 'vitest';
import { LogParseError } from '../../src/errors.js';
import { LogParser, parseNumstat, type CommitRecord } from '../../src/git/log-parser.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(64);

/** git's -z numstat stream: header fields NUL-ended, then `\n` and NUL-ended records. */
function stream(...parts: Array<string | Buffer>): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));
}

const SAMPLE = stream(
  `${A}\0`, '1618963200\0', 'Ayla Berg\0', 'ayla@x.example\0', 'Cy Comm\0', 'cy@x.example\0', 'Reviewed-by: R <r@x>\nCc: stable@vger.kernel.org # 5.10\n\0', 'vdpa: fix\0',
  '\n12\t3\tdrivers/a.c\0', '-\t-\tdrivers/fw.bin\0', '5\t1\t\0drivers/old name.c\0drivers/new\nname.c\0',
  `${B}\0`, '1700000000\0', Buffer.from([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e, 0]), '\0', '\0', '\0', '\0', '\0',
  Buffer.from('\n0\t0\t-p/\u00e9t\u00e9.c\0', 'utf8'),
  `${C}\0`, '1\0', 'Empty Diff\0', 'e@x\0', 'Empty Diff\0', 'e@x\0', 'Signed-off-by: Empty Diff <e@x>\n\0', 'subject with \t tab\0',
);

function parseAll(chunks: Buffer[]): Array<Omit<CommitRecord, 'files'> & { files: unknown[] }> {
  const out: CommitRecord[] = [];
  const p = new LogParser((c) => out.push(c));
  for (const c of chunks) p.push(c);
  p.end();
  return out.map((c) => ({ ...c, files: c.files.map((f) => ({ ...f, path: f.path.toString('latin1'), from: f.from?.toString('latin1') })) }));
}

describe('LogParser', () => {
  const whole = parseAll([SAMPLE]);

  it('reads headers, numstat, binaries and renames', () => {
    expect(whole).toHaveLength(3);
    const [a, b, c] = whole as [CommitRecord, CommitRecord, CommitRecord];
    expect(a.sha).toBe(A);
    expect(a.time).toBe(1618963200);
    expect(a.authorName.toString()).toBe('Ayla Berg');
    expect(a.subject.toString()).toBe('vdpa: fix');
    expect(a.committerName.toString()).toBe('Cy Comm');
    expect(a.committerEmail.toString()).toBe('cy@x.example');
    // The trailer block is one field, newlines and all; the subject after it is still the subject.
    expect(a.trailers.toString()).toBe('Reviewed-by: R <r@x>\nCc: stable@vger.kernel.org # 5.10\n');
    expect(a.files).toEqual([
      { added: 12, removed: 3, binary: false, path: 'drivers/a.c', from: undefined },
      { added: 0, removed: 0, binary: true, path: 'drivers/fw.bin', from: undefined },
      { added: 5, removed: 1, binary: false, path: 'drivers/new\nname.c', from: 'drivers/old name.c' },
    ]);
    // Names are bytes: Latin-1 survives, an empty e-mail stays empty.
    expect([...b.authorName]).toEqual([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e]);
    expect(b.authorEmail.length).toBe(0);
    expect(b.subject.length).toBe(0);
    expect([b.committerName.length, b.committerEmail.length, b.trailers.length]).toEqual([0, 0, 0]);
    expect(b.files).toEqual([{ added: 0, removed: 0, binary: false, path: Buffer.from('-p/\u00e9t\u00e9.c').toString('latin1'), from: undefined }]);
    expect(c.sha).toBe(C);
    expect(c.files).toEqual([]);
    expect(c.subject.toString()).toBe('subject with \t tab');
    expect(c.trailers.toString()).toBe('Signed-off-by: Empty Diff <e@x>\n');
  });

  it('gives the same commits however git splits its output', () => {
    for (let cut = 1; cut < SAMPLE.length; cut++) {
      expect(parseAll([SAMPLE.subarray(0, cut), SAMPLE.subarray(cut)])).toEqual(whole);
    }
    expect(parseAll([...SAMPLE].map((b) => Buffer.from([b])))).toEqual(whole);
  });

  it('reads empty output as no commits', () => {
    expect(parseAll([])).toEqual([]);
  });

  it.each([
    ['a header that is not a commit id', stream('not-a-sha\0')],
    ['output cut inside a header', stream(`${A}\0`, '123\0')],
    ['output cut inside a rename', stream(`${A}\0`, '1\0n\0e\0\0\0\0s\0', '\n1\t1\t\0from\0')],
    ['a bad date', stream(`${A}\0`, '12x\0n\0e\0\0\0\0s\0')],
    ['a stray record', stream(`${A}\0`, '1\0n\0e\0\0\0\0s\0', '\n1\t1\tx\0', 'garbage\0')],
    ['trailing bytes', stream(`${A}\0`, '1\0n\0e\0\0\0\0s\0', '\n1\t1\tx\0', 'tail')],
  ])('rejects %s with a clear error', (_, bytes) => {
    const p = new LogParser(() => {});
    expect(() => {
      p.push(bytes);
      p.end();
    }).toThrow(LogParseError);
  });
});

describe('parseNumstat', () => {
  it.each([
    ['12\t3\tpath', { added: 12, removed: 3, binary: false, path: 'path' }],
    ['-\t-\tbin', { added: 0, removed: 0, binary: true, path: 'bin' }],
    ['0\t7\t', { added: 0, removed: 7, binary: false, path: '' }],
  ])('%j', (tok, expected) => {
    const r = parseNumstat(Buffer.from(tok));
    expect(r && { ...r, path: r.path.toString() }).toEqual(expected);
  });

  it.each(['', 'abc', '1\t2', '1\tx\tp', '-\t3\tp', '\t1\tp', '1\t\tp', 'a'.repeat(40)])('is not numstat: %j', (tok) => {
    expect(parseNumstat(Buffer.from(tok))).toBeNull();
  });
});

describe('LogParser with --raw', () => {
  const Z = '0'.repeat(40);
  const S = 'd'.repeat(40);
  const RAW = stream(
    `${A}\0`, '10\0n\0e@x\0\0\0\0s\0',
    `\n:000000 100644 ${Z} ${S} A\0`, 'new.c\0',
    `:100644 000000 ${S} ${Z} D\0`, 'gone.c\0',
    `:100644 100644 ${S} ${S} R087\0`, 'old name.c\0', 'new name.c\0',
    `:160000 160000 ${S} ${S} M\0`, 'sub\0',
    `:100644 160000 ${S} ${S} T\0`, 'was-file\0',
    '3\t0\tnew.c\0', '0\t9\tgone.c\0', '1\t1\t\0old name.c\0new name.c\0', '1\t1\tsub\0', '1\t1\twas-file\0',
    `${B}\0`, '9\0n\0e@x\0\0\0\0s\0',
    `\n:100644 100644 ${S} ${S} M\0`, ':colon.c\0',
  );

  it('gives each numstat record the status of its raw record, and marks submodules', () => {
    const got = parseAll([RAW]);
    expect(got.map((c) => c.files)).toEqual([
      [
        { added: 3, removed: 0, binary: false, path: 'new.c', from: undefined, status: 'A' },
        { added: 0, removed: 9, binary: false, path: 'gone.c', from: undefined, status: 'D' },
        { added: 1, removed: 1, binary: false, path: 'new name.c', from: 'old name.c', status: 'R' },
        { added: 1, removed: 1, binary: false, path: 'sub', from: undefined, status: 'M', gitlink: true },
        { added: 1, removed: 1, binary: false, path: 'was-file', from: undefined, status: 'T', gitlink: true },
      ],
      // Raw alone (no --numstat): the changes, with no line counts.
      [{ added: 0, removed: 0, binary: false, path: ':colon.c', from: undefined, status: 'M' }],
    ]);
    for (let cut = 1; cut < RAW.length; cut++) {
      expect(parseAll([RAW.subarray(0, cut), RAW.subarray(cut)])).toEqual(got);
    }
  });

  it('rejects raw and numstat records that do not pair up', () => {
    const p = new LogParser(() => {});
    expect(() => {
      p.push(stream(`${A}\0`, '1\0n\0e\0\0\0\0s\0', `\n:000000 100644 ${Z} ${S} A\0`, 'a\0', '1\t0\ta\0', '1\t0\tb\0'));
      p.end();
    }).toThrow(/raw and numstat records differ/);
  });
});
