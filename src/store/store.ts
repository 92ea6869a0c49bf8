// The index's storage (issue 16, work in progress; docs/index-storage.md): what kstat reads from
// history, kept in an SQLite file outside the repository. better-sqlite3 is an optional
// dependency loaded only here, so a run without an index pays nothing for it and a machine
// that could not build it still runs kstat.
//
// Paths are bytes (latin1 views of them, as PathIndex keys them) stored as BLOBs and matched by
// byte range, never LIKE: `%` and `_` are ordinary characters in a path.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/** The file format; a file of another version is rebuilt, never read. */
export const STORE_VERSION = 1;

/** One non-merge commit as the index keeps it, in the order `git log` printed it (`seq`). */
export interface StoredCommit {
  seq: number;
  sha: string;
  parents: string[];
  /** Committer date, epoch seconds. */
  time: number;
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  subject: string;
  /** `%(trailers:only,unfold)` as git printed it. */
  trailers: Buffer;
  changes: StoredChange[];
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
}

export interface TouchedCommit {
  seq: number;
  sha: string;
  time: number;
}

export class StoreUnavailableError extends Error {}

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
  seq INTEGER PRIMARY KEY,
  sha TEXT NOT NULL,
  parents TEXT NOT NULL,
  time INTEGER NOT NULL,
  author INTEGER NOT NULL REFERENCES idents,
  committer INTEGER NOT NULL REFERENCES idents,
  subject BLOB NOT NULL,
  trailers BLOB NOT NULL
);
CREATE TABLE changes (
  seq INTEGER NOT NULL REFERENCES commits,
  time INTEGER NOT NULL,
  path INTEGER NOT NULL REFERENCES paths,
  old_path INTEGER REFERENCES paths,
  status TEXT NOT NULL,
  added INTEGER,
  removed INTEGER
);`;

/** Made after the load: building them as rows arrive is slower (docs/index-storage.md). */
const INDEXES = `
CREATE UNIQUE INDEX commits_sha ON commits(sha);
CREATE INDEX changes_seq ON changes(seq);
CREATE INDEX changes_path ON changes(path, time, seq);
CREATE INDEX changes_old ON changes(old_path, time, seq) WHERE old_path IS NOT NULL;
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

export class Store {
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
   * A new store at `file` (which must not exist), written as commits arrive: one transaction
   * from here to finish(), so nothing is held in memory but the path and identity ids.
   */
  static create(file: string, meta: Record<string, string>): StoreWriter {
    const Sqlite = sqlite();
    const db = new Sqlite(file);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(SCHEMA);
    db.exec('BEGIN');
    const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    for (const [k, v] of Object.entries({ ...meta, version: String(STORE_VERSION) })) setMeta.run(k, v);
    return new StoreWriter(db, (d) => new Store(d));
  }

  /** An existing store, read-only; null when it was written by another version. */
  static open(file: string): Store | null {
    const Sqlite = sqlite();
    const db = new Sqlite(file, { readonly: true, fileMustExist: true });
    const row = db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string } | undefined;
    if (row?.value !== String(STORE_VERSION)) {
      db.close();
      return null;
    }
    return new Store(db);
  }

  meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** The ids of the paths at or under `prefix` (a file, or a directory with or without its slash). */
  private pathIds(prefix: string): number[] {
    const exact = bytes(prefix.replace(/\/+$/, ''));
    const dir = Buffer.concat([exact, Buffer.from('/')]);
    const end = prefixEnd(dir)!;
    const rows = this.db.prepare('SELECT id FROM paths WHERE path = ? OR (path >= ? AND path < ?)').all(exact, dir, end) as Array<{ id: number }>;
    return rows.map((r) => r.id);
  }

  /**
   * Commits that change a file at or under `prefix` (as source or target of a move too), dated
   * in [since, until], in the order git printed them.
   */
  commitsUnder(prefix: string, since: number, until: number): TouchedCommit[] {
    const ids = this.pathIds(prefix);
    if (ids.length === 0) return [];
    const seqs = new Set<number>();
    const byPath = this.db.prepare('SELECT seq FROM changes INDEXED BY changes_path WHERE path = ? AND time >= ? AND time <= ?');
    const byOld = this.db.prepare('SELECT seq FROM changes INDEXED BY changes_old WHERE old_path = ? AND time >= ? AND time <= ?');
    for (const id of ids) {
      for (const r of byPath.all(id, since, until) as Array<{ seq: number }>) seqs.add(r.seq);
      for (const r of byOld.all(id, since, until) as Array<{ seq: number }>) seqs.add(r.seq);
    }
    const commit = this.db.prepare('SELECT seq, sha, time FROM commits WHERE seq = ?');
    return [...seqs].sort((a, b) => a - b).map((s) => commit.get(s) as TouchedCommit);
  }

  /** The first commit git printed that changes a file at or under `prefix`, in or out of any window. */
  newestUnder(prefix: string): TouchedCommit | null {
    let best: number | null = null;
    const first = this.db.prepare('SELECT MIN(seq) AS seq FROM changes WHERE path = ?');
    const firstOld = this.db.prepare('SELECT MIN(seq) AS seq FROM changes WHERE old_path = ?');
    for (const id of this.pathIds(prefix)) {
      for (const q of [first, firstOld]) {
        const r = q.get(id) as { seq: number | null };
        if (r.seq !== null && (best === null || r.seq < best)) best = r.seq;
      }
    }
    return best === null ? null : (this.db.prepare('SELECT seq, sha, time FROM commits WHERE seq = ?').get(best) as TouchedCommit);
  }

  close(): void {
    this.db.close();
  }
}

/** A store being written: add() each commit in git's order, then finish() (or abort()). */
export class StoreWriter {
  private readonly pathId = new Map<string, number>();
  private readonly identId = new Map<string, number>();
  private readonly addPath: BetterSqlite3.Statement;
  private readonly addIdent: BetterSqlite3.Statement;
  private readonly addCommit: BetterSqlite3.Statement;
  private readonly addChange: BetterSqlite3.Statement;

  constructor(
    private readonly db: Database,
    private readonly done: (db: Database) => Store,
  ) {
    this.addPath = db.prepare('INSERT INTO paths (id, path) VALUES (?, ?)');
    this.addIdent = db.prepare('INSERT INTO idents (id, name, email) VALUES (?, ?, ?)');
    this.addCommit = db.prepare('INSERT INTO commits (seq, sha, parents, time, author, committer, subject, trailers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.addChange = db.prepare('INSERT INTO changes (seq, time, path, old_path, status, added, removed) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  add(c: StoredCommit): void {
    this.addCommit.run(c.seq, c.sha, c.parents.join(' '), c.time, this.ident(c.authorName, c.authorEmail), this.ident(c.committerName, c.committerEmail), bytes(c.subject), c.trailers);
    for (const ch of c.changes) this.addChange.run(c.seq, c.time, this.path(ch.path), ch.from === null ? null : this.path(ch.from), ch.status, ch.added, ch.removed);
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
      id = this.pathId.size + 1;
      this.pathId.set(p, id);
      this.addPath.run(id, bytes(p));
    }
    return id;
  }

  private ident(name: string, email: string): number {
    const key = `${name}\0${email}`;
    let id = this.identId.get(key);
    if (id === undefined) {
      id = this.identId.size + 1;
      this.identId.set(key, id);
      this.addIdent.run(id, bytes(name), bytes(email));
    }
    return id;
  }
}
