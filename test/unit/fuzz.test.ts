// Property tests: arbitrary bytes as file names, subjects and author names, through the
// git-output parsers (serialised exactly as git prints them, cut at arbitrary chunk
// boundaries) and through every renderer. The byte formats were checked against git 2.39.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DamagedRepositoryError, GitError, LogParseError } from '../../src/errors.js';
import { LogParser, type CommitRecord, type FileChange } from '../../src/git/log-parser.js';
import { PairDiffParser, parseBatchCheck } from '../../src/git/subtree-diff.js';
import { BatchLineCounter, BINARY_PROBE, TreeParser, type BlobLines, type TreeEntry } from '../../src/git/tree.js';
import { FORMATS, renderers, type Renderer } from '../../src/render/index.js';
import { columns } from '../../src/text/format.js';
import { isFailure, type PathReport, type PathResult } from '../../src/types.js';
import { SAMPLE_LAST_COMMIT, sampleFailure, sampleReport } from '../helpers/report.js';

// Fixed seed: a failure is reproducible, and the file stays a few seconds long.
const SEED = 0x6b73746174;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

const b = (s: string) => Buffer.from(s, 'latin1');
const hex = (buf: Buffer) => buf.toString('hex');

// ---------------------------------------------------------------- byte generators

const SHA = 'c0ffee'.padEnd(40, '1');
/** Bytes that mean something to a parser, or to a terminal, a spreadsheet or a UTF-8 decoder. */
const SPECIAL = [...'\n\t\r "\'\\-:*?[]{}!#=+@,;0123456789abcdef'].map((c) => c.charCodeAt(0)).concat([0x00, 0x1b, 0x7f, 0x80, 0x9b, 0xc3, 0xe2, 0xed, 0xf0, 0xfe, 0xff]);
/** Pieces of git's own syntax, so a name can look like a record of another kind. */
const LOOKALIKES = ['\t', '\n', ':', '-\t-\t', '12\t3\t', `${SHA}`, `\n${SHA}`, `${SHA} ${SHA}\n`, ':100644 100644 abc def M', ' blob 3\n', ' missing', '-', '--', 'é', '\u202e'];

/** A byte string without the bytes `banned`, biased toward SPECIAL bytes and git-syntax lookalikes. */
function bytes(banned: number[], min = 0, max = 24): fc.Arbitrary<Buffer> {
  const byte = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 255 }) }, { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) });
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.array(byte, { maxLength: 8 }).map((a) => Buffer.from(a)) },
    { weight: 1, arbitrary: fc.constantFrom(...LOOKALIKES).map((s) => Buffer.from(s, 'utf8')) },
  );
  return fc
    .array(piece, { maxLength: 6 })
    .map((ps) => Buffer.from([...Buffer.concat(ps)].filter((x) => !banned.includes(x)).slice(0, max)))
    .filter((buf) => buf.length >= min);
}

const NUL = 0;
const LF = 10;
/** A path: any non-empty bytes but NUL (newlines, quotes, invalid UTF-8 and a leading dash included). */
const pathBytes = bytes([NUL], 1);
const hexString = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: min, maxLength: max });
const oid = fc.oneof(hexString(40, 40), hexString(64, 64));

/** Cut `buf` at arbitrary places, or byte by byte: git's pipe may split anywhere. */
const cuts = fc.oneof({ weight: 4, arbitrary: fc.array(fc.nat(), { maxLength: 10 }) }, { weight: 1, arbitrary: fc.constant('bytes' as const) });
function chunk(buf: Buffer, at: number[] | 'bytes'): Buffer[] {
  if (at === 'bytes') return [...buf].map((x) => Buffer.from([x]));
  const points = [...new Set(at.map((n) => n % (buf.length + 1)))].sort((x, y) => x - y);
  return [0, ...points].map((from, i) => buf.subarray(from, [...points, buf.length][i]));
}

/** Runs a parse that may succeed or fail; a failure must be one of the project's errors, one line long. */
function parsesOrRejects(run: () => void, allowed: Array<abstract new (...a: never[]) => Error> = [GitError]): boolean {
  try {
    run();
    return true;
  } catch (e) {
    if (!allowed.some((cls) => e instanceof cls)) throw e;
    const message = (e as Error).message;
    expect(message).not.toBe('');
    expect(message).not.toMatch(/[\r\n]/);
    return false;
  }
}

// ------------------------------------------------------- git log -z --numstat [--raw]

interface GenChange {
  added: number;
  removed: number;
  binary: boolean;
  path: Buffer;
  from?: Buffer;
  /** The raw record's status field: `M`, or `R087` for a rename. */
  status: string;
  modes: [string, string];
  oids: [string, string];
}

interface GenCommit {
  sha: string;
  time: number;
  name: Buffer;
  email: Buffer;
  committerName: Buffer;
  committerEmail: Buffer;
  trailers: Buffer;
  subject: Buffer;
  files: GenChange[];
}

type Form = 'numstat' | 'raw' | 'raw+numstat';
const FORMS: Form[] = ['numstat', 'raw', 'raw+numstat'];

const MODES = ['000000', '100644', '100755', '120000', '160000'];
const change: fc.Arbitrary<GenChange> = fc
  .record({
    added: fc.oneof(fc.nat(20), fc.nat(999_999_999)),
    removed: fc.oneof(fc.nat(20), fc.nat(999_999_999)),
    binary: fc.boolean(),
    path: pathBytes,
    from: fc.option(pathBytes, { nil: undefined }),
    letter: fc.constantFrom('A', 'D', 'M', 'T'),
    copy: fc.boolean(),
    score: fc.nat(100),
    modes: fc.tuple(fc.constantFrom(...MODES), fc.constantFrom(...MODES)),
    // Raw oids are abbreviated unless --no-abbrev.
    oids: fc.tuple(hexString(7, 40), hexString(7, 40)),
  })
  .map(({ letter, copy, score, from, binary, added, removed, ...c }) => ({
    ...c,
    binary,
    added: binary ? 0 : added,
    removed: binary ? 0 : removed,
    ...(from ? { from } : {}),
    status: from ? `${copy ? 'C' : 'R'}${String(score).padStart(3, '0')}` : letter,
  }));

// Names and e-mails hold no NUL, newline, '<' or '>' (git's ident rules); %s joins the
// subject's lines with spaces, so it holds no newline either. Any other byte passes through.
const commit: fc.Arbitrary<GenCommit> = fc.record({
  sha: oid,
  time: fc.oneof(fc.nat(4_102_444_800), fc.constantFrom(0, 1, 100_000_000)),
  name: bytes([NUL, LF, 0x3c, 0x3e]),
  email: bytes([NUL, LF, 0x3c, 0x3e]),
  committerName: bytes([NUL, LF, 0x3c, 0x3e]),
  committerEmail: bytes([NUL, LF, 0x3c, 0x3e]),
  // The trailer block is lines of any bytes but NUL (records and ids included), or empty.
  trailers: fc.oneof(bytes([NUL], 0, 80), fc.constantFrom(...['', 'Signed-off-by: A <a@x>\n', `\n${'a'.repeat(40)}\n`, '1\t2\tp\n', ':100644 100644 a b M\n'].map((t) => Buffer.from(t)))),
  subject: bytes([NUL, LF], 0, 60),
  files: fc.array(change, { maxLength: 5 }),
});
const history = fc.array(commit, { maxLength: 5 });

/** The exact bytes of `git log -z --format=LOG_FORMAT --root -M [--raw] [--numstat]`. */
function gitLog(commits: GenCommit[], form: Form): Buffer {
  const out: Buffer[] = [];
  for (const c of commits) {
    out.push(b(`${c.sha}\0${c.time}\0`), c.name, b('\0'), c.email, b('\0'), c.committerName, b('\0'), c.committerEmail, b('\0'), c.trailers, b('\0'), c.subject, b('\0'));
    if (c.files.length === 0) continue; // no diff, and no newline: the next commit follows at once
    out.push(b('\n'));
    if (form !== 'numstat') {
      for (const f of c.files) {
        out.push(b(`:${f.modes[0]} ${f.modes[1]} ${f.oids[0]} ${f.oids[1]} ${f.status}\0`));
        if (f.from) out.push(f.from, b('\0'));
        out.push(f.path, b('\0'));
      }
    }
    if (form !== 'raw') for (const f of c.files) out.push(numstat(f));
  }
  return Buffer.concat(out);
}

/** `12\t3\tpath\0`, `-\t-\tpath\0`, or for a rename `12\t3\t\0from\0to\0`. */
function numstat(f: { added: number; removed: number; binary: boolean; path: Buffer; from?: Buffer }): Buffer {
  const counts = b(f.binary ? '-\t-\t' : `${f.added}\t${f.removed}\t`);
  return f.from ? Buffer.concat([counts, b('\0'), f.from, b('\0'), f.path, b('\0')]) : Buffer.concat([counts, f.path, b('\0')]);
}

/** A commit as plain values (bytes as hex), so toEqual compares bytes and shows a readable diff. */
function plainCommit(c: CommitRecord) {
  return { sha: c.sha, time: c.time, name: hex(c.authorName), email: hex(c.authorEmail), committer: [hex(c.committerName), hex(c.committerEmail)], trailers: hex(c.trailers), subject: hex(c.subject), files: c.files.map(plainFile) };
}
function plainFile(f: FileChange) {
  return { added: f.added, removed: f.removed, binary: f.binary, path: hex(f.path), from: f.from ? hex(f.from) : null, status: f.status ?? null };
}

/** What LogParser must give for the generated commits in each form. */
function expectedCommits(commits: GenCommit[], form: Form) {
  return commits.map((c) => ({
    sha: c.sha,
    time: c.time,
    name: hex(c.name),
    email: hex(c.email),
    committer: [hex(c.committerName), hex(c.committerEmail)],
    trailers: hex(c.trailers),
    subject: hex(c.subject),
    files: c.files.map((f) => ({
      // Raw records alone carry no line counts.
      added: form === 'raw' ? 0 : f.added,
      removed: form === 'raw' ? 0 : f.removed,
      binary: form === 'raw' ? false : f.binary,
      path: hex(f.path),
      from: f.from ? hex(f.from) : null,
      status: form === 'numstat' ? null : f.status[0]!,
    })),
  }));
}

function parseLog(chunks: Buffer[]) {
  const got: CommitRecord[] = [];
  const p = new LogParser((c) => got.push(c));
  for (const c of chunks) p.push(c);
  p.end();
  return got.map(plainCommit);
}

describe('LogParser on git log -z output with arbitrary bytes', () => {
  it.each(FORMS)('%s: the same commits, byte for byte, however the output is split', (form) => {
    fc.assert(
      fc.property(history, cuts, (commits, at) => {
        expect(parseLog(chunk(gitLog(commits, form), at))).toEqual(expectedCommits(commits, form));
      }),
      runs(300),
    );
  });

  it.each(FORMS)('%s: output cut short is rejected, or is a shorter history git could have printed', (form) => {
    fc.assert(
      fc.property(history.filter((h) => h.length > 0), fc.nat(), cuts, (commits, n, at) => {
        const whole = gitLog(commits, form);
        const cut = whole.subarray(0, n % whole.length);
        let got: ReturnType<typeof parseLog> = [];
        const parsed = parsesOrRejects(() => (got = parseLog(chunk(cut, at))), [LogParseError]);
        // A cut inside a field or record (anything but after a NUL, or after the newline that
        // opens a diff) leaves bytes git never finished: they must be rejected, not dropped.
        const atBoundary = cut.length === 0 || cut.at(-1) === NUL || (cut.at(-1) === LF && cut.at(-2) === NUL);
        if (!atBoundary) expect(parsed).toBe(false);
        if (!parsed) return;
        // Every commit but the last exactly as generated; the last with its header and a prefix
        // of its files (a cut at a record boundary is indistinguishable from a shorter diff).
        const want = expectedCommits(commits, form);
        expect(got.length).toBeLessThanOrEqual(want.length);
        got.slice(0, -1).forEach((c, i) => expect(c).toEqual(want[i]));
        const last = got.at(-1);
        if (!last) return;
        const full = want[got.length - 1]!;
        expect({ ...last, files: [] }).toEqual({ ...full, files: [] });
        expect(last.files.map((f) => [f.path, f.from])).toEqual(full.files.slice(0, last.files.length).map((f) => [f.path, f.from]));
      }),
      runs(300),
    );
  });

  it.each(FORMS)('%s: a corrupted byte gives commits or a LogParseError, never another exception', (form) => {
    fc.assert(
      fc.property(history.filter((h) => h.length > 0), fc.nat(), fc.constantFrom(...SPECIAL, 0, 0x67), fc.constantFrom('replace', 'insert', 'delete'), cuts, (commits, n, byte, how, at) => {
        const whole = gitLog(commits, form);
        const i = n % whole.length;
        const tail = whole.subarray(how === 'replace' || how === 'delete' ? i + 1 : i);
        const bad = Buffer.concat([whole.subarray(0, i), how === 'delete' ? Buffer.alloc(0) : Buffer.from([byte]), tail]);
        parsesOrRejects(() => parseLog(chunk(bad, at)), [LogParseError]);
      }),
      runs(500),
    );
  });

  it('garbage gives commits or a LogParseError, never another exception', () => {
    const fragment = fc.oneof(
      bytes([], 0, 16),
      fc.constantFrom('\0', '\n', `${SHA}\0`, `\n${SHA}\0`, '123\0', '99999999999999999999\0', 'n\0e\0c\0m\0Acked-by: x\n\0s\0', '\n1\t2\tp\0', '-\t-\t\0', ':1 2 a b R100\0', ':x\0', ': \0', '\t\t\0').map(b),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 20 }), cuts, (parts, at) => {
        parsesOrRejects(() => parseLog(chunk(Buffer.concat(parts), at)), [LogParseError]);
      }),
      runs(1000),
    );
  });
});

// ----------------------------------------------------- git diff-tree --stdin -z -r -M --numstat

interface GenPair {
  key: string;
  files: Array<Omit<GenChange, 'status' | 'modes' | 'oids'>>;
}

const pair: fc.Arbitrary<GenPair> = fc.record({
  key: fc.tuple(oid, oid).map(([x, y]) => `${x} ${y}`),
  // git prints a pair's header line even when its diff is empty (distinct trees can differ
  // in nothing -r shows, such as an empty subtree).
  files: fc.array(change, { maxLength: 4 }),
});

/** `<tree> <tree>\n` per input line, then the pair's NUL-ended numstat records. */
function diffTree(pairs: GenPair[]): Buffer {
  return Buffer.concat(pairs.flatMap((p) => [b(`${p.key}\n`), ...p.files.map(numstat)]));
}

function parsePairs(chunks: Buffer[]) {
  const got: Array<{ key: string; files: ReturnType<typeof plainFile>[] }> = [];
  const p = new PairDiffParser((key, files) => got.push({ key, files: files.map(plainFile) }));
  for (const c of chunks) p.push(c);
  p.end();
  return got;
}

const expectedPairs = (pairs: GenPair[]) =>
  pairs.map((p) => ({ key: p.key, files: p.files.map((f) => ({ added: f.added, removed: f.removed, binary: f.binary, path: hex(f.path), from: f.from ? hex(f.from) : null, status: null })) }));

describe('PairDiffParser on git diff-tree --stdin output with arbitrary bytes', () => {
  it('every pair with its records, byte for byte, however the output is split', () => {
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 5 }), cuts, (pairs, at) => {
        expect(parsePairs(chunk(diffTree(pairs), at))).toEqual(expectedPairs(pairs));
      }),
      runs(300),
    );
  });

  it('output cut short, corrupted or garbage: pairs or a GitError, never another exception', () => {
    const input = fc.oneof(
      fc.tuple(fc.array(pair, { minLength: 1, maxLength: 4 }), fc.nat()).map(([pairs, n]) => {
        const whole = diffTree(pairs);
        return whole.subarray(0, n % whole.length);
      }),
      fc.tuple(fc.array(pair, { minLength: 1, maxLength: 4 }), fc.nat(), fc.constantFrom(...SPECIAL, 0)).map(([pairs, n, x]) => {
        const bad = Buffer.from(diffTree(pairs));
        bad[n % bad.length] = x;
        return bad;
      }),
      fc.array(fc.oneof(bytes([], 0, 16), fc.constantFrom(`${SHA} ${SHA}\n`, '\0', '1\t2\t\0', '-\t-\tx\0').map(b)), { maxLength: 12 }).map((ps) => Buffer.concat(ps)),
    );
    fc.assert(
      fc.property(input, cuts, (out, at) => {
        parsesOrRejects(() => parsePairs(chunk(out, at)));
      }),
      runs(500),
    );
  });
});

describe('parseBatchCheck on cat-file --batch-check answers for kstat names', () => {
  it('one entry per line: the object, or null where git says missing', () => {
    const line = fc.oneof(
      fc.record({ oid, type: fc.constantFrom('tree', 'blob', 'commit'), size: fc.nat() }).map((o) => ({ line: `${o.oid} ${o.type} ${o.size}`, want: { oid: o.oid, type: o.type } })),
      // git echoes the name kstat asked for: `<sha>^:<path>` or `<sha>:<path>`, a path without newline.
      fc.tuple(oid, fc.constantFrom('^:', ':'), bytes([LF])).map(([sha, sep, p]) => ({ line: `${sha}${sep}${p.toString('latin1')} missing`, want: null })),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        expect(parseBatchCheck(lines.map((l) => `${l.line}\n`).join(''))).toEqual(lines.map((l) => l.want));
      }),
      runs(300),
    );
  });
});

// ------------------------------------------------------------ ls-tree -r -z and cat-file --batch

const treeEntry = fc.record({
  mode: fc.constantFrom('100644', '100755', '120000', '160000', '040000'),
  type: fc.constantFrom('blob', 'tree', 'commit'),
  oid,
  path: pathBytes,
});

const lsTree = (entries: Array<{ mode: string; type: string; oid: string; path: Buffer }>) =>
  Buffer.concat(entries.flatMap((e) => [b(`${e.mode} ${e.type} ${e.oid}\t`), e.path, b('\0')]));

function parseTree(chunks: Buffer[]) {
  const got: TreeEntry[] = [];
  const p = new TreeParser((e) => got.push(e));
  for (const c of chunks) p.push(c);
  p.end();
  return got.map((e) => ({ ...e, path: hex(e.path) }));
}

/** The line count of docs/signals.md: newlines, plus one for a last line without one; 0 for a binary blob. */
function referenceLines(body: Buffer): { binary: boolean; lines: number } {
  if (body.subarray(0, 8000).includes(0)) return { binary: true, lines: 0 };
  let n = 0;
  for (const x of body) if (x === LF) n++;
  return { binary: false, lines: n + (body.length > 0 && body[body.length - 1] !== LF ? 1 : 0) };
}

// Blob contents: short arbitrary bytes, or a run of text that puts them around the 8,000-byte
// boundary of git's binary probe.
const blobBody = fc.oneof(
  { weight: 3, arbitrary: bytes([], 0, 40) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: BINARY_PROBE - 6, max: BINARY_PROBE + 2 }), fc.boolean(), fc.array(fc.constantFrom(NUL, LF, 0x61, 0xff), { maxLength: 12 }))
      .map(([n, lines, rest]) => Buffer.concat([Buffer.from(lines ? 'x\n'.repeat(n / 2) + (n % 2 ? 'y' : '') : 'z'.repeat(n)), Buffer.from(rest)])),
  },
);

const catFile = (blobs: Array<{ oid: string; body: Buffer }>) =>
  Buffer.concat(blobs.flatMap(({ oid: o, body }) => [b(`${o} blob ${body.length}\n`), body, b('\n')]));

function countBatch(chunks: Buffer[]): BlobLines[] {
  const got: BlobLines[] = [];
  const c = new BatchLineCounter((x) => got.push(x));
  for (const ch of chunks) c.push(ch);
  c.end();
  return got;
}

describe('TreeParser on ls-tree -r -z output with arbitrary path bytes', () => {
  it('every entry back, byte for byte, however the output is split', () => {
    fc.assert(
      fc.property(fc.array(treeEntry, { maxLength: 8 }), cuts, (entries, at) => {
        expect(parseTree(chunk(lsTree(entries), at))).toEqual(entries.map((e) => ({ ...e, path: hex(e.path) })));
      }),
      runs(300),
    );
  });

  it('output cut short, corrupted or garbage: entries or a GitError, never another exception', () => {
    const input = fc.oneof(
      fc.tuple(fc.array(treeEntry, { minLength: 1, maxLength: 4 }), fc.nat()).map(([es, n]) => lsTree(es).subarray(0, n % lsTree(es).length)),
      fc.tuple(fc.array(treeEntry, { minLength: 1, maxLength: 4 }), fc.nat(), fc.constantFrom(...SPECIAL, 0)).map(([es, n, x]) => {
        const bad = Buffer.from(lsTree(es));
        bad[n % bad.length] = x;
        return bad;
      }),
      fc.array(fc.oneof(bytes([], 0, 16), fc.constantFrom(' ', '\t', '\0', '100644 blob x\t').map(b)), { maxLength: 12 }).map((ps) => Buffer.concat(ps)),
    );
    fc.assert(
      fc.property(input, cuts, (out, at) => {
        parsesOrRejects(() => parseTree(chunk(out, at)));
      }),
      runs(500),
    );
  });
});

describe('BatchLineCounter on cat-file --batch output with arbitrary blob bytes', () => {
  it('counts every blob as the reference does, however the output is split', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ oid, body: blobBody }), { maxLength: 5 }), cuts, (blobs, at) => {
        expect(countBatch(chunk(catFile(blobs), at))).toEqual(blobs.map(({ oid: o, body }) => ({ oid: o, ...referenceLines(body) })));
      }),
      runs(200),
    );
  });

  it('output cut short, corrupted or garbage: counts or a GitError, never another exception', () => {
    const blobs = fc.array(fc.record({ oid, body: bytes([], 0, 30) }), { minLength: 1, maxLength: 4 });
    const input = fc.oneof(
      fc.tuple(blobs, fc.nat()).map(([bs, n]) => catFile(bs).subarray(0, n % catFile(bs).length)),
      fc.tuple(blobs, fc.nat(), fc.constantFrom(...SPECIAL, 0)).map(([bs, n, x]) => {
        const bad = Buffer.from(catFile(bs));
        bad[n % bad.length] = x;
        return bad;
      }),
      fc.array(fc.oneof(bytes([], 0, 16), fc.constantFrom(' blob 3\n', ' blob -1\n', ' blob 1e3\n', ' blob\n', ' missing\n', ' ambiguous\n', '\n').map(b)), { maxLength: 12 }).map((ps) => Buffer.concat(ps)),
      // Header lines whose object name is any bytes (but the newline that ends the line).
      fc
        .array(fc.tuple(bytes([LF], 0, 12), fc.constantFrom(' blob 2\nab\n', ' missing\n', ' ambiguous\n', ' tree 0\n\n')), { minLength: 1, maxLength: 4 })
        .map((ls) => Buffer.concat(ls.flatMap(([name, rest]) => [name, b(rest)]))),
    );
    fc.assert(
      fc.property(input, cuts, (out, at) => {
        // A missing or ambiguous object is reported as damage, with its own exit code.
        parsesOrRejects(() => countBatch(chunk(out, at)), [GitError, DamagedRepositoryError]);
      }),
      runs(500),
    );
  });

  it('a cut at any point but an object boundary is rejected', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ oid, body: bytes([], 0, 30) }), { minLength: 1, maxLength: 4 }), fc.nat(), (bs, n) => {
        const whole = catFile(bs);
        const ends = bs.reduce<number[]>((acc, x) => [...acc, (acc.at(-1) ?? 0) + catFile([x]).length], [0]);
        const at = n % whole.length;
        if (ends.includes(at)) expect(countBatch([whole.subarray(0, at)])).toHaveLength(ends.indexOf(at));
        else expect(() => countBatch([whole.subarray(0, at)])).toThrow(/ended inside an object|no newline after an object/);
      }),
      runs(300),
    );
  });
});

// ---------------------------------------------------------------------------- renderers

const loaded = Object.fromEntries(await Promise.all(FORMATS.map(async (f) => [f, await renderers[f]()] as const))) as Record<(typeof FORMATS)[number], Renderer>;

/** A string as it reaches a renderer: decoded from bytes, so a lone surrogate is already U+FFFD. */
const decoded = (s: string) => Buffer.from(s, 'utf8').toString('utf8');
const HOSTILE = ['\x1b[31m', '\x1b]0;title\x07', '\x9b2J', '\r', '\n', '\t', '\x00', '\x7f', '\u0085', '\u202e', '\u200f', '\u2028', '\ud83d\ude00', '\u{1f468}\u200d\u{1f469}', '"', ',', "'", '=', '+', '-', '@', '\\', '\ud800', '\udfff', '\ufffd'];
const text = fc
  .oneof(
    { weight: 3, arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 20 }) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 30 }).map((u) => Buffer.from(u).toString('utf8')) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...'=+-@\t\r\''), fc.string({ maxLength: 10 })).map(([x, s]) => x + s) },
    // Long, but not huge: string-width's emoji pattern is slow on long runs of astral code
    // points, and the run must stay short.
    { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.integer({ min: 50, max: 250 })).map(([s, n]) => s.repeat(n)) },
  )
  .map(decoded);

/** A top author and a top domain: names from whoever commits, figures up to a busy tree's. */
const person = fc.record({
  name: text,
  email: text,
  domain: text,
  figures: fc.array(fc.nat(2_000_000), { minLength: 5, maxLength: 5 }),
  share: fc.double({ min: 0, max: 1, noNaN: true }),
});
const report: fc.Arbitrary<PathReport> = fc
  .record({
    path: text,
    subject: text,
    last: fc.boolean(),
    substantiveSubject: text,
    lastSubstantive: fc.boolean(),
    warnings: fc.array(text, { maxLength: 3 }),
    figures: fc.array(fc.nat(2_000_000), { minLength: 16, maxLength: 16 }),
    commits: fc.array(fc.nat(50), { minLength: 3, maxLength: 3 }),
    people: fc.array(person, { maxLength: 3 }),
  })
  .map(({ path, subject, last, substantiveSubject, lastSubstantive, warnings, figures: f, commits: monthly, people }) => {
    const [files, lines, commits, added, removed, authors, substantive_commits, sweep_commits, substantive_added, substantive_removed, substantive_authors] = f;
    const [absence_factor, substantive_absence_factor, elephant_factor, substantive_elephant_factor, substantive_active_months] = f.slice(11);
    const at = { first: SAMPLE_LAST_COMMIT.date, last: SAMPLE_LAST_COMMIT.date };
    return sampleReport(path, {
      files, lines, commits, added, removed, authors, last_commit: last ? { ...SAMPLE_LAST_COMMIT, subject } : null, warnings,
      substantive_commits, sweep_commits, substantive_added, substantive_removed, substantive_authors,
      absence_factor, substantive_absence_factor, elephant_factor, substantive_elephant_factor, substantive_active_months,
      last_substantive_commit: lastSubstantive ? { ...SAMPLE_LAST_COMMIT, subject: substantiveSubject } : null,
      top_authors: people.map(({ name, email, figures: [c, a, r, sub], share }) => ({ name, email, commits: c!, added: a!, removed: r!, share, ...at, substantive_commits: sub! })),
      top_domains: people.map(({ domain, figures: [c, a, r, sub, n], share }) => ({ domain, authors: n!, commits: c!, added: a!, removed: r!, share, ...at, substantive_commits: sub! })),
    } as Partial<PathReport>, monthly);
  });
const failure: fc.Arbitrary<PathResult> = fc.record({ path: text, code: text, message: text }).map(({ path, code, message }) => sampleFailure(path, code, message));
const reports = fc.array(fc.oneof({ weight: 3, arbitrary: report as fc.Arbitrary<PathResult> }, { weight: 1, arbitrary: failure }), { maxLength: 3 });
/** Render options: colour or not, one path or several asked, a pipe or a terminal of 20 to 200 columns. */
const options = fc.record({
  color: fc.boolean(),
  many: fc.boolean(),
  width: fc.oneof(fc.constant(Infinity), fc.integer({ min: 20, max: 200 })),
});
const PIPE = { color: false, many: true, width: Infinity };

/** RFC 4180 with LF record ends, strictly: quoted fields may hold anything, bare ones no quote or CR. */
function readCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < csv.length) {
    let field = '';
    if (csv[i] === '"') {
      for (i++; ; i++) {
        if (i >= csv.length) throw new Error('unterminated quoted field');
        if (csv[i] === '"') {
          if (csv[i + 1] !== '"') break;
          i++;
        }
        field += csv[i];
      }
      i++;
    } else {
      while (i < csv.length && csv[i] !== ',' && csv[i] !== '\n') {
        if (csv[i] === '"' || csv[i] === '\r') throw new Error(`bare ${JSON.stringify(csv[i])} at ${i}`);
        field += csv[i++];
      }
    }
    row.push(field);
    if (csv[i] === ',') i++;
    else if (csv[i] === '\n') {
      rows.push(row);
      row = [];
      i++;
    } else throw new Error(`expected , or LF after a field at ${i}`);
  }
  if (row.length > 0) throw new Error('last record has no LF');
  return rows;
}

/** The spreadsheet formula guard: one leading apostrophe on text that starts like a formula (or with one). */
const guarded = (s: string) => (/^[=+\-@\t\r']/.test(s) ? `'${s}` : s);

/** Control and bidi characters as the terminal renderers show them: `\n`, `\t`, `\r`, `\xHH`, else `\uHHHH`. */
const shown = (s: string) =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return ({ '\n': '\\n', '\t': '\\t', '\r': '\\r' })[ch] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
  });

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
/** Bidirectional embeddings, overrides, isolates and marks: they reorder what a terminal shows. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

describe('renderers with arbitrary paths, subjects, warnings and failures', () => {
  it('every renderer, with any options: never throws, and writes well-formed UTF-8', () => {
    expect(FORMATS).toEqual(['text', 'table', 'json', 'ndjson', 'csv', 'markdown']);
    fc.assert(
      fc.property(reports, options, (rs, opts) => {
        for (const f of FORMATS) {
          const out = loaded[f](rs, opts);
          // No lone surrogate (with /u a pair is one code point, which \p{Cs} does not match).
          expect(out).not.toMatch(/\p{Cs}/u);
          expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
        }
      }),
      runs(150),
    );
  });

  it('json and ndjson parse back to the very results; json is an array whenever several paths could be asked', () => {
    fc.assert(
      fc.property(reports, fc.boolean(), (rs, many) => {
        expect(JSON.parse(loaded.json(rs, { ...PIPE, many }))).toEqual(!many && rs.length === 1 ? rs[0] : rs);
        const lines = loaded.ndjson(rs, { ...PIPE, many }).split('\n');
        expect(lines.pop()).toBe('');
        expect(lines.map((l) => JSON.parse(l))).toEqual(rs);
      }),
      runs(150),
    );
  });

  const REVIEW_CSV = [
    'reviewed_or_acked_commits', 'reviewed_share',
    ...['signed_off_by', 'reviewed_by', 'acked_by', 'tested_by', 'reported_by', 'co_developed_by'].flatMap((k) => [`${k}_commits`, `${k}_people`]),
    'fixes_commits', 'stable_commits', 'revert_commits', 'substantive_reviewed_or_acked_commits', 'substantive_reviewed_share', 'maintainer_coverage',
  ];
  const reviewCells = (r: PathReport): string[] => {
    const { all, substantive } = r.review;
    const share = (s: number | null) => (s === null ? '' : String(s));
    return [
      String(all.reviewed_or_acked.commits), share(all.reviewed_or_acked.share),
      ...[all.signed_off_by, all.reviewed_by, all.acked_by, all.tested_by, all.reported_by, all.co_developed_by].flatMap((t) => [String(t.commits), String(t.people)]),
      ...[all.fixes, all.stable, all.reverts].map((m) => String(m.commits)),
      String(substantive.reviewed_or_acked.commits), share(substantive.reviewed_or_acked.share), share(r.maintainer_coverage),
    ];
  };

  it('csv: one header and one record per result, fields exact after the formula guard', () => {
    fc.assert(
      fc.property(reports, (rs) => {
        const rows = readCsv(loaded.csv(rs, PIPE));
        expect(rows).toHaveLength(1 + rs.length);
        expect(rows[0]![0]).toBe('path');
        const warnings = rows[0]!.indexOf('warnings');
        const revision = rows[0]!.indexOf('revision');
        // `error` closes the first columns; the figures added later follow it.
        const error = rows[0]!.indexOf('error');
        expect(rows[0]!.slice(error + 1)).toEqual([
          'substantive_commits', 'sweep_commits', 'substantive_added', 'substantive_removed', 'substantive_authors', 'absence_factor',
          'substantive_absence_factor', 'elephant_factor', 'substantive_elephant_factor', 'substantive_active_months', 'last_substantive_commit_date', 'last_substantive_commit_sha',
          'section', 'status', 'maintainer_idle_months',
          ...REVIEW_CSV,
          'defconfigs', 'build_gates',
          'releases_changed', 'releases_considered', 'first_release', 'last_release',
        ]);
        rows.slice(1).forEach((row, i) => {
          const r = rs[i]!;
          expect(row).toHaveLength(rows[0]!.length);
          expect(row[0]).toBe(guarded(r.path));
          if (isFailure(r)) {
            expect(row.filter((_, k) => k !== 0 && k !== error).every((f) => f === '')).toBe(true);
            expect(row[error]).toBe(guarded(`${r.error.code}: ${r.error.message}`));
          } else {
            expect(row[1]).toBe(String(r.files));
            expect(row[warnings]).toBe(guarded(r.warnings.join('; ')));
            expect(row[revision]).toBe(guarded(r.revision.name));
            expect(row[error]).toBe('');
            expect(row.slice(error + 1)).toEqual([
              ...[r.substantive_commits, r.sweep_commits, r.substantive_added, r.substantive_removed, r.substantive_authors, r.absence_factor].map(String),
              ...[r.substantive_absence_factor, r.elephant_factor, r.substantive_elephant_factor, r.substantive_active_months].map(String),
              r.last_substantive_commit?.date ?? '', r.last_substantive_commit?.sha ?? '',
              // The sample reports have no MAINTAINERS section.
              '', '', '',
              ...reviewCells(r),
              r.defconfigs === null ? '' : String(r.defconfigs), r.build_switches.filter((s) => s.from === 'parent').map((s) => s.symbol).join(' '),
              ...(r.releases ? [String(r.releases.changed), String(r.releases.considered), guarded(r.releases.first ?? ''), guarded(r.releases.last ?? '')] : ['', '', '', '']),
            ]);
          }
          // Nothing a spreadsheet would evaluate is left at the start of a free-text field.
          for (const field of [row[0]!, row[warnings]!, row[revision]!, row[error]!]) expect(field).not.toMatch(/^[=+\-@\t\r]/);
        });
      }),
      runs(150),
    );
  });

  it.each(['text', 'table'] as const)('%s: no control or bidi character from a name or message reaches the terminal, and no line is wider than asked', (f) => {
    fc.assert(
      fc.property(reports, options, (rs, opts) => {
        const out = loaded[f](rs, opts);
        // With colour, chalk's own SGR sequences are the only escapes.
        const bare = opts.color ? out.replace(SGR, '') : out;
        expect(bare).not.toMatch(CONTROL);
        expect(bare).not.toMatch(BIDI);
        for (const line of out.split('\n')) expect(columns(line)).toBeLessThanOrEqual(opts.width);
      }),
      runs(150),
    );
  });

  it.each(['text', 'table'] as const)('%s in a pipe: a name or message cannot add a line or a row', (f) => {
    fc.assert(
      fc.property(reports, (rs) => {
        const lines = loaded[f](rs, PIPE).split('\n');
        const errors = rs.filter(isFailure).map((r) => `error: ${shown(r.path)}: ${shown(r.error.message)}`);
        const warnings = rs.flatMap((r) => (isFailure(r) ? [] : r.warnings.map((w) => (f === 'text' ? `warning: ${shown(w)}` : `warning: ${shown(r.path)}: ${shown(w)}`))));
        if (f === 'table') {
          // One line per row, then the summary, the errors and the warnings.
          expect(lines).toHaveLength(2 + rs.length + 1 + errors.length + warnings.length + 1);
          rs.forEach((r, i) => expect(lines[2 + i]!.startsWith(shown(r.path))).toBe(true));
          expect(lines.slice(-1 - errors.length - warnings.length, -1)).toEqual([...errors, ...warnings]);
        } else {
          // Each block has as many lines as it has with plain names: a name cannot add a line.
          const plain = (r: PathResult) =>
            isFailure(r)
              ? 'error: p: m\n'
              : loaded.text(
                  [{
                    ...r, path: 'p', warnings: r.warnings.map(() => 'w'), last_commit: r.last_commit && { ...r.last_commit, subject: 's' },
                    last_substantive_commit: r.last_substantive_commit && { ...r.last_substantive_commit, subject: 's' },
                    top_authors: r.top_authors.map((a) => ({ ...a, name: 'n', email: 'e' })), top_domains: r.top_domains.map((d) => ({ ...d, domain: 'd' })),
                  }],
                  PIPE,
                );
          let start = 0;
          for (const r of rs) {
            expect(lines[start]).toBe(isFailure(r) ? `error: ${shown(r.path)}: ${shown(r.error.message)}` : shown(r.path));
            start += plain(r).split('\n').length;
          }
          expect(lines).toHaveLength(Math.max(1, start));
          for (const r of rs) {
            if (isFailure(r)) continue;
            if (r.last_commit) expect(lines.some((l) => l.startsWith('last commit · ') && l.endsWith(` · ${shown(r.last_commit!.subject)}`))).toBe(true);
            if (r.last_substantive_commit) expect(lines.some((l) => l.startsWith('last substantive · ') && l.endsWith(` · ${shown(r.last_substantive_commit!.subject)}`))).toBe(true);
            // A name is the end of its line, whole in a pipe, however it was spelt.
            for (const a of r.top_authors) expect(lines.some((l) => l.startsWith('  ') && l.endsWith(`  ${a.email ? `${shown(a.name)} <${shown(a.email)}>` : shown(a.name)}`))).toBe(true);
            for (const d of r.top_domains) expect(lines.some((l) => l.startsWith('  ') && l.includes(`  ${d.domain ? shown(d.domain) : '(no domain)'} · `))).toBe(true);
          }
          for (const w of warnings) expect(lines).toContain(w);
        }
      }),
      runs(150),
    );
  });
});

describe('markdown with arbitrary paths, subjects, warnings and failures', () => {
  it('every table row has the header\'s cells: no pipe or line break in a path or message breaks one', () => {
    fc.assert(
      fc.property(reports, (rs) => {
        const lines = loaded.markdown(rs, PIPE).split('\n');
        const rows = lines.filter((l) => l.startsWith('| '));
        const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
        for (const row of rows) expect(cells(row)).toBe(cells(rows[0]!));
        expect(rows).toHaveLength(rs.length + 2);
      }),
      runs(150),
    );
  });
});
