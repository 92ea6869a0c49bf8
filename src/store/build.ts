// Building and updating the index's store from history: one walk of the whole tree over all of
// history with the numstat walk's own command and parser, each commit written as it arrives, so
// memory stays that of the walk whatever the history's length.
import { commitsWhole, revisions, walkHistory } from '../git/history.js';
import type { CommitRecord } from '../git/log-parser.js';
import { rmSync } from 'node:fs';
import { DamagedRepositoryError, GitError, PartialCloneError } from '../errors.js';
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
  let writer = Store.create(file, { ...meta, tip: sha });
  let read = 0;
  try {
    await walkHistory(ctx, { sha, since: 0, until: Infinity, pathspecs: [], raw: true, exclude }, (c) => {
      writer.add(storedCommit(c));
      onCommit?.(++read, c.time);
    });
  } catch (e) {
    writer.abort();
    if (!unreadable(e)) throw e;
    // An object git cannot read stops the walk: commits are read again in batches, and those
    // whose blobs cannot be read are kept with their files' names alone (CommitRecord.unreadable).
    rmSync(file, { force: true });
    writer = Store.create(file, { ...meta, tip: sha });
    try {
      const order = await revList(ctx, sha, exclude);
      await readCarefully(ctx, order, (c) => {
        writer.add(c);
        onCommit?.(++read, c.time);
      });
    } catch (again) {
      writer.abort();
      throw again;
    }
  }
  return writer.finish();
}

/** Errors that name an object git cannot read: a partial clone's, a damaged repository's. */
const unreadable = (e: unknown): boolean => e instanceof PartialCloneError || e instanceof DamagedRepositoryError;

/** Unreadable commits an index keeps before it gives up: a clone without any blobs would have them all. */
export const MAX_UNREADABLE = 256;

/** Non-merge commits `sha` reaches (less a shallow cut), in git's order. */
async function revList(ctx: GitContext, sha: string, exclude: string[]): Promise<string[]> {
  const out = await runGit(ctx, ['rev-list', '--no-merges', ...revisions(sha, exclude)]);
  return out.toString('latin1').split('\n').filter(Boolean);
}

/**
 * Each commit as the whole-tree walk prints it, in the order given, read in batches; a batch git
 * cannot read is halved until the commits it cannot read are found, and those are kept with the
 * names of their files (no blob is read for them). More than MAX_UNREADABLE: the clone lacks too
 * much to index, and git's error stands.
 */
async function readCarefully(ctx: GitContext, shas: readonly string[], onCommit: (c: StoredCommit) => void): Promise<void> {
  let failed = 0;
  const part = async (list: readonly string[]): Promise<void> => {
    const got: StoredCommit[] = [];
    try {
      await commitsWhole(ctx, list, (c) => got.push(storedCommit(c)));
    } catch (e) {
      if (!unreadable(e)) throw e;
      if (list.length > 1) {
        const half = Math.ceil(list.length / 2);
        await part(list.slice(0, half));
        await part(list.slice(half));
        return;
      }
      if (++failed > MAX_UNREADABLE) throw e;
      await commitsWhole(ctx, list, (c) => got.push({ ...storedCommit(c), unreadable: true }), { namesOnly: true });
    }
    if (got.length !== list.length) throw new GitError(`git log printed ${got.length} of ${list.length} commits asked for`);
    got.forEach(onCommit);
  };
  for (let i = 0; i < shas.length; i += 2048) await part(shas.slice(i, i + 2048));
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
  const listed = revList(ctx, sha, exclude);
  listed.catch(() => {});
  // Meanwhile, what the old tip does not reach (after a fetch, all that is new) is walked.
  const found: StoredCommit[] = [];
  if (tip !== null) {
    try {
      await walkHistory(ctx, { sha, since: 0, until: Infinity, pathspecs: [], raw: true, exclude: [tip, ...exclude] }, (c) => found.push(storedCommit(c)));
    } catch {
      // The old tip is gone (history rewritten, then pruned), or an object cannot be read: every
      // missing commit is asked by name below.
      found.length = 0;
    }
  }
  const order = await listed;
  // Anything else the store lacks (a branch it never saw, a force-push), asked by name.
  const walked = new Set(found.map((c) => c.sha));
  const missing = store.missing(order).filter((c) => !walked.has(c));
  await readCarefully(ctx, missing, (c) => found.push(c));
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
  const out = await runGit(ctx, ['log', '--no-color', '--encoding=UTF-8', '--no-merges', '--format=%H%x00%aN%x00%aE%x00%cN%x00%cE', ...revisions(sha, exclude), '--']);
  store.transaction(() => {
    store.forgetUnreached();
    store.forgetContacts();
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
