// Named files of a revision's tree and their text, read narrowly: ls-tree over exact paths, cat-file
// --batch for the blobs, and git grep where a question names files anywhere in the tree (a glob).
import { DamagedRepositoryError, GitError, GitFailure } from '../errors.js';
import { NulSplitter } from './nul-split.js';
import { runGit, streamGit, type GitContext } from './run.js';
import { TreeParser, type TreeEntry } from './tree.js';

/** argv stays well below every system's limit. */
const CHUNK = 2000;

/** The type and id of each object named `rev:path` (or any name cat-file takes), in order; null for a name the revision does not hold. */
export async function objectTypes(ctx: GitContext, names: readonly string[]): Promise<Array<{ oid: string; type: string } | null>> {
  if (names.length === 0) return [];
  const out = await runGit(ctx, ['cat-file', '--batch-check', '--buffer'], { input: `${names.join('\n')}\n` });
  const lines = out.toString('utf8').split('\n');
  return names.map((name, i) => {
    const line = lines[i] ?? '';
    const m = /^([0-9a-f]{40,64}) ([a-z]+) \d+$/.exec(line);
    if (m) return { oid: m[1]!, type: m[2]! };
    if (line.endsWith(' missing')) return null;
    throw new GitError(`unexpected git cat-file answer for ${JSON.stringify(name)}: ${JSON.stringify(line)}`);
  });
}

/**
 * The children of the directories named `dir/` in the tree of `sha` (ls-tree, not recursive),
 * by path as git prints it, decoded as UTF-8.
 */
export async function treeEntries(ctx: GitContext, sha: string, pathspecs: readonly string[]): Promise<Map<string, TreeEntry>> {
  const out = new Map<string, TreeEntry>();
  const unique = [...new Set(pathspecs)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const parser = new TreeParser((e) => out.set(e.path.toString('utf8'), e));
    await streamGit(ctx, ['ls-tree', '-z', '--full-tree', sha, '--', ...unique.slice(i, i + CHUNK)], (c) => parser.push(c));
    parser.end();
  }
  return out;
}

/** Each named object's text (UTF-8), in the order named (object ids, or `rev:path`), from one `git cat-file --batch`. */
export async function blobTexts(ctx: GitContext, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const chunks: Buffer[] = [];
  await streamGit(ctx, ['cat-file', '--batch', '--buffer'], (c) => void chunks.push(c), { input: `${names.join('\n')}\n` });
  const all = Buffer.concat(chunks);
  const out: string[] = [];
  let pos = 0;
  while (pos < all.length) {
    const nl = all.indexOf(10, pos);
    if (nl === -1) throw new GitError('git cat-file output ended inside a header');
    const header = all.toString('latin1', pos, nl);
    const [oid = '', type, size] = header.split(' ');
    if (type === 'missing' || type === 'ambiguous') {
      if (/^[0-9a-f]{40,64}$/.test(oid)) throw new DamagedRepositoryError(oid, `git cat-file reports it ${type}`);
      throw new GitError(`git cat-file cannot find ${JSON.stringify(names[out.length] ?? oid)}`);
    }
    const n = Number(size);
    if (!type || !Number.isInteger(n) || n < 0 || nl + 1 + n + 1 > all.length) throw new GitError(`unexpected git cat-file header: ${JSON.stringify(header)}`);
    out.push(all.toString('utf8', nl + 1, nl + 1 + n));
    pos = nl + 1 + n + 1;
  }
  if (out.length !== names.length) throw new GitError(`git cat-file answered ${out.length} of ${names.length} objects`);
  return out;
}

/**
 * git grep's settings that would change its output's shape are fixed; patterns are extended
 * regular expressions, and the revision's blobs are read, never the work tree.
 */
const GREP = ['grep', '--no-color', '--no-line-number', '--no-column', '--full-name', '-z', '-I', '-E'];

/** `-z` output: `rev:path\0` per file (with -l), or `rev:path\0line\n` per matching line. */
function grepRecords(sha: string, onRecord: (path: string, line: string | null) => void, listOnly: boolean): { push(c: Buffer): void; end(): void } {
  const prefix = `${sha}:`;
  const strip = (name: string): string => (name.startsWith(prefix) ? name.slice(prefix.length) : name);
  if (listOnly) {
    const split = new NulSplitter((rec) => onRecord(strip(rec.toString('utf8')), null));
    return { push: (c) => split.push(c), end: () => void (split.tail() && onRecord(strip(split.tail()!.toString('utf8')), null)) };
  }
  // A line is `name\0text\n`: NUL ends the name, the newline the text.
  let rest = Buffer.alloc(0);
  return {
    push(c: Buffer) {
      let buf = rest.length > 0 ? Buffer.concat([rest, c]) : c;
      for (;;) {
        const nul = buf.indexOf(0);
        const nl = nul === -1 ? -1 : buf.indexOf(10, nul + 1);
        if (nl === -1) break;
        onRecord(strip(buf.toString('utf8', 0, nul)), buf.toString('utf8', nul + 1, nl));
        buf = buf.subarray(nl + 1);
      }
      rest = Buffer.from(buf);
    },
    end() {
      if (rest.length > 0) throw new GitError('git grep output ended inside a line');
    },
  };
}

/**
 * The files of the tree of `sha` under the pathspecs that hold a line matching any of `patterns`
 * (with `listOnly`), or each matching line with its file. `magic`: the pathspecs carry their own
 * (`:(glob)…`); otherwise they are literal, as every kstat pathspec is.
 */
export async function grepTree(ctx: GitContext, sha: string, patterns: readonly string[], pathspecs: readonly string[], opts: { listOnly: boolean; magic: boolean }): Promise<Array<{ path: string; line: string | null }>> {
  const out: Array<{ path: string; line: string | null }> = [];
  if (patterns.length === 0) return out;
  for (let i = 0; i < pathspecs.length; i += CHUNK) {
    const reader = grepRecords(sha, (path, line) => out.push({ path, line }), opts.listOnly);
    const args = [...GREP, ...(opts.listOnly ? ['-l'] : []), ...patterns.flatMap((p) => ['-e', p]), sha, '--', ...pathspecs.slice(i, i + CHUNK)];
    try {
      await streamGit(ctx, args, (c) => reader.push(c), { magic: opts.magic });
    } catch (e) {
      // git grep exits 1, silently, when nothing matches: an answer, not a failure.
      if (!(e instanceof GitFailure && e.code === 1 && e.stderr.trim() === '')) throw e;
    }
    reader.end();
  }
  return out;
}
