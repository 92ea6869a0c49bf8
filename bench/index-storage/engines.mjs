// The two storage engines behind one small interface: build an index file from parsed commits,
// and run the four benchmark queries Q1–Q4 (plus Q3 in three shapes) on it.
// Both packages are loaded lazily (dynamic import / createRequire inside the functions).
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);

/** Smallest byte string greater than every string starting with `p` (p ends with '/', so '/'+1 = '0'). */
export function upper(p) {
  const u = Buffer.from(p);
  let i = u.length - 1;
  while (i >= 0 && u[i] === 0xff) i--;
  if (i < 0) return null;
  u[i]++;
  return u.subarray(0, i + 1);
}

const now = () => performance.now();

// ---------------------------------------------------------------- SQLite (better-sqlite3)

/**
 * SQLite layouts. `time` (committer date) is copied into changes so a change can be filtered by
 * date without visiting its commit.
 *   'rowid-seq'   flat rows (paths, names inline), index changes(path, seq); Q1 tests the date on commits
 *   'rowid-time'  flat rows, index changes(path, time); the date test stays in the index
 *   'normalized'  each distinct path and identity stored once (paths, idents), changes hold ids;
 *                 index changes(path, time, seq)
 *   'normalized-seq'  the same, index changes(path, seq, time)
 */
const FLAT_TABLES = `
CREATE TABLE commits (
  seq INTEGER PRIMARY KEY,     -- position in git log's output (0 = HEAD's side)
  sha TEXT NOT NULL,
  parents TEXT NOT NULL,       -- space-separated shas
  time INTEGER NOT NULL,       -- committer date, epoch seconds
  author_name TEXT NOT NULL, author_email TEXT NOT NULL,
  committer_name TEXT NOT NULL, committer_email TEXT NOT NULL,
  subject TEXT NOT NULL, trailers TEXT NOT NULL
);`;
export const NORMALIZED_TABLES = `
CREATE TABLE paths (id INTEGER PRIMARY KEY, path BLOB NOT NULL UNIQUE);      -- bytes as git printed them
CREATE TABLE idents (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);
CREATE TABLE commits (
  seq INTEGER PRIMARY KEY,     -- position in git log's output (0 = newest side)
  sha TEXT NOT NULL,
  parents TEXT NOT NULL,       -- space-separated shas
  time INTEGER NOT NULL,       -- committer date, epoch seconds
  author INTEGER NOT NULL REFERENCES idents, committer INTEGER NOT NULL REFERENCES idents,
  subject TEXT NOT NULL, trailers TEXT NOT NULL
);
CREATE TABLE changes (
  seq INTEGER NOT NULL REFERENCES commits,
  time INTEGER NOT NULL,       -- commits.time, copied
  path INTEGER NOT NULL REFERENCES paths,
  old_path INTEGER REFERENCES paths,   -- rename or copy source
  status TEXT NOT NULL,        -- A M D T R C
  added INTEGER, removed INTEGER       -- NULL for a binary file
);`;
export function sqliteTables(layout) {
  if (layout.startsWith('normalized')) return NORMALIZED_TABLES;
  const cols = `seq INTEGER NOT NULL, time INTEGER NOT NULL, path BLOB NOT NULL, old_path BLOB,
  status TEXT NOT NULL, added INTEGER, removed INTEGER`;
  return FLAT_TABLES + `CREATE TABLE changes (${cols});`;
}
export function sqliteIndexes(layout) {
  const ix = [
    'CREATE UNIQUE INDEX commits_sha ON commits(sha);',
    'CREATE INDEX changes_seq ON changes(seq);',
  ];
  const cols = { 'rowid-seq': 'seq', 'rowid-time': 'time', normalized: 'time, seq', 'normalized-seq': 'seq, time' }[layout];
  ix.push(`CREATE INDEX changes_path ON changes(path, ${cols});`);
  ix.push(`CREATE INDEX changes_old ON changes(old_path, ${cols}) WHERE old_path IS NOT NULL;`);
  return ix.join('\n');
}

/**
 * Build an SQLite index. `feed(insertCommit)` calls insertCommit(c) for each commit (sync) and
 * returns a promise. opts: {layout, journal: 'off'|'wal'|'delete', indexesFirst: bool}.
 */
export async function sqliteBuild(file, feed, opts) {
  const t0 = now();
  const Database = require('better-sqlite3');
  for (const f of [file, file + '-wal', file + '-shm', file + '-journal']) fs.rmSync(f, { force: true });
  const db = new Database(file);
  if (opts.journal === 'off') { db.pragma('journal_mode = OFF'); db.pragma('synchronous = OFF'); }
  else if (opts.journal === 'wal') { db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); }
  // 'delete': SQLite's defaults (rollback journal, synchronous FULL)
  db.exec(sqliteTables(opts.layout));
  if (opts.indexesFirst) db.exec(sqliteIndexes(opts.layout));
  let insertMs = 0;
  let insert;
  if (opts.layout.startsWith('normalized')) {
    const insP = db.prepare('INSERT INTO paths VALUES (?, ?)');
    const insI = db.prepare('INSERT INTO idents VALUES (?, ?, ?)');
    const insC = db.prepare('INSERT INTO commits VALUES (?,?,?,?,?,?,?,?)');
    const insX = db.prepare('INSERT INTO changes VALUES (?,?,?,?,?,?,?)');
    const paths = new Map(), idents = new Map();
    const pathId = (b) => { const k = b.toString('latin1'); let id = paths.get(k); if (id === undefined) { id = paths.size + 1; paths.set(k, id); insP.run(id, b); } return id; };
    const identId = (n, e) => { const k = n + '\0' + e; let id = idents.get(k); if (id === undefined) { id = idents.size + 1; idents.set(k, id); insI.run(id, n, e); } return id; };
    insert = (c) => {
      insC.run(c.seq, c.sha, c.parents, c.time, identId(c.an, c.ae), identId(c.cn, c.ce), c.subject, c.trailers);
      for (const f of c.files) insX.run(c.seq, c.time, pathId(f.path), f.old ? pathId(f.old) : null, f.status, f.added, f.removed);
    };
  } else {
    const insC = db.prepare('INSERT INTO commits VALUES (?,?,?,?,?,?,?,?,?,?)');
    const insX = db.prepare('INSERT INTO changes VALUES (?,?,?,?,?,?,?)');
    insert = (c) => {
      insC.run(c.seq, c.sha, c.parents, c.time, c.an, c.ae, c.cn, c.ce, c.subject, c.trailers);
      for (const f of c.files) insX.run(c.seq, c.time, f.path, f.old, f.status, f.added, f.removed);
    };
  }
  db.exec('BEGIN');
  await feed((c) => { const a = now(); insert(c); insertMs += now() - a; });
  const tc = now();
  db.exec('COMMIT');
  const commitMs = now() - tc;
  const ti = now();
  if (!opts.indexesFirst) db.exec(sqliteIndexes(opts.layout));
  const indexMs = now() - ti;
  const ta = now();
  db.exec('ANALYZE');
  const analyzeMs = now() - ta;
  if (opts.journal === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
  const objects = db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY 2 DESC').all();
  db.close();
  return { totalMs: now() - t0, insertMs, commitMs, indexMs, analyzeMs, bytes: fileBytes(file), objects };
}

function fileBytes(file) {
  let n = 0;
  for (const f of [file, file + '-wal', file + '.wal']) if (fs.existsSync(f)) n += fs.statSync(f).size;
  return n;
}

/**
 * The queries, SQLite flavour. A change is under prefix P when its path is, or (a rename or copy
 * out of P) its old path is. Join order is forced with CROSS JOIN: left to itself the planner
 * scanned every commit and looked changes up by seq (ANALYZE's estimate of a BLOB range is poor).
 */
export function sqliteQueries(db, layout) {
  const norm = layout.startsWith('normalized');
  const tcol = layout === 'rowid-seq' ? 'c.time' : 'x.time';
  // the two sides as FROM + WHERE, over range bounds lo/hi (SQL expressions)
  const side = (lo, hi, old) => {
    if (!norm) {
      const inP = (col) => `x.${col} >= ${lo} AND x.${col} < ${hi}`;
      const forced = 'changes x INDEXED BY changes_path';
      return old ? { from: 'changes x', where: `${inP('old_path')} AND NOT (${inP('path')})`, path: 'x.path', old: 'x.old_path' }
        : { from: forced, where: inP('path'), path: 'x.path', old: 'x.old_path' };
    }
    return old
      ? { from: 'paths po CROSS JOIN changes x CROSS JOIN paths pn', where: `po.path >= ${lo} AND po.path < ${hi} AND x.old_path = po.id AND pn.id = x.path AND NOT (pn.path >= ${lo} AND pn.path < ${hi})`, path: 'pn.path', old: 'po.path' }
      : { from: 'paths pn CROSS JOIN changes x LEFT JOIN paths po ON po.id = x.old_path', where: `pn.path >= ${lo} AND pn.path < ${hi} AND x.path = pn.id`, path: 'pn.path', old: 'po.path' };
  };
  const names = norm ? 'a.name, a.email' : 'c.author_name, c.author_email';
  const withCommit = (sd, cols, extra = '') => `SELECT ${cols} FROM ${sd.from} CROSS JOIN commits c${norm && cols.includes('a.name') ? ' JOIN idents a ON a.id = c.author' : ''}
     WHERE ${sd.where} AND c.seq = x.seq AND ${tcol} BETWEEN @since AND @until${extra}`;
  const both = (lo, hi, cols) => [side(lo, hi, false), side(lo, hi, true)].map((sd) => withCommit(sd, cols(sd))).join('\n    UNION ALL\n    ');
  const q1 = db.prepare(`${both('@lo', '@hi', (sd) => `x.seq, c.sha, c.time, ${names}, ${sd.path}, ${sd.old}, x.status, x.added, x.removed`)}
    ORDER BY 1`).raw(true);
  // Q2: newest commit touching the prefix, any date
  const minOf = (sd) => `SELECT MIN(x.seq) AS s FROM ${sd.from} WHERE ${sd.where}`;
  const minOfNorm = (col) => `SELECT MIN((SELECT MIN(x.seq) FROM changes x WHERE x.${col} = p.id)) AS s FROM paths p WHERE p.path >= @lo AND p.path < @hi`;
  const q2 = db.prepare(`SELECT c.* FROM commits c WHERE c.seq = (SELECT MIN(s) FROM (
      ${norm ? minOfNorm('path') : minOf(side('@lo', '@hi', false))} UNION ALL ${norm ? minOfNorm('old_path') : minOf(side('@lo', '@hi', true))}))`);
  const q3one = db.prepare(`
    SELECT COUNT(DISTINCT seq) AS commits, TOTAL(a) AS added, TOTAL(r) AS removed FROM (
      ${withCommit(side('@lo', '@hi', false), 'x.seq, x.added AS a, x.removed AS r')}
      UNION ALL
      ${withCommit(side('@lo', '@hi', true), 'x.seq, 0, 0')})`);
  const q3join = `
    SELECT lo, COUNT(DISTINCT seq), TOTAL(a), TOTAL(r) FROM (
      ${withCommit({ ...side('q.lo', 'q.hi', false), from: 'pfx q CROSS JOIN ' + side('q.lo', 'q.hi', false).from }, 'q.lo, x.seq, x.added AS a, x.removed AS r')}
      UNION ALL
      ${withCommit({ ...side('q.lo', 'q.hi', true), from: 'pfx q CROSS JOIN ' + side('q.lo', 'q.hi', true).from }, 'q.lo, x.seq, 0, 0')})
    GROUP BY lo`;
  const q4 = db.prepare(`
    SELECT strftime('%Y-%m', t, 'unixepoch') AS month, COUNT(DISTINCT seq) AS commits FROM (
      ${withCommit(side('@lo', '@hi', false), `x.seq, ${tcol} AS t`)}
      UNION ALL
      ${withCommit(side('@lo', '@hi', true), `x.seq, ${tcol}`)})
    GROUP BY month ORDER BY month`);
  const p = (prefix, w) => ({ lo: Buffer.from(prefix), hi: upper(prefix), since: w.since, until: w.until });
  return {
    Q1: (prefix, w) => q1.all(p(prefix, w)),
    Q2: (prefix) => q2.get({ lo: Buffer.from(prefix), hi: upper(prefix) }),
    // Q3a: one prepared statement run per prefix
    Q3: (prefixes, w) => prefixes.map((pr) => { const r = q3one.get(p(pr, w)); return [pr, r.commits, r.added, r.removed]; }),
    // Q3b: one statement, prefixes in a temp table joined by range
    Q3join: (prefixes, w) => {
      db.exec('CREATE TEMP TABLE IF NOT EXISTS pfx (lo BLOB PRIMARY KEY, hi BLOB) WITHOUT ROWID; DELETE FROM pfx;');
      const ins = db.prepare('INSERT INTO pfx VALUES (?, ?)');
      for (const pr of prefixes) ins.run(Buffer.from(pr), upper(pr));
      const rows = db.prepare(q3join).raw(true).all({ since: w.since, until: w.until });
      return rows.map((r) => [r[0].toString(), r[1], r[2], r[3]]);
    },
    Q4: (prefix, w) => q4.all(p(prefix, w)).map((r) => [r.month, r.commits]),
    explain: (prefix, w) => db.prepare(`EXPLAIN QUERY PLAN ${q1.source}`).all(p(prefix, w)).map((r) => r.detail).join('; '),
  };
}

export async function sqliteOpen(file) {
  const Database = require('better-sqlite3');
  return new Database(file, { readonly: true, fileMustExist: true });
}

// ---------------------------------------------------------------- DuckDB (@duckdb/node-api)

export const DUCKDB_TABLES = `
CREATE TABLE commits (
  seq INTEGER NOT NULL PRIMARY KEY, sha VARCHAR NOT NULL, parents VARCHAR NOT NULL, time BIGINT NOT NULL,
  author_name VARCHAR NOT NULL, author_email VARCHAR NOT NULL, committer_name VARCHAR NOT NULL, committer_email VARCHAR NOT NULL,
  subject VARCHAR NOT NULL, trailers VARCHAR NOT NULL);
CREATE TABLE changes (
  seq INTEGER NOT NULL, time BIGINT NOT NULL, path BLOB NOT NULL, old_path BLOB, status VARCHAR NOT NULL,
  added INTEGER, removed INTEGER);`;

/** opts: {sorted: bool} — rewrite changes ordered by path so row-group min/max (zone maps) prune range scans. */
export async function duckdbBuild(file, feed, opts) {
  const t0 = now();
  const { DuckDBInstance } = await import('@duckdb/node-api');
  for (const f of [file, file + '.wal']) fs.rmSync(f, { force: true });
  const inst = await DuckDBInstance.create(file);
  const con = await inst.connect();
  // the PRIMARY KEY on commits would make appends check a unique index row by row: create it without, add later
  await con.run(DUCKDB_TABLES.replace('seq INTEGER NOT NULL PRIMARY KEY', 'seq INTEGER NOT NULL'));
  const ac = await con.createAppender('commits');
  const ax = await con.createAppender('changes');
  let insertMs = 0;
  await feed((c) => {
    const a = now();
    const time = BigInt(c.time);
    ac.appendInteger(c.seq); ac.appendVarchar(c.sha); ac.appendVarchar(c.parents); ac.appendBigInt(time);
    ac.appendVarchar(c.an); ac.appendVarchar(c.ae); ac.appendVarchar(c.cn); ac.appendVarchar(c.ce);
    ac.appendVarchar(c.subject); ac.appendVarchar(c.trailers); ac.endRow();
    for (const f of c.files) {
      ax.appendInteger(c.seq); ax.appendBigInt(time); ax.appendBlob(f.path);
      if (f.old) ax.appendBlob(f.old); else ax.appendNull();
      ax.appendVarchar(f.status);
      if (f.added === null) { ax.appendNull(); ax.appendNull(); } else { ax.appendInteger(f.added); ax.appendInteger(f.removed); }
      ax.endRow();
    }
    insertMs += now() - a;
  });
  const tf = now();
  ac.flushSync(); ac.closeSync(); ax.flushSync(); ax.closeSync();
  const flushMs = now() - tf;
  const ti = now();
  if (opts.sorted) {
    await con.run('CREATE TABLE changes2 AS SELECT * FROM changes ORDER BY path, seq; DROP TABLE changes; ALTER TABLE changes2 RENAME TO changes;');
  }
  await con.run('CHECKPOINT');
  const indexMs = now() - ti;
  con.closeSync(); inst.closeSync();
  return { totalMs: now() - t0, insertMs, commitMs: flushMs, indexMs, analyzeMs: 0, bytes: fileBytes(file) };
}

export async function duckdbOpen(file) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const con = await inst.connect();
  return { inst, con };
}

const num = (v) => (v === null ? null : Number(v));

export async function duckdbQueries({ con }) {
  const hdr = 'x.seq, c.sha, c.time, c.author_name, c.author_email, x.path, x.old_path, x.status, x.added, x.removed';
  const inP = (col) => `x.${col} >= $lo AND x.${col} < $hi`;
  const prep = async (sql) => con.prepare(sql);
  const q1 = await prep(`
    SELECT ${hdr} FROM changes x JOIN commits c ON c.seq = x.seq
     WHERE ${inP('path')} AND x.time BETWEEN $since AND $until
    UNION ALL
    SELECT ${hdr} FROM changes x JOIN commits c ON c.seq = x.seq
     WHERE ${inP('old_path')} AND NOT (${inP('path')}) AND x.time BETWEEN $since AND $until
    ORDER BY 1`);
  const q2 = await prep(`
    SELECT c.* FROM commits c WHERE c.seq = (SELECT MIN(x.seq) FROM changes x
      WHERE ${inP('path')} OR ${inP('old_path')})`);
  const q3one = await prep(`
    SELECT COUNT(DISTINCT seq), COALESCE(SUM(a), 0), COALESCE(SUM(r), 0) FROM (
      SELECT x.seq, x.added AS a, x.removed AS r FROM changes x WHERE ${inP('path')} AND x.time BETWEEN $since AND $until
      UNION ALL
      SELECT x.seq, 0, 0 FROM changes x WHERE ${inP('old_path')} AND NOT (${inP('path')}) AND x.time BETWEEN $since AND $until)`);
  const q4 = await prep(`
    SELECT strftime(make_timestamp(x.time * 1000000), '%Y-%m') AS month, COUNT(DISTINCT x.seq) FROM changes x
     WHERE (${inP('path')} OR ${inP('old_path')}) AND x.time BETWEEN $since AND $until
     GROUP BY month ORDER BY month`);
  const bind = (st, prefix, w) => {
    st.clearBindings();
    st.bind({ lo: blob(prefix), hi: blob(upper(prefix)), ...(w ? { since: big(w.since), until: big(w.until) } : {}) });
  };
  const { blobValue } = await import('@duckdb/node-api');
  const blob = (p) => blobValue(Buffer.from(p));
  const big = (n) => BigInt(n);
  return {
    Q1: async (prefix, w) => { bind(q1, prefix, w); return (await q1.runAndReadAll()).getRowsJS(); },
    Q2: async (prefix) => { bind(q2, prefix, null); return (await q2.runAndReadAll()).getRowObjectsJS()[0]; },
    Q3: async (prefixes, w) => {
      const out = [];
      for (const pr of prefixes) { bind(q3one, pr, w); const r = (await q3one.runAndReadAll()).getRows()[0]; out.push([pr, num(r[0]), num(r[1]), num(r[2])]); }
      return out;
    },
    Q3join: async (prefixes, w) => {
      // a read-only database takes no appender, even on a temp table: the prefixes go in as hex literals
      const hex = (b) => `from_hex('${Buffer.from(b).toString('hex')}')`;
      const values = prefixes.map((pr) => `(${hex(pr)}, ${hex(upper(pr))})`).join(',');
      const r = await con.runAndReadAll(`
        SELECT lo, COUNT(DISTINCT seq), COALESCE(SUM(a), 0), COALESCE(SUM(r), 0) FROM (
          SELECT p.lo, x.seq, x.added AS a, x.removed AS r FROM (VALUES ${values}) p(lo, hi) JOIN changes x ON x.path >= p.lo AND x.path < p.hi
           WHERE x.time BETWEEN ${w.since} AND ${w.until}
          UNION ALL
          SELECT p.lo, x.seq, 0, 0 FROM (VALUES ${values}) p(lo, hi) JOIN changes x ON x.old_path >= p.lo AND x.old_path < p.hi
           WHERE NOT (x.path >= p.lo AND x.path < p.hi) AND x.time BETWEEN ${w.since} AND ${w.until})
        GROUP BY lo`);
      return r.getRowsJS().map((row) => [Buffer.from(row[0]).toString(), num(row[1]), num(row[2]), num(row[3])]);
    },
    Q4: async (prefix, w) => { bind(q4, prefix, w); return (await q4.runAndReadAll()).getRows().map((r) => [r[0], num(r[1])]); },
  };
}
