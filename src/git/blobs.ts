// Named files of a revision's tree and their text: one ls-tree over the whole tree keeping the
// entries a question names, and one cat-file --batch for the blobs it then needs.
import { DamagedRepositoryError, GitError } from '../errors.js';
import { streamGit, type GitContext } from './run.js';
import { TreeParser } from './tree.js';

export interface NamedBlob {
  path: string;
  oid: string;
}

export interface TreeFiles {
  /** Every directory of the tree but the top. */
  dirs: Set<string>;
  /** Every other entry: files, symlinks, submodules. */
  files: Set<string>;
  /** The regular files `keep` chooses (symlinks are left out), in git's order. */
  blobs: NamedBlob[];
}

/** The revision's entries, and the regular files `keep` chooses with their object ids, in one ls-tree. */
export async function treeFiles(ctx: GitContext, sha: string, keep: (path: string) => boolean): Promise<TreeFiles> {
  const dirs = new Set<string>();
  const files = new Set<string>();
  const blobs: NamedBlob[] = [];
  const parser = new TreeParser((e) => {
    const path = e.path.toString('utf8');
    if (e.type === 'tree') {
      dirs.add(path);
      return;
    }
    files.add(path);
    if (e.type === 'blob' && e.mode !== '120000' && keep(path)) blobs.push({ path, oid: e.oid });
  });
  await streamGit(ctx, ['ls-tree', '-r', '-t', '-z', '--full-tree', sha], (c) => parser.push(c));
  parser.end();
  return { dirs, files, blobs };
}

/** Each blob's text (UTF-8), by object id, from one `git cat-file --batch`. */
export async function blobTexts(ctx: GitContext, oids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(oids)];
  if (unique.length === 0) return out;
  const chunks: Buffer[] = [];
  await streamGit(ctx, ['cat-file', '--batch', '--buffer'], (c) => void chunks.push(c), { input: `${unique.join('\n')}\n` });
  const all = Buffer.concat(chunks);
  let pos = 0;
  while (pos < all.length) {
    const nl = all.indexOf(10, pos);
    if (nl === -1) throw new GitError('git cat-file output ended inside a header');
    const header = all.toString('latin1', pos, nl);
    const [oid = '', type, size] = header.split(' ');
    if ((type === 'missing' || type === 'ambiguous') && /^[0-9a-f]{40,64}$/.test(oid)) throw new DamagedRepositoryError(oid, `git cat-file reports it ${type}`);
    const n = Number(size);
    if (!type || !Number.isInteger(n) || n < 0 || nl + 1 + n + 1 > all.length) throw new GitError(`unexpected git cat-file header: ${JSON.stringify(header)}`);
    out.set(oid, all.toString('utf8', nl + 1, nl + 1 + n));
    pos = nl + 1 + n + 1;
  }
  return out;
}
