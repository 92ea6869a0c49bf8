// Building and updating the index's store from history: one walk of the whole tree over all of
// history with the numstat walk's own command and parser, each commit written as it arrives, so
// memory stays that of the walk whatever the history's length.
import { commitsWhole, walkHistory } from '../git/history.js';
import type { CommitRecord } from '../git/log-parser.js';
import { GitError } from '../errors.js';
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
export async function buildStore(ctx: GitContext, sha: string, exclude: string[], file: string, meta: Record<string, string> = {}, onCommit?: (read: number, time: number) => void): Promise<Store> {
  const writer = Store.create(file, { ...meta, tip: sha });
  let read = 0;
  try {
    await walkHistory(ctx, { sha, since: 0, until: Infinity, pathspecs: [], raw: true, exclude }, (c) => {
      writer.add(storedCommit(c));
      onCommit?.(++read, c.time);
    });
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
  const tip = store.meta('tip');
  if (tip === sha) return 0;
  // git's order from the new tip, as the walks list commits (pathspecs filter, never reorder: history.ts).
  const listed = runGit(ctx, ['rev-list', '--no-merges', sha, ...(exclude.length > 0 ? ['--not', ...exclude] : [])]);
  listed.catch(() => {});
  // Meanwhile, what the old tip does not reach (after a fetch, all that is new) is walked.
  const found: StoredCommit[] = [];
  if (tip !== null) {
    try {
      await walkHistory(ctx, { sha, since: 0, until: Infinity, pathspecs: [], raw: true, exclude: [tip, ...exclude] }, (c) => found.push(storedCommit(c)));
    } catch {
      // The old tip is gone (history rewritten, then pruned): every missing commit is asked by name below.
      found.length = 0;
    }
  }
  const order = (await listed).toString('latin1').split('\n').filter(Boolean);
  // Anything else the store lacks (a branch it never saw, a force-push), asked by name.
  const walked = new Set(found.map((c) => c.sha));
  const missing = store.missing(order).filter((c) => !walked.has(c));
  const before = found.length;
  await commitsWhole(ctx, missing, (c) => found.push(storedCommit(c)));
  if (found.length - before !== missing.length) throw new GitError(`git log printed ${found.length - before} of the ${missing.length} commits the index lacks`);
  // Another run may have added them meanwhile (runs at once on a fresh fetch): only what is still
  // missing is added, and the order is written by whichever run comes first.
  return store.transaction(() => {
    if (store.meta('tip') === sha) return 0;
    const absent = new Set(store.missing(found.map((c) => c.sha)));
    const add = store.appender();
    for (const c of found) if (absent.has(c.sha)) add.add(c, null);
    store.reorder(order);
    store.setMeta('tip', sha);
    return absent.size;
  });
}

/**
 * The authors and committers of every commit `sha` reaches, mapped again through the mailmap as
 * git maps them now (`%aN`, the walk's own fields): a changed .mailmap costs one walk that reads
 * commits but no trees. Commits `sha` does not reach are forgotten.
 */
export async function remapStore(ctx: GitContext, store: Store, sha: string, exclude: string[]): Promise<void> {
  const out = await runGit(ctx, ['log', '--no-color', '--encoding=UTF-8', '--no-merges', '--format=%H%x00%aN%x00%aE%x00%cN%x00%cE', sha, ...(exclude.length > 0 ? ['--not', ...exclude] : []), '--']);
  store.transaction(() => {
    store.forgetUnreached();
    const writer = store.appender();
    // An ident line holds no newline: one commit a line.
    for (const line of out.toString('latin1').split('\n')) {
      if (line === '') continue;
      const [commit, an, ae, cn, ce] = line.split('\0');
      if (ce === undefined) throw new GitError(`unexpected git log line: ${JSON.stringify(line.slice(0, 120))}`);
      writer.remap(commit!, an!, ae!, cn!, ce);
    }
  });
}
