// Building and updating the index's store from history: every commit as the whole-tree numstat
// walk prints it, read by a few git processes at once with the walk's own parser, each commit
// written as it arrives.
import { commitsWhole, revisions, walkHistory } from '../git/history.js';
import type { CommitRecord } from '../git/log-parser.js';
import { availableParallelism } from 'node:os';
import { DamagedRepositoryError, GitError, GitFailure, PartialCloneError } from '../errors.js';
import { runGit, streamLines, type GitContext } from '../git/run.js';
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
 * Merges are not read, but their places are kept (store.ts says why).
 */
export async function buildStore(ctx: GitContext, sha: string, exclude: string[], file: string, opts: BuildOptions = {}): Promise<Store> {
  const { meta = {}, onCommit, readers = BUILD_READERS, block = BLOCK } = opts;
  const { count, shaAt, merges } = await walkOrder(ctx, sha, exclude);
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
      next = Math.min(count, next + block);
      const shas: string[] = [];
      const places: number[] = [];
      for (let i = start; i < next; i++) {
        const c = shaAt(i);
        const merged = merges.get(c);
        if (merged !== undefined) writer.addMerge(c, i - (count - 1), merged);
        else {
          shas.push(c);
          places.push(i - (count - 1));
        }
      }
      let k = 0;
      await readCarefully(git, shas, failed, (c) => {
        writer.add(c, places[k++]!);
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

/**
 * git's whole walk from `sha` (less a shallow cut), merges included: `count` commits, the i-th
 * read by `shaAt` from rev-list's output as it printed it, a name a line of one width (a kernel's
 * 1.4 million commits are 57 MB so, and would be half as much again as strings); and the merges
 * among them, with their committer dates.
 */
async function walkOrder(ctx: GitContext, sha: string, exclude: string[]): Promise<{ count: number; shaAt: (i: number) => string; merges: Map<string, number> }> {
  const [order, merges] = await Promise.all([runGit(ctx, ['rev-list', ...revisions(sha, exclude)]), runGit(ctx, ['rev-list', '--merges', '--timestamp', ...revisions(sha, exclude)])]);
  const width = order.indexOf(0x0a) + 1;
  const count = width === 0 ? 0 : order.length / width;
  if (!Number.isInteger(count)) throw new GitError('git rev-list printed object names of different lengths');
  const shaAt = (i: number): string => order.toString('latin1', i * width, (i + 1) * width - 1);
  return { count, shaAt, merges: new Map(lines(merges).map((l) => [l.slice(l.indexOf(' ') + 1), Number(l.slice(0, l.indexOf(' ')))])) };
}

const lines = (out: Buffer): string[] => out.toString('latin1').split('\n').filter(Boolean);

/** Errors that name an object git cannot read: a partial clone's, a damaged repository's. */
const unreadable = (e: unknown): boolean => e instanceof PartialCloneError || e instanceof DamagedRepositoryError;

/** Unreadable commits an index keeps before it gives up: a clone without any blobs would have them all. */
export const MAX_UNREADABLE = 256;

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

/** What syncStore did: how many commits it added, and how it placed them (null: the store was at the tip). */
export interface Synced {
  added: number;
  placed: 'head' | 'whole' | null;
}

/**
 * Brings the store to `sha`: the commits it reaches that the store lacks (new ones after a fetch,
 * another branch's) are walked and added, and every commit gets its place in git's order from
 * `sha` (those `sha` does not reach, after a force-push, get none).
 */
export async function syncStore(ctx: GitContext, store: Store, sha: string, exclude: string[]): Promise<Synced> {
  const tip = store.meta('tip');
  if (tip === sha) return { added: 0, placed: null };
  // Asked once, here or by headOfWalk.
  let ahead: Promise<boolean> | undefined;
  const reachesTip = (): Promise<boolean> => (ahead ??= reaches(ctx, sha, tip!));
  // Back to the tip the last head was placed from, when `sha` is that tip or reaches it but not the
  // store's: pull requests checked one after another, each based on the branch the index follows.
  const from = tip !== null && exclude.length === 0 ? store.placedFrom() : null;
  if (from !== null && (from === sha || (!(await reachesTip()) && (await reaches(ctx, sha, from))))) {
    store.transaction(() => {
      if (store.meta('tip') === tip) store.unplaceHead();
    });
    const synced = await syncStore(ctx, store, sha, exclude);
    return synced.placed === null ? { added: synced.added, placed: 'head' } : synced;
  }
  // Where the new walk meets the old one for good, only its head is placed anew (a fetch: the cost
  // of what is new); else git's whole walk. A shallow cut makes git walk another way: whole.
  const head = tip !== null && exclude.length === 0 ? headOfWalk(ctx, store, sha, tip, reachesTip).catch(() => null) : Promise.resolve(null);
  const whole = head.then((h) => (h === null ? walkOrder(ctx, sha, exclude) : null));
  whole.catch(() => {});
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
  const placed = await head;
  const all = await whole;
  const order = all === null ? null : Array.from({ length: all.count }, (_, i) => all.shaAt(i));
  const reached = placed ? placed.head.filter((c) => c.merge === null).map((c) => c.sha) : order!.filter((c) => !all!.merges.has(c));
  // Anything else the store lacks (a branch it never saw, a force-push), asked by name.
  const walked = new Set(found.map((c) => c.sha));
  const missing = store.missing(reached).filter((c) => !walked.has(c));
  await readCarefully(ctx, missing, { count: 0 }, (c) => found.push(c));
  // Another run may have added them meanwhile (runs at once on a fresh fetch): only what is still
  // missing is added, and the order is written by whichever run comes first.
  const added = store.transaction(() => {
    if (store.meta('tip') === sha) return 0;
    // A head is placed against the old tip's walk: another tip meanwhile, and it is placed whole below.
    if (placed && store.meta('tip') !== tip) return null;
    const absent = new Set(store.missing(found.map((c) => c.sha)));
    const add = store.appender();
    for (const c of found) if (absent.has(c.sha)) add.add(c, null);
    if (placed) store.placeHead(placed.head, placed.first, tip!);
    else store.reorder(order!, all!.merges);
    store.setMeta('tip', sha);
    return absent.size;
  });
  return added === null ? syncStore(ctx, store, sha, exclude) : { added, placed: placed ? 'head' : 'whole' };
}

/**
 * The head of git's walk from `sha` up to where it meets the walk from `tip` (the store's) for
 * good, each commit with its committer date if a merge (null if not), and the place its first
 * commit takes; null where it does not (`sha` does not reach `tip`), and the whole walk is placed.
 *
 * git walks by a list of commits ordered by committer date, ties first in first out (revision.c):
 * it takes the first, shows it, and puts in its parents not yet put in. Say the walk from `sha`
 * has shown the first |P| commits of the old walk (P, `tip` among them) in any order, and its
 * list holds the same commits as the old walk's after P, those of one date put in in the same
 * order. Then the lists are the same, and so is the rest of the walk, clock skew and all: the
 * commits `tip` does not reach (N) cannot be parents of the rest, and the list holds none of N,
 * so all of N was shown. The rest keeps its places; the head takes the |N| places before the old
 * tip's and those of P.
 *
 * A commit is in N when the store does not place it (it holds every commit the old tip reaches),
 * not by `git rev-list sha --not tip`, which with clock skew can list commits `tip` reaches too.
 */
async function headOfWalk(ctx: GitContext, store: Store, sha: string, tip: string, reachesTip: () => Promise<boolean>): Promise<{ head: Array<{ sha: string; merge: number | null }>; first: number } | null> {
  const start = store.firstPlace();
  // `sha` is one the old tip reaches (a reset back), or the store is empty: no head to place.
  if (start === null || store.placeOf(sha) !== undefined) return null;
  // Nor where `sha` does not reach the old tip (another branch): the walk below would go to the
  // root before it knew. Asked of git, which answers in proportion to what is new.
  if (!(await reachesTip())) return null;
  const places = new Map<string, ReturnType<Store['placeOf']>>();
  const placeOf = (c: string): ReturnType<Store['placeOf']> => {
    if (!places.has(c)) places.set(c, store.placeOf(c));
    return places.get(c);
  };
  const head: Array<{ sha: string; merge: number | null }> = [];
  // Each walk's list: when each commit was first put in (the order ties go by), and what is in it now.
  const listed = new Map<string, number>([[sha, 0]]);
  const waiting = new Set<string>([sha]);
  const oldListed = new Map<string, number>([[tip, 0]]);
  // The old walk's commits shown so far, by their place in it, with their parents.
  const shown = new Map<number, string[]>();
  // Commits of N in the list: while there are any, the lists differ (a quick test before sameLists).
  let fresh = 1;
  let oldPut = 0;
  let taken = 0;
  let reach = -1;
  let met = false;
  const sameLists = (): boolean => {
    // The old walk's list after its first `taken` commits, put in in its order. Every commit of
    // it is in the new list (put in with its child in P, never shown); so the two are the same
    // when each of the new list's is in it, and those of one date come in the same order.
    for (; oldPut < taken; oldPut++) for (const p of shown.get(oldPut)!) if (!oldListed.has(p)) oldListed.set(p, oldListed.size);
    const byDate = new Map<number, string[]>();
    for (const c of waiting) {
      const place = placeOf(c);
      if (place === undefined || !oldListed.has(c)) return false;
      const same = byDate.get(place.time);
      if (same) same.push(c);
      else byDate.set(place.time, [c]);
    }
    for (const same of byDate.values()) {
      if (same.length < 2) continue;
      const mine = [...same].sort((a, b) => listed.get(a)! - listed.get(b)!);
      const theirs = [...same].sort((a, b) => oldListed.get(a)! - oldListed.get(b)!);
      if (mine.some((c, i) => c !== theirs[i])) return false;
    }
    return true;
  };
  await streamLines(ctx, ['rev-list', '--parents', '--timestamp', sha], (record) => {
    const [time, c, ...ps] = record.split(' ') as [string, string, ...string[]];
    waiting.delete(c);
    for (const p of ps) {
      if (listed.has(p)) continue;
      listed.set(p, listed.size);
      waiting.add(p);
      if (placeOf(p) === undefined) fresh++;
    }
    const place = placeOf(c);
    if (place === undefined) {
      head.push({ sha: c, merge: ps.length > 1 ? Number(time) : null });
      fresh--;
    } else {
      shown.set(place.ord - start, ps);
      head.push({ sha: c, merge: place.merge ? place.time : null });
      taken++;
      reach = Math.max(reach, place.ord - start);
    }
    met = fresh === 0 && taken > 0 && taken === reach + 1 && sameLists();
    return !met;
  });
  return met ? { head, first: start - (head.length - taken) } : null;
}

/** Whether `sha` reaches `ancestor` (git merge-base --is-ancestor: exit 1 for no). */
async function reaches(ctx: GitContext, sha: string, ancestor: string): Promise<boolean> {
  try {
    await runGit(ctx, ['merge-base', '--is-ancestor', ancestor, sha]);
    return true;
  } catch (e) {
    if (e instanceof GitFailure && e.code === 1) return false;
    throw e;
  }
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
