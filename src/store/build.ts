// Building and updating the index's store from history: every commit as the whole-tree numstat
// walk prints it, read by a few git processes at once with the walk's own parser, each commit
// written as it arrives.
import { commitsWhole, revisions, walkHistory } from '../git/history.js';
import type { CommitRecord } from '../git/log-parser.js';
import { availableParallelism } from 'node:os';
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

/** Commits one git process reads for the build: few enough that readers share the work evenly, many enough that starting git costs nothing. */
const BLOCK = 2048;

/** git processes reading history at once for a build: one per core, up to four (on 2 cores coreboot builds in 16.6 s this way, 28.8 s with one). */
export const BUILD_READERS = Math.max(1, Math.min(4, availableParallelism()));

export interface BuildOptions {
  /** Kept in the store's meta table (the key). */
  meta?: Record<string, string>;
  /** Told each commit read: how many so far, and its date. */
  onCommit?: (read: number, time: number) => void;
  /** git processes at once. */
  readers?: number;
  /** Commits per git process. */
  block?: number;
}

/**
 * The store of every non-merge commit reachable from `sha` (less a shallow clone's cut), written
 * to `file`. No pathspec: commits that change nothing are kept too, so that updates know them.
 * `git rev-list` gives git's order; blocks of it are read by `readers` git processes at once
 * (`git log --no-walk`, each commit as the whole-tree walk prints it), and each commit is stored
 * with its place in that order as it arrives, so memory stays that of the order and a few blocks.
 */
export async function buildStore(ctx: GitContext, sha: string, exclude: string[], file: string, opts: BuildOptions = {}): Promise<Store> {
  const { meta = {}, onCommit, readers = BUILD_READERS, block = BLOCK } = opts;
  // git's order as git printed it, one object name a line: a kernel's 1.3 million commits are 53 MB
  // so, and would be half as much again as strings.
  const order = await revListed(ctx, sha, exclude);
  const width = order.indexOf(0x0a) + 1;
  const count = width === 0 ? 0 : order.length / width;
  if (!Number.isInteger(count)) throw new GitError('git rev-list printed object names of different lengths');
  const writer = Store.create(file, { ...meta, tip: sha });
  // One reader's failure stops the others: the build is lost either way.
  const stop = new AbortController();
  const git = { ...ctx, signal: stop.signal };
  const failed = { count: 0 };
  let next = 0;
  let read = 0;
  const reader = async (): Promise<void> => {
    while (next < count && !stop.signal.aborted) {
      const start = next;
      next += block;
      let ord = start;
      const shas = order.subarray(start * width, Math.min(count, start + block) * width).toString('latin1').split('\n').slice(0, -1);
      await readCarefully(git, shas, failed, (c) => {
        writer.add(c, ord++);
        onCommit?.(++read, c.time);
      });
    }
  };
  // The first reader's error is the build's: the others' come from being stopped by it.
  let first: { error: unknown } | null = null;
  await Promise.allSettled(
    Array.from({ length: Math.max(1, readers) }, () =>
      reader().catch((error: unknown) => {
        first ??= { error };
        stop.abort();
      }),
    ),
  );
  if (first !== null) {
    writer.abort();
    throw (first as { error: unknown }).error;
  }
  return writer.finish();
}

/** Errors that name an object git cannot read: a partial clone's, a damaged repository's. */
const unreadable = (e: unknown): boolean => e instanceof PartialCloneError || e instanceof DamagedRepositoryError;

/** Unreadable commits an index keeps before it gives up: a clone without any blobs would have them all. */
export const MAX_UNREADABLE = 256;

/** Non-merge commits `sha` reaches (less a shallow cut), in git's order, as rev-list prints them: a name a line. */
function revListed(ctx: GitContext, sha: string, exclude: string[]): Promise<Buffer> {
  return runGit(ctx, ['rev-list', '--no-merges', ...revisions(sha, exclude)]);
}

/** The same, one string a commit. */
async function revList(ctx: GitContext, sha: string, exclude: string[]): Promise<string[]> {
  return (await revListed(ctx, sha, exclude)).toString('latin1').split('\n').filter(Boolean);
}

/**
 * Each commit as the whole-tree walk prints it, in the order given, read in batches; a batch git
 * cannot read is halved until the commits it cannot read are found, and those are kept with the
 * names of their files (no blob is read for them). More than MAX_UNREADABLE in all (`failed`, shared
 * by a build's readers): the clone lacks too much to index, and git's error stands.
 */
async function readCarefully(ctx: GitContext, shas: readonly string[], failed: { count: number }, onCommit: (c: StoredCommit) => void): Promise<void> {
  const part = async (list: readonly string[]): Promise<void> => {
    // Each commit is stored as git prints it; git prints a commit whole before the next begins.
    let printed = 0;
    try {
      await commitsWhole(ctx, list, (c) => {
        onCommit(storedCommit(c));
        printed++;
      });
    } catch (e) {
      const rest = list.slice(printed);
      if (!unreadable(e) || rest.length === 0) throw e;
      if (rest.length > 1) {
        const half = Math.ceil(rest.length / 2);
        await part(rest.slice(0, half));
        await part(rest.slice(half));
        return;
      }
      if (++failed.count > MAX_UNREADABLE) throw e;
      await commitsWhole(ctx, rest, (c) => {
        onCommit({ ...storedCommit(c), unreadable: true });
        printed++;
      }, { namesOnly: true });
    }
    if (printed !== list.length) throw new GitError(`git log printed ${printed} of ${list.length} commits asked for`);
  };
  for (let i = 0; i < shas.length; i += BLOCK) await part(shas.slice(i, i + BLOCK));
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
  await readCarefully(ctx, missing, { count: 0 }, (c) => found.push(c));
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
