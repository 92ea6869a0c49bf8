// The index's storage (docs/index-storage.md): what kstat reads from history, kept in an SQLite
// file outside the repository. better-sqlite3 is an optional dependency loaded only here, so a
// run without an index pays nothing for it and a machine that could not build it still runs kstat.
//
// A commit's row never changes once written (its id, author, files and their numstat are
// immutable facts under the key's settings, store/key.ts); only `ord`, its place in git's order
// from the indexed tip, is rewritten when the tip moves (store/build.ts syncStore). Commits the tip no longer
// reaches (rewritten history) keep their rows with no `ord` (until a changed mailmap drops them), and no query sees them.
//
// `ord` counts back from the end of git's walk, merges included (their places are in `merges`):
// the last commit walked is 0, the tip -(n-1). Where a new tip's walk meets the old one for good,
// the rest of the walk is the same and keeps its places: only the head before it is placed anew.
//
// Paths are bytes (latin1 views of them, as PathIndex keys them) stored as BLOBs and matched by
// byte range, never LIKE: `%` and `_` are ordinary characters in a path.
import { createRequire } from 'node:module';
import { EXIT, KstatError } from '../errors.js';
import type BetterSqlite3 from 'better-sqlite3';
import { wholeSeconds } from '../git/history.js';
import type { CommitRecord, FileChange } from '../git/log-parser.js';
import type { ContactCache } from '../git/mailmap.js';
import type { ObjectNameCache } from '../git/releases.js';
import type { PairCache } from '../git/subtree-diff.js';
import type { LineCache } from '../git/tree.js';
import { namedEmails } from '../kernel/trailers.js';

/** The file format; a file of another version is rebuilt, never read. */
export const STORE_VERSION = 9;

/** One non-merge commit as the index keeps it. */
export interface StoredCommit {
  sha: string;
  /** Committer date, epoch seconds. */
  time: number;
  /** latin1 views of the bytes git printed (after the mailmap). */
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  subject: string;
  /** `%(trailers:only,unfold)` as git printed it. */
  trailers: Buffer;
  changes: StoredChange[];
  /** Its blobs could not be read: changes have names and statuses only (CommitRecord.unreadable). */
  unreadable?: boolean;
}

export interface StoredChange {
  /** latin1 view of the path's bytes. */
  path: string;
  /** A rename's or copy's source. */
  from: string | null;
  status: string;
  /** null for a binary file. */
  added: number | null;
  removed: number | null;
  /** A submodule on either side. */
  gitlink: boolean;
}

/** A commit as the liveness walk reads it (git/maintainers.ts SeenCommit). */
export interface SeenRecord {
  sha: string;
  /** Its place in git's order (seen() and naming() go by it). */
  ord: number;
  time: number;
  authorEmail: string;
  committerEmail: string;
  trailers: Buffer;
  /** Read when called: most commits' files are not wanted. */
  files: () => string[];
}

/** A commit as walk() hands it out: the whole-tree walk's record, and its place in git's order. */
export type StoredRecord = CommitRecord & { ord: number };

export interface TouchedCommit {
  ord: number;
  sha: string;
  time: number;
}

/** better-sqlite3 is missing: `kstat index` fails with the fix; a run walks history instead. */
export class StoreUnavailableError extends KstatError {
  constructor(message: string) {
    super(message, EXIT.indexUnavailable);
  }
}

type Database = BetterSqlite3.Database;

/** better-sqlite3, or an error naming the fix: it is optional, and compiles where no prebuilt binary is reachable. */
function sqlite(): typeof BetterSqlite3 {
  try {
    return createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  } catch (e) {
    throw new StoreUnavailableError(`the index needs better-sqlite3, which is not installed (${(e as Error).message.split('\n')[0]}): run npm install better-sqlite3@12 (it may compile: python3, make and g++)`);
  }
}

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE paths (id INTEGER PRIMARY KEY, path BLOB NOT NULL UNIQUE);
CREATE TABLE idents (id INTEGER PRIMARY KEY, name BLOB NOT NULL, email BLOB NOT NULL, UNIQUE (name, email));
CREATE TABLE commits (
  id INTEGER PRIMARY KEY,
  sha TEXT NOT NULL,
  ord INTEGER,
  time INTEGER NOT NULL,
  author INTEGER NOT NULL REFERENCES idents,
  committer INTEGER NOT NULL REFERENCES idents,
  subject BLOB NOT NULL,
  trailers BLOB NOT NULL,
  unread INTEGER NOT NULL
);
CREATE TABLE blobs (oid TEXT PRIMARY KEY, lines INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE names (name TEXT PRIMARY KEY, oid TEXT) WITHOUT ROWID;
CREATE TABLE liveness (key TEXT NOT NULL, rev TEXT NOT NULL, until INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (key, rev, until)) WITHOUT ROWID;
CREATE TABLE contacts (line TEXT PRIMARY KEY, answer TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE merges (sha TEXT PRIMARY KEY, ord INTEGER NOT NULL, time INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE unplaced (sha TEXT PRIMARY KEY, ord INTEGER, merge INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE named (email TEXT NOT NULL, commit_id INTEGER NOT NULL REFERENCES commits, PRIMARY KEY (email, commit_id)) WITHOUT ROWID;
CREATE TABLE pairs (sha TEXT NOT NULL, path BLOB NOT NULL, files TEXT NOT NULL, PRIMARY KEY (sha, path)) WITHOUT ROWID;
CREATE TABLE changes (
  id INTEGER PRIMARY KEY,
  commit_id INTEGER NOT NULL REFERENCES commits,
  time INTEGER NOT NULL,
  path INTEGER NOT NULL REFERENCES paths,
  old_path INTEGER REFERENCES paths,
  status TEXT NOT NULL,
  added INTEGER,
  removed INTEGER,
  gitlink INTEGER NOT NULL
);`;

/** Made after the load: building them as rows arrive is slower (docs/index-storage.md). */
const INDEXES = `
CREATE UNIQUE INDEX commits_sha ON commits(sha);
CREATE INDEX commits_ord ON commits(ord, time) WHERE ord IS NOT NULL;
CREATE INDEX commits_time ON commits(time);
CREATE INDEX commits_author ON commits(author);
CREATE INDEX commits_committer ON commits(committer);
CREATE INDEX merges_ord ON merges(ord);
CREATE INDEX changes_commit ON changes(commit_id);
CREATE INDEX changes_path ON changes(path, time, commit_id);
CREATE INDEX changes_old ON changes(old_path, time, commit_id) WHERE old_path IS NOT NULL;
ANALYZE;`;

const bytes = (latin1: string): Buffer => Buffer.from(latin1, 'latin1');

/** The first byte string after every string that starts with `prefix`: `src/` → `src0`. */
export function prefixEnd(prefix: Buffer): Buffer | null {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i]!++;
      return end.subarray(0, i + 1);
    }
  }
  return null;
}

/** A path as a query names it: '.' (or '') is the whole tree; else the path itself and what is under it. */
interface Range {
  exact: Buffer;
  dir: Buffer;
  end: Buffer | null;
}

function rangeOf(prefix: string): Range | null {
  const clean = prefix.replace(/\/+$/, '');
  if (clean === '' || clean === '.') return null;
  const exact = bytes(clean);
  const dir = Buffer.concat([exact, Buffer.from('/')]);
  return { exact, dir, end: prefixEnd(dir) };
}

/** SQL that holds for a path `p.path` in the range, and its arguments. */
function inRange(r: Range): { sql: string; args: Buffer[] } {
  return r.end === null ? { sql: '(p.path = ? OR p.path >= ?)', args: [r.exact, r.dir] } : { sql: '(p.path = ? OR (p.path >= ? AND p.path < ?))', args: [r.exact, r.dir, r.end] };
}

/**
 * SQL that holds for a commit `c` that changes a file at or under one of `prefixes` (as a move's
 * source too), tested commit by commit, and its arguments; null for the whole tree.
 */
function changedUnder(prefixes: readonly string[]): { sql: string; args: Buffer[] } | null {
  const ranges = prefixes.map(rangeOf);
  if (ranges.some((r) => r === null)) return null;
  const within = (ranges as Range[]).map(inRange);
  return { sql: `EXISTS (SELECT 1 FROM changes ch JOIN paths p ON p.id IN (ch.path, ch.old_path) WHERE ch.commit_id = c.id AND (${within.map((w) => w.sql).join(' OR ')}))`, args: within.flatMap((w) => w.args) };
}

/** seen()'s columns of a commit; people by id, read through the store's cache (a join per row costs more). */
const SEEN = 'SELECT c.id, c.ord, c.sha, c.time, c.author, c.committer, c.trailers FROM commits c';
type SeenRow = [id: number, ord: number, sha: string, time: number, author: number, committer: number, trailers: Buffer];
/** Commits seen() reads at once: the caller mostly stops early, and a lot's files are one statement. */
const SEEN_LOT = 512;
/**
 * Commits whose places before the heads placed since a tip are kept, to go back to it: past this,
 * the tip the next head is placed from is the one to go back to (a branch followed for months
 * would otherwise place every head from where it began).
 */
const UNPLACED_KEPT = 20_000;
/** Places of git's walk seen() reads the paths' changes of first; each stretch after is twice the one before. */
const SEEN_STRETCH = 4096;
const IDENTS_BY_ID = 'SELECT id, name, email FROM idents WHERE id IN (SELECT value FROM json_each(?))';

/** Paths by their ids, for Store.fill. */
const PATHS_BY_ID = 'SELECT id, path FROM paths WHERE id IN (SELECT value FROM json_each(?))';

/**
 * Commits walk() reads the rows and files of in one statement each. Larger lots live long enough
 * for V8 to keep their garbage: at the bench's full scale, --each drivers --depth 2 peaked at
 * 440-490 MB with the whole window's rows read at once, about 285 MB with lots of 4,096 or 1,024,
 * and 217-223 MB with 512, no slower (128: 173-214 MB, slower).
 */
const WALK_LOT = 512;

/** A change as walk() reads it: commit id, path id, source path id, status, numstat, gitlink. */
type ChangeRow = [number, number, number | null, string, number | null, number | null, number];

/** What rows() reads of a commit: its people by their ids. */
const ROW = 'SELECT c.id, c.sha, c.ord, c.time, c.author, c.committer, c.subject, c.trailers, c.unread FROM commits c';
type RawRow = [id: number, sha: string, ord: number, time: number, author: number, committer: number, subject: Buffer, trailers: Buffer, unread: number];

interface CommitRow {
  id: number;
  sha: string;
  ord: number;
  time: number;
  an: Buffer;
  ae: Buffer;
  cn: Buffer;
  ce: Buffer;
  subject: Buffer;
  trailers: Buffer;
  unread: number;
}

export class Store implements LineCache, PairCache, ObjectNameCache, ContactCache {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly paths = new Map<number, Buffer>();
  private readonly people = new Map<number, [name: Buffer, email: Buffer]>();
  /** Writes waiting on holdWrites()'s check; null: written at once; 'dropped': never written. */
  private held: Array<[string, ReadonlyArray<readonly unknown[]>]> | 'dropped' | null = null;

  private constructor(private readonly db: Database) {}

  /** A new store at `file` (which must not exist), filled by `fill` in one transaction, then indexed. */
  static build(file: string, meta: Record<string, string>, fill: (add: (c: StoredCommit) => void) => void): Store {
    const writer = Store.create(file, meta);
    try {
      fill((c) => writer.add(c));
    } catch (e) {
      writer.abort();
      throw e;
    }
    return writer.finish();
  }

  /**
   * A new store at `file` (which must not exist), written as commits arrive in git's order: one
   * transaction from here to finish(), so nothing is held in memory but the path and identity ids.
   */
  static create(file: string, meta: Record<string, string>): StoreWriter {
    const Sqlite = sqlite();
    const db = new Sqlite(file);
    // A new file, renamed into place once whole (commands/index-command.ts): its rollback journal
    // can live in memory. (OFF is refused: better-sqlite3 opens databases in defensive mode, and
    // SQLite then keeps a journal file beside the database, which a stopped build would leave.)
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    db.exec(SCHEMA);
    db.exec('BEGIN');
    const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    for (const [k, v] of Object.entries({ ...meta, version: String(STORE_VERSION) })) setMeta.run(k, v);
    return new StoreWriter(db, 0, (d) => new Store(d));
  }

  /**
   * An existing store; null when it was written by another version. Writable unless `readonly`:
   * a run adds the commits its revision reaches beyond the index (store/build.ts syncStore).
   */
  static open(file: string, opts: { readonly?: boolean } = {}): Store | null {
    const Sqlite = sqlite();
    const db = new Sqlite(file, { readonly: opts.readonly === true, fileMustExist: true, timeout: 10_000 });
    try {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string } | undefined;
      if (row?.value !== String(STORE_VERSION)) {
        db.close();
        return null;
      }
    } catch (e) {
      db.close();
      throw e;
    }
    return new Store(db);
  }

  private stmt(sql: string): BetterSqlite3.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  meta(key: string): string | null {
    const row = this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** How many commits the tip reaches, and how many are kept beside them. */
  counts(): { reached: number; all: number } {
    const r = this.stmt('SELECT COUNT(ord) AS reached, COUNT(*) AS all_ FROM commits').get() as { reached: number; all_: number };
    return { reached: r.reached, all: r.all_ };
  }

  known(oids: readonly string[]): Map<string, number> {
    return new Map(this.lookUp('SELECT oid, lines FROM blobs WHERE oid IN (SELECT value FROM json_each(?))', oids) as Array<[string, number]>);
  }

  /** Rows for many keys in few statements: SQLite reads the keys from one JSON array each time. */
  private lookUp(sql: string, keys: readonly string[]): unknown[][] {
    const out: unknown[][] = [];
    const get = this.stmt(sql).raw();
    for (let i = 0; i < keys.length; i += 10_000) out.push(...(get.all(JSON.stringify(keys.slice(i, i + 10_000))) as unknown[][]));
    return out;
  }

  learn(counts: ReadonlyArray<[string, number]>): void {
    this.keep('INSERT OR IGNORE INTO blobs (oid, lines) VALUES (?, ?)', counts);
  }

  /**
   * What runs learn is kept only once `until` settles true (a key still being checked, store/use.ts);
   * false: none of it is, then or later.
   */
  holdWrites(until: Promise<boolean>): void {
    const held: Array<[string, ReadonlyArray<readonly unknown[]>]> = [];
    this.held = held;
    void until.then((holds) => {
      this.held = holds ? null : 'dropped';
      if (holds) for (const [sql, rows] of held) this.keep(sql, rows);
    });
  }

  /** Keeps what runs read from git, if it can: an index that cannot be written (read-only, busy) only stays as it was. */
  private keep(sql: string, rows: ReadonlyArray<readonly unknown[]>): void {
    if (rows.length === 0) return;
    if (this.held === 'dropped') return;
    if (this.held) {
      this.held.push([sql, rows]);
      return;
    }
    try {
      const put = this.stmt(sql);
      this.transaction(() => {
        for (const row of rows) put.run(...row);
      });
    } catch {
      // A cache: the figures were read from git either way.
    }
  }

  /**
   * A MAINTAINERS section's liveness as a run found it at a revision and window end, each kept
   * with those (analyze/maintainers.ts says what its key holds): [until, value] rows.
   */
  liveness(key: string, rev: string): Array<[until: number, value: string]> {
    return this.stmt('SELECT until, value FROM liveness WHERE key = ? AND rev = ?').raw().all(key, rev) as Array<[number, string]>;
  }

  keepLiveness(found: ReadonlyArray<[key: string, rev: string, until: number, value: string]>): void {
    this.keep('INSERT OR IGNORE INTO liveness (key, rev, until, value) VALUES (?, ?, ?, ?)', found);
  }

  /**
   * Where the tip came from by placing a head (syncStore): the old tip, and the first place after
   * the head, from which both walks are the same. Null after any other move, or none.
   */
  carried(): { from: string; after: number } | null {
    const value = this.meta('carried');
    return value === null ? null : (JSON.parse(value) as { from: string; after: number });
  }

  /** Whether a commit the tip reaches at or after place `after` is dated in (lo, hi]. */
  datedBetween(after: number, lo: number, hi: number): boolean {
    return this.stmt('SELECT EXISTS (SELECT 1 FROM commits WHERE ord >= ? AND time > ? AND time <= ?)').pluck().get(after, lo, hi) === 1;
  }

  contacts(lines: readonly string[]): Map<string, string> {
    return new Map(this.lookUp('SELECT line, answer FROM contacts WHERE line IN (SELECT value FROM json_each(?))', lines) as Array<[string, string]>);
  }

  keepContacts(answers: ReadonlyArray<[string, string]>): void {
    this.keep('INSERT OR IGNORE INTO contacts (line, answer) VALUES (?, ?)', answers);
  }

  objectNames(names: readonly string[]): Map<string, string | null> {
    return new Map(this.lookUp('SELECT name, oid FROM names WHERE name IN (SELECT value FROM json_each(?))', names) as Array<[string, string | null]>);
  }

  keepObjectNames(found: ReadonlyArray<[string, string | null]>): void {
    this.keep('INSERT OR IGNORE INTO names (name, oid) VALUES (?, ?)', found);
  }

  pair(sha: string, path: string): FileChange[] | undefined {
    const json = this.stmt('SELECT files FROM pairs WHERE sha = ? AND path = ?').pluck().get(sha, Buffer.from(path, 'utf8')) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as PairJson[]).map(fromPairJson);
  }

  keepPairs(pairs: ReadonlyArray<{ sha: string; path: string; files: FileChange[] }>): void {
    this.keep('INSERT OR IGNORE INTO pairs (sha, path, files) VALUES (?, ?, ?)', pairs.map((p) => [p.sha, Buffer.from(p.path, 'utf8'), JSON.stringify(p.files.map(toPairJson))]));
  }

  /** Runs `f` in one transaction: all of it is written, or nothing. */
  transaction<T>(f: () => T): T {
    return this.db.transaction(f).immediate();
  }

  /** Of these commits, the ones the store does not hold, in the order given. */
  missing(shas: readonly string[]): string[] {
    return this.stmt('SELECT j.value FROM json_each(?) j WHERE NOT EXISTS (SELECT 1 FROM commits c WHERE c.sha = j.value) ORDER BY j.key').pluck().all(JSON.stringify(shas)) as string[];
  }

  /** A writer that appends commits to this store (inside a transaction()). */
  appender(): StoreWriter {
    const next = (this.stmt('SELECT COALESCE(MAX(id), 0) AS n FROM commits').get() as { n: number }).n;
    return new StoreWriter(this.db, next, () => this, true);
  }

  /**
   * Forgets the commits the tip does not reach: after a change of mailmap their authors would
   * be stale, and a later tip that reaches them again has them walked anew.
   */
  forgetUnreached(): void {
    this.stmt('DELETE FROM changes WHERE commit_id IN (SELECT id FROM commits WHERE ord IS NULL)').run();
    this.stmt('DELETE FROM commits WHERE ord IS NULL').run();
  }

  /** Forgets git's answers for the people trailers and MAINTAINERS name: they were another mailmap's. */
  forgetContacts(): void {
    this.stmt('DELETE FROM contacts').run();
  }

  /**
   * Gives every commit of `order` (git's whole walk from the new tip, merges included, with the
   * merges' committer dates) its place in it; the others none.
   */
  reorder(order: readonly string[], merges: ReadonlyMap<string, number>): void {
    // Sections' liveness is kept per revision: kept for the old tip, it would only grow the file.
    this.stmt('DELETE FROM liveness').run();
    this.stmt("DELETE FROM meta WHERE key IN ('carried', 'unplaced')").run();
    this.stmt('DELETE FROM unplaced').run();
    const last = order.length - 1;
    this.stmt('UPDATE commits SET ord = NULL WHERE ord IS NOT NULL').run();
    this.stmt('UPDATE commits SET ord = j.key - ? FROM json_each(?) j WHERE commits.sha = j.value').run(last, JSON.stringify(order));
    this.stmt('DELETE FROM merges').run();
    const add = this.stmt('INSERT INTO merges (sha, ord, time) VALUES (?, ?, ?)');
    order.forEach((sha, i) => {
      const time = merges.get(sha);
      if (time !== undefined) add.run(sha, i - last, time);
    });
  }

  /**
   * Places anew the head of git's walk from a new tip (`head`, in order; merges with their dates),
   * which ends where the walk meets the old one (at `from`) for good (store/build.ts headOfWalk):
   * what follows keeps its places, and the head takes those from `first` on. The old tip's
   * sections' liveness is kept (or what was carried to it), and carried to the new tip by the runs
   * there (analyze/maintainers.ts).
   */
  placeHead(head: ReadonlyArray<{ sha: string; merge: number | null }>, first: number, from: string): void {
    // No run at the old tip, but liveness carried to it from an earlier one: that is carried on,
    // past both heads. Places after a head never change, so past both the three walks are one.
    const before = this.carried();
    const kept = (rev: string): boolean => this.stmt('SELECT EXISTS (SELECT 1 FROM liveness WHERE rev = ?)').pluck().get(rev) === 1;
    const carry = before !== null && !kept(from) && kept(before.from) ? { from: before.from, after: Math.max(before.after, first + head.length) } : { from, after: first + head.length };
    this.stmt('DELETE FROM liveness WHERE rev != ?').run(carry.from);
    // What the head's commits were placed at before (none: new), to go back to the old tip's walk;
    // added to what is kept from heads before, to go back further (a pull request's next push keeps
    // the branch it is based on), up to UNPLACED_KEPT commits.
    const undoing = this.stmt('SELECT COUNT(*) FROM unplaced').pluck().get() as number;
    if (this.placedFrom() === null || undoing + head.length > UNPLACED_KEPT) {
      this.stmt('DELETE FROM unplaced').run();
      this.setMeta('unplaced', JSON.stringify({ tip: from, carried: before }));
    }
    // A commit an earlier head moved keeps the place it had before that one.
    const was = this.stmt('INSERT OR IGNORE INTO unplaced (sha, ord, merge) VALUES (?, ?, ?)');
    for (const c of head) was.run(c.sha, this.placeOf(c.sha)?.ord ?? null, c.merge === null ? 0 : 1);
    this.setMeta('carried', JSON.stringify(carry));
    const commit = this.stmt('UPDATE commits SET ord = ? WHERE sha = ?');
    const merge = this.stmt('INSERT INTO merges (sha, ord, time) VALUES (?, ?, ?) ON CONFLICT (sha) DO UPDATE SET ord = excluded.ord');
    head.forEach((c, i) => (c.merge === null ? commit.run(first + i, c.sha) : merge.run(c.sha, first + i, c.merge)));
  }

  /** The tip unplaceHead() goes back to (the tip before the heads placed since); null if none. */
  placedFrom(): string | null {
    const value = this.meta('unplaced');
    return value === null ? null : (JSON.parse(value) as { tip: string }).tip;
  }

  /**
   * Undoes the heads placed since placedFrom(): the store is at that tip, with its walk's places
   * (the heads' new commits placed nowhere) and what it carried. A tip another branch of it
   * reaches is then a head away, not a whole walk: a CI gate's pull requests, one after another.
   */
  unplaceHead(): void {
    const { tip, carried } = JSON.parse(this.meta('unplaced')!) as { tip: string; carried: { from: string; after: number } | null };
    const commit = this.stmt('UPDATE commits SET ord = ? WHERE sha = ?');
    const merge = this.stmt('UPDATE merges SET ord = ? WHERE sha = ?');
    const dropMerge = this.stmt('DELETE FROM merges WHERE sha = ?');
    for (const [sha, ord, isMerge] of this.stmt('SELECT sha, ord, merge FROM unplaced').raw().all() as Array<[string, number | null, number]>) {
      if (isMerge === 0) commit.run(ord, sha);
      else if (ord === null) dropMerge.run(sha);
      else merge.run(ord, sha);
    }
    this.stmt('DELETE FROM unplaced').run();
    this.stmt("DELETE FROM meta WHERE key IN ('unplaced', 'carried')").run();
    if (carried !== null) this.setMeta('carried', JSON.stringify(carried));
    this.setMeta('tip', tip);
  }

  /** The place of git's first commit from the tip (its own), or null for an empty store. */
  firstPlace(): number | null {
    return this.stmt('SELECT MIN(ord) FROM (SELECT MIN(ord) AS ord FROM commits WHERE ord IS NOT NULL UNION ALL SELECT MIN(ord) FROM merges)').pluck().get() as number | null;
  }

  /** A commit's place in git's walk from the tip, with its committer date (a merge's too); undefined where the tip does not reach it. */
  placeOf(sha: string): { ord: number; time: number; merge: boolean } | undefined {
    const row = this.stmt('SELECT ord, time, 0 FROM commits WHERE sha = ? AND ord IS NOT NULL UNION ALL SELECT ord, time, 1 FROM merges WHERE sha = ?').raw().get(sha, sha) as [number, number, number] | undefined;
    return row && { ord: row[0], time: row[1], merge: row[2] === 1 };
  }

  /**
   * The commits the tip reaches that change a file at or under one of `prefixes` (as a move's
   * source too), dated in [since, until], in git's order, as the columns `head` selects (first
   * the id and ord); null for the whole tree.
   * One statement: SQLite walks the paths' range and their changes by index, never the table.
   */
  private touching(prefixes: readonly string[], since: number, until: number, head = 'SELECT c.id, c.ord FROM commits c', also: { sql: string; args: unknown[] } = { sql: '', args: [] }): unknown[][] | null {
    const ranges = prefixes.map(rangeOf);
    if (ranges.some((r) => r === null)) return null;
    const parts: string[] = [];
    const args: unknown[] = [];
    for (const r of ranges as Range[]) {
      const within = inRange(r);
      parts.push(`SELECT ch.commit_id FROM paths p JOIN changes ch INDEXED BY changes_path ON ch.path = p.id AND ch.time >= ? AND ch.time <= ? WHERE ${within.sql}`);
      parts.push(`SELECT ch.commit_id FROM paths p JOIN changes ch INDEXED BY changes_old ON ch.old_path = p.id AND ch.time >= ? AND ch.time <= ? WHERE ${within.sql}`);
      args.push(since, until, ...within.args, since, until, ...within.args);
    }
    const sql = `${head} WHERE c.ord IS NOT NULL${also.sql} AND c.id IN (${parts.join(' UNION ')}) ORDER BY c.ord`;
    return this.stmt(sql).raw().all(...also.args, ...args) as unknown[][];
  }

  /** touching()'s commits dated up to `hi` and placed before `before`, found from the commits; null for the whole tree. */
  private touchingBefore(prefixes: readonly string[], hi: number, before: number): unknown[][] | null {
    const under = changedUnder(prefixes);
    if (under === null) return null;
    return this.stmt(`SELECT c.id FROM commits c WHERE c.ord IS NOT NULL AND c.ord < ? AND c.time <= ? AND ${under.sql} ORDER BY c.ord`).raw().all(before, hi, ...under.args) as unknown[][];
  }

  /**
   * Commits the tip reaches that change a file at or under `prefix` (as source or target of a
   * move too), dated in [since, until], in git's order.
   */
  commitsUnder(prefix: string, since: number, until: number): TouchedCommit[] {
    return this.rows([prefix], since, until).map((r) => ({ ord: r.ord, sha: r.sha, time: r.time }));
  }

  /**
   * What `git log --full-history --no-merges --root -M --raw --numstat` over the whole tree
   * printed for each commit the tip reaches that changes a file under one of `prefixes` ('.' for
   * all), dated in [since, until], in git's order: every file of each such commit.
   */
  *walk(prefixes: readonly string[], since: number, until: number, lot = WALK_LOT): Generator<StoredRecord> {
    const ids = this.windowIds(prefixes, since, until);
    // A few thousand commits at a time, each lot's rows and files in two statements: one statement
    // per commit costs more than its rows, and a large window's all at once is hundreds of MB
    // (drivers at the bench's full scale: 160,000 commits).
    const files = this.stmt('SELECT commit_id, path, old_path, status, added, removed, gitlink FROM changes WHERE commit_id IN (SELECT value FROM json_each(?)) ORDER BY commit_id, id').raw();
    for (let at = 0; at < ids.length; at += lot) {
      const some = this.rowsOf(ids.slice(at, at + lot));
      const changes = files.all(JSON.stringify(some.map((r) => r.id))) as ChangeRow[];
      this.readPaths(changes);
      const byCommit = new Map<number, FileChange[]>();
      for (const [commit, path, old, status, added, removed, gitlink] of changes) {
        const f: FileChange = { added: added ?? 0, removed: removed ?? 0, binary: added === null, path: this.paths.get(path)!, status };
        if (old !== null) f.from = this.paths.get(old)!;
        if (gitlink) f.gitlink = true;
        const list = byCommit.get(commit);
        if (list) list.push(f);
        else byCommit.set(commit, [f]);
      }
      for (const r of some) {
        yield {
          ord: r.ord,
          sha: r.sha,
          time: r.time,
          authorName: r.an,
          authorEmail: r.ae,
          committerName: r.cn,
          committerEmail: r.ce,
          trailers: r.trailers,
          subject: r.subject,
          ...(r.unread ? { unreadable: true } : {}),
          files: byCommit.get(r.id) ?? [],
        };
      }
    }
  }

  /**
   * Reads into `cache` the rows `sql` gives (the id first) for the ids it lacks, in one statement:
   * paths and people recur from commit to commit, so each is read once and its bytes shared.
   */
  private fill<T>(cache: Map<number, T>, ids: Iterable<number | null>, sql: string, value: (row: unknown[]) => T): void {
    const wanted = new Set<number>();
    for (const id of ids) if (id !== null && !cache.has(id)) wanted.add(id);
    if (wanted.size === 0) return;
    for (const row of this.stmt(sql).raw().all(JSON.stringify([...wanted])) as unknown[][]) cache.set(row[0] as number, value(row));
  }

  /** Reads the bytes of the paths these changes name that are not read yet. */
  private readPaths(changes: ReadonlyArray<readonly [number, number, number | null, ...unknown[]]>): void {
    this.fill(this.paths, changes.flatMap(([, path, old]) => [path, old]), PATHS_BY_ID, (row) => row[1] as Buffer);
  }

  /** Reads the names and e-mails of these idents that are not read yet. */
  private readPeople(ids: readonly number[]): void {
    this.fill(this.people, ids, IDENTS_BY_ID, (row) => [row[1] as Buffer, row[2] as Buffer]);
  }

  /** The commits walk() hands out, in git's order. */
  private rows(prefixes: readonly string[], since: number, until: number): CommitRow[] {
    return this.rowsOf(this.windowIds(prefixes, since, until));
  }

  /** The ids of the commits walk() hands out, in git's order. */
  private windowIds(prefixes: readonly string[], since: number, until: number): number[] {
    const [lo, hi] = wholeSeconds(since, until);
    if (hi < lo) return [];
    const rows = (this.touching(prefixes, lo, hi) ?? this.stmt('SELECT c.id FROM commits c WHERE c.ord IS NOT NULL AND c.time >= ? AND c.time <= ? ORDER BY c.ord').raw().all(lo, hi)) as Array<[number, ...unknown[]]>;
    return rows.map((r) => r[0]);
  }

  /** These commits' rows, in the order given. */
  private rowsOf(ids: readonly number[]): CommitRow[] {
    const byId = new Map((this.stmt(`${ROW} WHERE c.id IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify(ids)) as RawRow[]).map((r) => [r[0], r]));
    this.readPeople([...byId.values()].flatMap((r) => [r[4], r[5]]));
    return ids.map((id) => {
      const [, sha, ord, time, author, committer, subject, trailers, unread] = byId.get(id)!;
      const [an, ae] = this.people.get(author)!;
      const [cn, ce] = this.people.get(committer)!;
      return { id, sha, ord, time, an, ae, cn, ce, subject, trailers, unread };
    });
  }

  /**
   * What the maintainers' liveness walk (git/maintainers.ts walkSeen) reads: the commits the tip
   * reaches, dated up to `until`, that change a file under one of `prefixes` ('.' for all), in
   * git's order, each with its people and every name it changes (both names of a move), latin1.
   * `before`: only the commits placed before it (the head of a new walk, a few: found from the
   * commits, not the paths).
   */
  *seen(prefixes: readonly string[], until: number, before?: number, stretch = SEEN_STRETCH): Generator<SeenRecord> {
    const [, hi] = wholeSeconds(0, until);
    const whole = prefixes.some((p) => rangeOf(p) === null);
    if (before !== undefined && !whole) {
      yield* this.seenLots(this.touchingBefore(prefixes, hi, before)!.map((r) => r[0] as number));
      return;
    }
    if (!whole) {
      // Places a stretch at a time, newest first: the caller mostly stops within the first, and all
      // of history under a section's directories is most of a large tree's commits. A stretch's
      // dates bound the paths' changes to read for it (git's order is not the dates' order).
      // Apart: SQLite reads one end of the index for a lone MIN or MAX, and the whole table for both.
      const first = this.stmt('SELECT MIN(ord) FROM commits WHERE ord IS NOT NULL').pluck().get() as number | null;
      const last = this.stmt('SELECT MAX(ord) FROM commits WHERE ord IS NOT NULL').pluck().get() as number | null;
      const dates = this.stmt('SELECT MIN(time), MAX(time) FROM commits WHERE ord >= ? AND ord < ?').raw();
      for (let from = first ?? 0, size = stretch; first !== null && last !== null && from <= last; from += size, size *= 2) {
        const [lo, latest] = dates.get(from, from + size) as [number | null, number];
        if (lo === null || lo > hi) continue;
        const placed = { sql: ' AND c.ord >= ? AND c.ord < ?', args: [from, from + size] };
        yield* this.seenLots(this.touching(prefixes, lo, Math.min(latest, hi), 'SELECT c.id FROM commits c', placed)!.map((r) => r[0] as number));
      }
      return;
    }
    // All of history (or of the head), a lot at a time.
    const page = this.stmt(`SELECT c.id, c.ord FROM commits c WHERE c.ord > ? AND c.ord < ? AND c.time <= ? ORDER BY c.ord LIMIT ${SEEN_LOT}`).raw();
    for (let after = Number.MIN_SAFE_INTEGER; ; ) {
      const ids = page.all(after, before ?? Number.MAX_SAFE_INTEGER, hi) as Array<[number, number]>;
      if (ids.length === 0) return;
      yield* this.seenLots(ids.map((r) => r[0]));
      after = ids.at(-1)![1];
    }
  }

  /**
   * What seen() gives after `after` (an ord), less commits that cannot name anyone in `people`
   * (e-mails as kept, lower case): neither author nor committer is one, and no `…-by:` trailer
   * names an e-mail of `aliases` (lower case; '' for a trailer that names no one, as
   * kernel/trailers.ts namedEmails keeps them). What is left is for the caller to read exactly.
   * Found from the people, not the paths: these are few, and the paths' commits most of history.
   */
  *naming(prefixes: readonly string[], until: number, after: number, people: ReadonlySet<string>, aliases: ReadonlySet<string>, before?: number): Generator<SeenRecord> {
    const [, hi] = wholeSeconds(0, until);
    const ids = JSON.stringify((this.stmt('SELECT id, email FROM idents').raw().all() as Array<[number, Buffer]>).filter(([, email]) => people.has(email.toString('latin1').toLowerCase())).map(([id]) => id));
    const under = changedUnder(prefixes);
    const byPeople = 'SELECT id FROM commits WHERE author IN (SELECT value FROM json_each(?)) UNION SELECT id FROM commits WHERE committer IN (SELECT value FROM json_each(?)) UNION SELECT commit_id FROM named WHERE email IN (SELECT value FROM json_each(?))';
    const sql = `SELECT c.id FROM commits c WHERE c.id IN (${byPeople}) AND c.ord > ? AND c.ord < ? AND c.time <= ?${under ? ` AND ${under.sql}` : ''} ORDER BY c.ord`;
    const found = this.stmt(sql).pluck().all(ids, ids, JSON.stringify([...aliases]), after, before ?? Number.MAX_SAFE_INTEGER, hi, ...(under?.args ?? [])) as number[];
    yield* this.seenLots(found);
  }

  /** These commits (ids, in git's order) as seen() gives them, a lot's rows and files at a time. */
  private *seenLots(ids: readonly number[]): Generator<SeenRecord> {
    // The caller mostly stops long before the end, and a lot's files are one statement, read once
    // one of its commits asks.
    const head = this.stmt(`${SEEN} WHERE c.id IN (SELECT value FROM json_each(?))`).raw();
    const names = this.stmt('SELECT commit_id, path, old_path FROM changes WHERE commit_id IN (SELECT value FROM json_each(?)) ORDER BY commit_id, id').raw();
    for (let at = 0; at < ids.length; at += SEEN_LOT) {
      const lot = ids.slice(at, at + SEEN_LOT);
      const rows = new Map((head.all(JSON.stringify(lot)) as SeenRow[]).map((r) => [r[0], r]));
      this.readPeople([...rows.values()].flatMap((r) => [r[4], r[5]]));
      let files: Map<number, string[]> | null = null;
      const filesOf = (id: number): string[] => {
        if (!files) {
          files = new Map();
          const changes = names.all(JSON.stringify(lot)) as Array<[number, number, number | null]>;
          this.readPaths(changes);
          for (const [commit, path, old] of changes) {
            let list = files.get(commit);
            if (!list) files.set(commit, (list = []));
            if (old !== null) list.push(this.paths.get(old)!.toString('latin1'));
            list.push(this.paths.get(path)!.toString('latin1'));
          }
        }
        return files.get(id) ?? [];
      };
      for (const id of lot) {
        const [, ord, sha, time, author, committer, trailers] = rows.get(id)!;
        yield { sha, ord, time, authorEmail: this.people.get(author)![1].toString('latin1'), committerEmail: this.people.get(committer)![1].toString('latin1'), trailers, files: () => filesOf(id) };
      }
    }
  }

  /**
   * Whether the tip reaches a commit. The store places every commit the tip reaches (merges in
   * `merges`), so one it places nowhere is not reached when it is known to be a commit of the
   * repository (`known`: git has read it); else null.
   */
  reached(sha: string, known = false): boolean | null {
    if (this.placeOf(sha) !== undefined) return true;
    // One the store holds without a place is a commit it read once (another branch's): not reached.
    return known || this.stmt('SELECT 1 FROM commits WHERE sha = ?').get(sha) !== undefined ? false : null;
  }

  /**
   * Whether every commit the tip reaches before `ord` in git's order is dated in [since, until]:
   * then the first commit of walk() over those dates that touches a path is the path's newest
   * (newestUnder) too, since no commit outside the window comes before it.
   */
  windowLeads(ord: number, since: number, until: number): boolean {
    const [lo, hi] = wholeSeconds(since, until);
    return this.stmt('SELECT NOT EXISTS (SELECT 1 FROM commits WHERE ord IS NOT NULL AND ord < ? AND (time < ? OR time > ?))').pluck().get(ord, lo, hi) === 1;
  }

  /** The first commit in git's order from the tip that changes a file at or under `prefix`, in or out of any window, with its subject (as a last commit is reported). */
  newestUnder(prefix: string): (TouchedCommit & Pick<CommitRecord, 'subject'>) | null {
    const range = rangeOf(prefix);
    let best: number | null;
    if (range === null) {
      best = this.stmt('SELECT MIN(c.ord) FROM commits c WHERE c.ord IS NOT NULL AND EXISTS (SELECT 1 FROM changes ch WHERE ch.commit_id = c.id)').pluck().get() as number | null;
    } else {
      const within = inRange(range);
      const byPath = this.stmt(`SELECT MIN(c.ord) FROM paths p JOIN changes ch ON ch.path = p.id JOIN commits c ON c.id = ch.commit_id WHERE ${within.sql} AND c.ord IS NOT NULL`).pluck();
      const byOld = this.stmt(`SELECT MIN(c.ord) FROM paths p JOIN changes ch ON ch.old_path = p.id JOIN commits c ON c.id = ch.commit_id WHERE ${within.sql} AND c.ord IS NOT NULL`).pluck();
      const found = [byPath.get(...within.args), byOld.get(...within.args)].filter((o): o is number => typeof o === 'number');
      best = found.length === 0 ? null : Math.min(...found);
    }
    if (best === null) return null;
    return this.stmt('SELECT ord, sha, time, subject FROM commits WHERE ord = ?').get(best) as TouchedCommit & { subject: Buffer };
  }

  close(): void {
    this.db.close();
  }
}

/** A store being written: add() each commit in git's order, then finish() (or abort()). */
export class StoreWriter {
  private readonly pathId: Map<string, number>;
  private readonly identId: Map<string, number>;
  private readonly addPath: BetterSqlite3.Statement;
  private readonly addIdent: BetterSqlite3.Statement;
  private readonly addCommit: BetterSqlite3.Statement;
  private readonly addChange: BetterSqlite3.Statement;
  private readonly addMergeRow: BetterSqlite3.Statement;
  private readonly addNamed: BetterSqlite3.Statement;
  private readonly setPeople: BetterSqlite3.Statement;
  private nextPath: number;
  private nextIdent: number;

  /** An appender's ids of paths and people already stored, looked up as they come. */
  private readonly findPath: BetterSqlite3.Statement | null;
  private readonly findIdent: BetterSqlite3.Statement | null;

  constructor(
    private readonly db: Database,
    private lastId: number,
    private readonly done: (db: Database) => Store,
    /** Appending to a store that holds paths and people already. */
    appending = false,
  ) {
    this.pathId = new Map();
    this.identId = new Map();
    const top = (table: string): number => (db.prepare(`SELECT COALESCE(MAX(id), 0) FROM ${table}`).pluck().get() as number) + 1;
    this.nextPath = appending ? top('paths') : 1;
    this.nextIdent = appending ? top('idents') : 1;
    this.findPath = appending ? db.prepare('SELECT id FROM paths WHERE path = ?').pluck() : null;
    this.findIdent = appending ? db.prepare('SELECT id FROM idents WHERE name = ? AND email = ?').pluck() : null;
    this.addPath = db.prepare('INSERT INTO paths (id, path) VALUES (?, ?)');
    this.addIdent = db.prepare('INSERT INTO idents (id, name, email) VALUES (?, ?, ?)');
    this.addCommit = db.prepare('INSERT INTO commits (id, sha, ord, time, author, committer, subject, trailers, unread) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.addMergeRow = db.prepare('INSERT INTO merges (sha, ord, time) VALUES (?, ?, ?)');
    this.addNamed = db.prepare('INSERT INTO named (email, commit_id) VALUES (?, ?)');
    this.setPeople = db.prepare('UPDATE commits SET author = ?, committer = ? WHERE sha = ?');
    this.addChange = db.prepare('INSERT INTO changes (commit_id, time, path, old_path, status, added, removed, gitlink) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  }

  /** A commit's people again, as git maps them now (a changed mailmap): latin1 views. */
  remap(sha: string, authorName: string, authorEmail: string, committerName: string, committerEmail: string): void {
    this.setPeople.run(this.ident(authorName, authorEmail), this.ident(committerName, committerEmail), sha);
  }

  /** Adds a commit; `ord` is its place in git's order from the tip (null: placed later, by reorder()). */
  add(c: StoredCommit, ord: number | null = this.lastId): void {
    const id = ++this.lastId;
    this.addCommit.run(id, c.sha, ord, c.time, this.ident(c.authorName, c.authorEmail), this.ident(c.committerName, c.committerEmail), bytes(c.subject), c.trailers, c.unreadable ? 1 : 0);
    for (const ch of c.changes) this.addChange.run(id, c.time, this.path(ch.path), ch.from === null ? null : this.path(ch.from), ch.status, ch.added, ch.removed, ch.gitlink ? 1 : 0);
    for (const email of namedEmails(c.trailers)) this.addNamed.run(email, id);
  }

  /** Keeps a merge's place in git's walk: the store holds no merge, but an update compares walks by them too. */
  addMerge(sha: string, ord: number, time: number): void {
    this.addMergeRow.run(sha, ord, time);
  }

  /** Commits what was added and builds the indexes. */
  finish(): Store {
    this.db.exec('COMMIT');
    this.db.exec(INDEXES);
    return this.done(this.db);
  }

  /** Nothing is kept: the caller removes the file. */
  abort(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }

  private path(p: string): number {
    let id = this.pathId.get(p);
    if (id === undefined) {
      id = this.findPath?.get(bytes(p)) as number | undefined;
      if (id === undefined) this.addPath.run((id = this.nextPath++), bytes(p));
      this.pathId.set(p, id);
    }
    return id;
  }

  private ident(name: string, email: string): number {
    const key = `${name}\0${email}`;
    let id = this.identId.get(key);
    if (id === undefined) {
      id = this.findIdent?.get(bytes(name), bytes(email)) as number | undefined;
      if (id === undefined) this.addIdent.run((id = this.nextIdent++), bytes(name), bytes(email));
      this.identId.set(key, id);
    }
    return id;
  }
}

/** A re-read pair's file as kept: every field FileChange has, paths as latin1 views of their bytes. */
type PairJson = [added: number, removed: number, binary: boolean, path: string, from: string | null, status: string | null, gitlink: boolean];

function toPairJson(f: FileChange): PairJson {
  return [f.added, f.removed, f.binary, f.path.toString('latin1'), f.from ? f.from.toString('latin1') : null, f.status ?? null, f.gitlink === true];
}

function fromPairJson([added, removed, binary, path, from, status, gitlink]: PairJson): FileChange {
  const f: FileChange = { added, removed, binary, path: Buffer.from(path, 'latin1') };
  if (from !== null) f.from = Buffer.from(from, 'latin1');
  if (status !== null) f.status = status;
  if (gitlink) f.gitlink = true;
  return f;
}
