// Building and updating the index's store from history: one walk of the whole tree over all of
// history with the numstat walk's own command and parser, each commit written as it arrives, so
// memory stays that of the walk whatever the history's length.
import { commitsWhole, walkHistory } from '../git/history.js';
import type { CommitRecord } from '../git/log-parser.js';
import { runGit, type GitContext } from '../git/run.js';
import { Store, type StoredCommit } from './store.js';

const latin1 = (b: Buffer): string => b.toString('latin1');

/** A walked commit as the store keeps it. */
export function storedCommit(c: CommitRecord): StoredCommit {
  return {
    sha: c.sha,
    time: c.time,
    authorName: latin1(c.authorName),
    authorEmail: latin1(c.authorEmail),
    committerName: latin1(c.committerName),
    committerEmail: latin1(c.committerEmail),
    subject: latin1(c.subject),
    trailers: c.trailers,
    changes: c.files.map((f) => ({
      path: latin1(f.path),
      from: f.from ? latin1(f.from) : null,
      status: f.status ?? 'M',
      added: f.binary ? null : f.added,
      removed: f.binary ? null : f.removed,
      gitlink: f.gitlink === true,
    })),
  };
}

/**
 * The store of every non-merge commit reachable from `sha` (less a shallow clone's cut), written
 * to `file`. No pathspec: commits that change nothing are kept too, so that updates know them.
 */
export async function buildStore(ctx: GitContext, sha: string, exclude: string[], file: string, meta: Record<string, string> = {}): Promise<Store> {
  const writer = Store.create(file, { ...meta, tip: sha });
  try {
    await walkHistory(ctx, { sha, since: 0, until: 2 ** 34, pathspecs: [], raw: true, exclude }, (c) => writer.add(storedCommit(c)));
  } catch (e) {
    writer.abort();
    throw e;
  }
  return writer.finish();
}

/**
 * Brings the store to `sha`: the commits it reaches that the store lacks (new ones after a fetch,
 * another branch's) are walked and added, and every commit gets its place in git's order from
 * `sha` (those `sha` does not reach, after a force-push, get none). How many were added.
 */
export async function syncStore(ctx: GitContext, store: Store, sha: string, exclude: string[]): Promise<number> {
  if (store.meta('tip') === sha) return 0;
  // git's order from the new tip, as the walks list commits (pathspecs filter, never reorder: history.ts).
  const out = await runGit(ctx, ['rev-list', '--no-merges', sha, ...(exclude.length > 0 ? ['--not', ...exclude] : [])]);
  const order = out.toString('latin1').split('\n').filter(Boolean);
  const missing = store.missing(order);
  const found: StoredCommit[] = [];
  await commitsWhole(ctx, missing, (c) => found.push(storedCommit(c)));
  store.transaction(() => {
    const add = store.appender();
    for (const c of found) add.add(c, null);
    store.reorder(order);
    store.setMeta('tip', sha);
  });
  return found.length;
}
