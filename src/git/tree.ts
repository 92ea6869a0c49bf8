// `files` and `lines`: the revision's tree under a path, read with ls-tree and cat-file --batch.
import { DamagedRepositoryError, GitError } from '../errors.js';
import { NulSplitter } from './nul-split.js';
import { runGit, streamGit, type GitContext } from './run.js';

export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  path: Buffer;
}

/** Parses `git ls-tree -r -z` records: `<mode> <type> <oid>\t<path>\0`. */
export class TreeParser {
  private readonly records: NulSplitter;
  constructor(onEntry: (e: TreeEntry) => void) {
    this.records = new NulSplitter((rec) => onEntry(parseTreeEntry(rec)));
  }

  push(chunk: Buffer): void {
    this.records.push(chunk);
  }

  end(): void {
    const rest = this.records.tail();
    if (rest) throw new GitError(`unexpected end of git ls-tree output: ${JSON.stringify(rest.toString('latin1'))}`);
  }
}

export function parseTreeEntry(rec: Buffer): TreeEntry {
  const tab = rec.indexOf(9);
  const [mode, type, oid] = tab > 0 ? rec.subarray(0, tab).toString('latin1').split(' ') : [];
  if (!mode || !type || !oid) throw new GitError(`unexpected git ls-tree record: ${JSON.stringify(rec.toString('latin1'))}`);
  return { mode, type, oid, path: Buffer.from(rec.subarray(tab + 1)) };
}

/** git's rule: a blob is binary when its first 8,000 bytes hold a NUL. */
export const BINARY_PROBE = 8000;

export interface BlobLines {
  oid: string;
  binary: boolean;
  lines: number;
}

/**
 * Parses `git cat-file --batch` output object by object without holding a whole blob:
 * `<oid> <type> <size>\n<content>\n`, or `<oid> missing\n`.
 */
export class BatchLineCounter {
  private header: Buffer | null = null;
  private oid = '';
  private remaining = -1; // bytes of content still to read; -1 while reading a header
  private seen = 0;
  private newlines = 0;
  private binary = false;
  private lastByte = -1;
  private trailer = false; // the newline after the content

  constructor(private readonly onBlob: (b: BlobLines) => void) {}

  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.trailer) {
        if (chunk[pos] !== 10) throw new GitError('unexpected git cat-file output: no newline after an object');
        this.trailer = false;
        pos++;
        continue;
      }
      if (this.remaining < 0) {
        const nl = chunk.indexOf(10, pos);
        if (nl === -1) {
          this.header = this.header ? Buffer.concat([this.header, chunk.subarray(pos)]) : Buffer.from(chunk.subarray(pos));
          return;
        }
        const part = chunk.subarray(pos, nl);
        this.startObject((this.header ? Buffer.concat([this.header, part]) : part).toString('latin1'));
        this.header = null;
        pos = nl + 1;
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - pos);
      this.count(chunk, pos, pos + take);
      pos += take;
      this.remaining -= take;
      if (this.remaining === 0) this.finishObject();
    }
  }

  end(): void {
    if (this.remaining >= 0 || this.header || this.trailer) throw new GitError('git cat-file output ended inside an object');
  }

  private startObject(line: string): void {
    const [oid = '', type, size] = line.split(' ');
    // git echoes the name it was given, always an object id from ls-tree: any other name is
    // output kstat cannot read (and must not reach the message unquoted).
    if ((type === 'missing' || type === 'ambiguous') && /^[0-9a-f]{40,64}$/.test(oid)) {
      throw new DamagedRepositoryError(oid, `git cat-file reports it ${type}`);
    }
    const n = Number(size);
    if (!type || !Number.isInteger(n) || n < 0) throw new GitError(`unexpected git cat-file header: ${JSON.stringify(line)}`);
    this.oid = oid;
    this.remaining = n;
    this.seen = 0;
    this.newlines = 0;
    this.binary = false;
    this.lastByte = -1;
    if (n === 0) this.finishObject();
  }

  private count(buf: Buffer, from: number, to: number): void {
    if (to <= from) return;
    if (!this.binary && this.seen < BINARY_PROBE && buf.subarray(from, Math.min(to, from + BINARY_PROBE - this.seen)).includes(0)) {
      this.binary = true;
    }
    this.seen += to - from;
    if (!this.binary) {
      for (let i = buf.indexOf(10, from); i !== -1 && i < to; i = buf.indexOf(10, i + 1)) this.newlines++;
    }
    this.lastByte = buf[to - 1]!;
  }

  private finishObject(): void {
    const lines = this.binary ? 0 : this.newlines + (this.seen > 0 && this.lastByte !== 10 ? 1 : 0);
    this.onBlob({ oid: this.oid, binary: this.binary, lines });
    this.remaining = -1;
    this.trailer = true;
  }
}

export interface TreeFigures {
  /** Any entry under the path at all (files, symlinks, submodules): the path exists in the tree. */
  exists: boolean;
  files: number;
  lines: number;
}

const REGULAR = new Set(['100644', '100755']);

/** Asks, as early as the listing can tell, whether the pathspecs hold at least `files` regular files. */
export interface SizeQuestion {
  files: number;
  answer: (atLeast: boolean) => void;
}

/** The paths asked for, and which of them hold a file name as git prints it: a question the layer above answers (signals/paths.ts PathIndex). */
export interface PathMatcher {
  readonly paths: readonly string[];
  match(file: Buffer): number[];
}

/** Blobs' line counts kept from earlier runs (the index): a blob's lines never change. */
export interface LineCache {
  /** The line counts it holds of these blobs. */
  known(oids: readonly string[]): Map<string, number>;
  /** Keeps counts read from git. */
  learn(counts: ReadonlyArray<[string, number]>): void;
}

/**
 * `files` and `lines` of every path of `index`, from one ls-tree over the pathspecs (which must
 * hold every path) and one cat-file that reads each distinct blob once (none the cache knows).
 * `magic`: the pathspecs carry their own magic (a --section's globs and excludes), which ls-tree
 * refuses: the tree is then listed by diff-tree against the empty tree, which reads them as the
 * history walk does.
 */
export async function treeFigures(ctx: GitContext, sha: string, pathspecs: string[], index: PathMatcher, size?: SizeQuestion, magic = false, cache?: LineCache): Promise<TreeFigures[]> {
  const figures = index.paths.map(() => ({ exists: false, files: 0, lines: 0 }));
  // For each blob, the paths that hold a file with it (once per file).
  const holders = new Map<string, number[]>();
  let listed = 0;
  const parser = new TreeParser((e) => {
    const paths = index.match(e.path);
    if (paths.length === 0) return;
    const regular = REGULAR.has(e.mode) && e.type === 'blob';
    for (const p of paths) {
      figures[p]!.exists = true;
      if (regular) figures[p]!.files++;
    }
    if (!regular) return;
    if (++listed === size?.files) size.answer(true);
    const list = holders.get(e.oid);
    if (list) list.push(...paths);
    else holders.set(e.oid, [...paths]);
  });
  const whole = pathspecs.includes('.');
  if (magic) await listWithMagic(ctx, sha, pathspecs, parser);
  else await streamGit(ctx, ['ls-tree', '-r', '-z', '--full-tree', sha, ...(whole ? [] : ['--', ...pathspecs])], (c) => parser.push(c));
  parser.end();
  if (size && listed < size.files) size.answer(false);
  if (holders.size === 0) return figures;

  const count = (oid: string, lines: number): void => {
    for (const p of holders.get(oid) ?? []) figures[p]!.lines += lines;
  };
  const known = cache?.known([...holders.keys()]) ?? new Map<string, number>();
  for (const [oid, lines] of known) count(oid, lines);
  const unknown = [...holders.keys()].filter((oid) => !known.has(oid));
  if (unknown.length === 0) return figures;
  const read: Array<[string, number]> = [];
  const counter = new BatchLineCounter((b) => {
    count(b.oid, b.lines);
    read.push([b.oid, b.lines]);
  });
  await streamGit(ctx, ['cat-file', '--batch', '--buffer'], (c) => counter.push(c), { input: `${unknown.join('\n')}\n` });
  counter.end();
  cache?.learn(read);
  return figures;
}

/**
 * The files of the tree of `sha` that pathspecs with magic select, as `ls-tree -r` records: the
 * tree's raw diff against the empty tree (`:000000 MODE ZERO OID A`, then the name), every file
 * an addition, submodules included.
 */
async function listWithMagic(ctx: GitContext, sha: string, pathspecs: string[], parser: TreeParser): Promise<void> {
  // The empty tree's name in the repository's hash; git knows that tree without storing it.
  const empty = (await runGit(ctx, ['hash-object', '-t', 'tree', '--stdin'], { input: '' })).toString('latin1').trim();
  const at = { header: null as string | null };
  const records = new NulSplitter((tok) => {
    const header = at.header;
    if (header === null) {
      at.header = tok.toString('latin1');
      return;
    }
    at.header = null;
    const [, mode, , oid] = header.split(' ');
    if (!mode || !oid) throw new GitError(`unexpected git diff-tree record: ${JSON.stringify(header)}`);
    const type = mode === '160000' ? 'commit' : 'blob';
    parser.push(Buffer.concat([Buffer.from(`${mode} ${type} ${oid}\t`, 'latin1'), tok, Buffer.from([0])]));
  });
  await streamGit(ctx, ['diff-tree', '-r', '-z', '--raw', '--no-renames', '--ignore-submodules=none', empty, sha, '--', ...pathspecs], (c) => records.push(c), { magic: true });
  if (at.header !== null || records.tail() !== null) throw new GitError('git diff-tree output ended inside a record');
}

/**
 * The directories (trees, not submodules) of the tree of `sha`, at and below `dir` when given, as
 * latin1 views of their names, in git's order. Read as one string: a run asks this before its
 * history walk starts, and a record at a time cost three times the CPU (coreboot's 4,300).
 */
export async function treeDirectoryNames(ctx: GitContext, sha: string, dir?: string): Promise<string[]> {
  // -d -r lists every tree entry below the pathspec, and the pathspec's own entry.
  const out = (await runGit(ctx, ['ls-tree', '-r', '-d', '-z', '--full-tree', sha, ...(dir === undefined ? [] : ['--', dir])])).toString('latin1');
  const names: string[] = [];
  let start = 0;
  for (let end = out.indexOf('\0'); end !== -1; end = out.indexOf('\0', (start = end + 1))) {
    // `<mode> <type> <oid>\t<path>`
    const tab = out.indexOf('\t', start);
    if (tab === -1 || tab > end) throw new GitError(`unexpected git ls-tree record: ${JSON.stringify(out.slice(start, end))}`);
    if (out.startsWith(' tree ', out.indexOf(' ', start))) names.push(out.slice(tab + 1, end));
  }
  if (start < out.length) throw new GitError(`unexpected end of git ls-tree output: ${JSON.stringify(out.slice(start))}`);
  return names;
}

/** Directories exactly `depth` levels below `dir` in the tree of `sha`, sorted as git lists them. */
export async function listDirectories(ctx: GitContext, sha: string, dir: string, depth: number): Promise<{ exists: boolean; dirs: string[] }> {
  const base = dir === '.' ? [] : dir.split('/');
  const dirs: string[] = [];
  let exists = base.length === 0;
  for (const latin1 of await treeDirectoryNames(ctx, sha, base.length === 0 ? undefined : dir)) {
    const name = Buffer.from(latin1, 'latin1').toString('utf8');
    if (name === dir) exists = true;
    else if (name.startsWith(`${dir}/`) || base.length === 0) {
      if (name.split('/').length === base.length + depth) dirs.push(name);
    }
  }
  return { exists, dirs };
}

/** Every directory of the tree of `sha` ('' for the top) with its entries' names and types. */
export type TreeListing = Map<string, Map<string, string>>;

/** The whole tree of `sha`, directories included, in one ls-tree: for questions about what exists. */
export async function treeListing(ctx: GitContext, sha: string): Promise<TreeListing> {
  const listing: TreeListing = new Map([['', new Map()]]);
  const parser = new TreeParser((e) => {
    const path = e.path.toString('utf8');
    const slash = path.lastIndexOf('/');
    const dir = slash === -1 ? '' : path.slice(0, slash);
    let names = listing.get(dir);
    if (!names) listing.set(dir, (names = new Map()));
    names.set(path.slice(slash + 1), e.type);
  });
  await streamGit(ctx, ['ls-tree', '-r', '-t', '-z', '--full-tree', sha], (c) => parser.push(c));
  parser.end();
  return listing;
}
