// Test oracle: the figures of docs/signals.md for one path, computed with plain git commands and
// deliberately naive code (one git process per commit / per blob). It shares nothing with
// kstat's implementation except the `Signals` type, so end-to-end tests can compare the two.
//
// Git behaviour this relies on (checked with git 2.39):
// - `--since-as-filter=` / `--until=` are inclusive at both ends (a commit dated exactly at a bound
//   is kept).
// - Dates are passed as `@<epoch> +0000` (git's raw "object header" form). The bare `@<epoch>` form
//   is NOT safe: git only reads a bare number as epoch seconds when it is >= 100000000 (1973); below
//   that it silently means something else (e.g. `--until=@0` keeps every commit).
// - As a belt-and-braces check the oracle also filters the undated commit list by `%ct` itself and
//   throws if git's date filter disagrees.
// - A mode-only change is a commit under the path with numstat `0\t0`.
// - `git log -- .` drops empty commits, like any other path.
import { execFileSync } from 'node:child_process';
import type { MonthFigures as ReportMonth, Signals } from '../../src/types.js';

/** A month as the oracle counts it: substantive work has its own oracle (oracle-people.ts). */
export type MonthFigures = Omit<ReportMonth, 'substantive'>;
/** The figures of docs/signals.md "Signals", months without their substantive count. */
export type OracleFigures = Omit<Signals, 'monthly'> & { monthly: MonthFigures[] };
import { hermeticGitEnv } from '../../fixtures/git-env.js';

export interface OracleQuery {
  /** Repository directory (worktree root or bare repository). */
  repo: string;
  /** Revision whose history and tree are examined. */
  rev: string;
  /** Repo-relative path, literal; trailing `/` optional; `.` = whole tree. */
  path: string;
  /** Inclusive window bounds, epoch seconds. */
  since: number;
  until: number;
  /** Extra environment for every git process (a global config file, say); repository config applies anyway. */
  env?: Record<string, string>;
}

const MAX_BUFFER = 256 * 1024 * 1024;

export function git(q: OracleQuery, args: string[]): Buffer {
  return execFileSync('git', ['--literal-pathspecs', ...args], {
    cwd: q.repo,
    env: hermeticGitEnv(q.env),
    maxBuffer: MAX_BUFFER,
    encoding: 'buffer',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Splits NUL-terminated output into its fields (the final terminator yields no empty field). */
export function splitNul(out: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === 0) {
      fields.push(out.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < out.length) fields.push(out.subarray(start));
  return fields;
}

function lines(out: Buffer): string[] {
  return out
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
}

/** `@<epoch> +0000`: git's raw date form, read exactly for any epoch >= 0. */
export function gitDate(epoch: number): string {
  if (!Number.isInteger(epoch) || epoch < 0) throw new Error(`oracle: bad epoch ${epoch}`);
  return `@${epoch} +0000`;
}

/** `YYYY-MM` of an epoch second, UTC. */
export function monthOf(epoch: number): string {
  return new Date(epoch * 1000).toISOString().slice(0, 7);
}

/** Every UTC month from since's month to until's month inclusive. */
export function monthsBetween(since: number, until: number): string[] {
  const first = new Date(since * 1000);
  const last = new Date(until * 1000);
  let y = first.getUTCFullYear();
  let m = first.getUTCMonth();
  const months: string[] = [];
  while (y < last.getUTCFullYear() || (y === last.getUTCFullYear() && m <= last.getUTCMonth())) {
    months.push(`${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`);
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return months;
}

/** `2026-04-21T00:00:00Z` */
export function isoSeconds(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** '' for the whole tree, else the path without trailing slashes. */
export function normalisePath(path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '.' || p === '') return '';
  if (p.startsWith('/') || p.startsWith('./') || p.split('/').includes('..')) {
    throw new Error(`oracle: path must be repo-relative and plain: ${path}`);
  }
  return p;
}

export interface Commit {
  sha: string;
  ct: number;
}

function parseShaCt(out: Buffer): Commit[] {
  return lines(out).map((l) => {
    const [sha, ct] = l.split(' ');
    if (sha === undefined || ct === undefined || !/^\d+$/.test(ct)) throw new Error(`oracle: bad log line ${l}`);
    return { sha, ct: Number(ct) };
  });
}

/** C(path): non-merge commits reachable from rev, touching path, committer date in [since, until]. */
export function commitSet(q: OracleQuery, pathspec: string): Commit[] {
  const base = ['log', '--full-history', '--no-merges', '--format=%H %ct'];
  const byGit = parseShaCt(
    // git holds no commit date before 1970: a window starting earlier filters nothing out.
    git(q, [...base, ...(q.since > 0 ? [`--since-as-filter=${gitDate(q.since)}`] : []), `--until=${gitDate(q.until)}`, q.rev, '--', pathspec]),
  );
  // Cross-check git's date filter against the plain arithmetic one.
  const byHand = parseShaCt(git(q, [...base, q.rev, '--', pathspec])).filter((c) => c.ct >= q.since && c.ct <= q.until);
  const a = byGit.map((c) => c.sha).join(',');
  const b = byHand.map((c) => c.sha).join(',');
  if (a !== b) throw new Error(`oracle: git's date filter disagrees with %ct filtering:\n${a}\n${b}`);
  return byGit;
}

/** Sum of `git log --numstat` for one commit, limited to the path (renames detected inside it only). */
export function churn(q: OracleQuery, sha: string, pathspec: string): { added: number; removed: number } {
  const fields = splitNul(git(q, ['log', '-1', '-M', '--root', '--numstat', '-z', '--format=', sha, '--', pathspec]));
  let added = 0;
  let removed = 0;
  let i = 0;
  while (i < fields.length) {
    const rec = fields[i]!.toString('latin1');
    // `added\tremoved\tpath` or, for a rename, `added\tremoved\t` followed by src and dst fields.
    const m = /^(-|\d+)\t(-|\d+)\t/.exec(rec);
    if (!m) throw new Error(`oracle: bad numstat record ${JSON.stringify(rec)} for ${sha}`);
    const rest = rec.slice(m[0].length);
    i += rest === '' ? 3 : 1;
    if (i > fields.length) throw new Error(`oracle: truncated rename record for ${sha}`);
    if (m[1] !== '-') added += Number(m[1]);
    if (m[2] !== '-') removed += Number(m[2]);
  }
  return { added, removed };
}

/** Distinct mailmapped authors: e-mail lower-cased (ASCII), or the name (bytes) when the e-mail is empty. */
function authorCount(q: OracleQuery, shas: string[]): number {
  const keys = new Set<string>();
  for (const sha of shas) {
    const fields = splitNul(git(q, ['log', '-1', '-z', '--format=%aE%x00%aN', sha]));
    const [email, name] = fields;
    if (email === undefined || name === undefined || fields.length !== 2) throw new Error(`oracle: bad author output for ${sha}`);
    if (email.length > 0) {
      const lower = Buffer.from(email.map((b) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b)));
      keys.add('e:' + lower.toString('latin1'));
    } else {
      keys.add('n:' + name.toString('latin1'));
    }
  }
  return keys.size;
}

/** Line count (docs/signals.md): 0 for binary (NUL in first 8000 bytes); else `\n` count, +1 for an unterminated last line. */
export function countLines(content: Buffer): number {
  if (content.subarray(0, 8000).includes(0)) return 0;
  let n = 0;
  for (const b of content) if (b === 0x0a) n++;
  if (content.length > 0 && content[content.length - 1] !== 0x0a) n++;
  return n;
}

/** Regular files under the path in rev's tree, and the sum of their line counts. */
function treeFigures(q: OracleQuery, path: string): { files: number; lines: number } {
  const prefix = Buffer.from(path, 'utf8');
  const under = (name: Buffer): boolean =>
    path === '' || name.equals(prefix) || (name.length > prefix.length && name.subarray(0, prefix.length).equals(prefix) && name[prefix.length] === 0x2f);
  let files = 0;
  let total = 0;
  for (const entry of splitNul(git(q, ['ls-tree', '-r', '-z', '--full-tree', q.rev]))) {
    // `<mode> SP <type> SP <oid> TAB <name>`
    const tab = entry.indexOf(0x09);
    if (tab < 0) throw new Error(`oracle: bad ls-tree entry ${entry.toString('latin1')}`);
    const [mode, type, oid] = entry.subarray(0, tab).toString('latin1').split(' ');
    const name = entry.subarray(tab + 1);
    if (!under(name)) continue;
    if (mode !== '100644' && mode !== '100755') continue;
    if (type !== 'blob' || oid === undefined) throw new Error(`oracle: bad ls-tree entry ${entry.toString('latin1')}`);
    files++;
    total += countLines(git(q, ['cat-file', 'blob', oid]));
  }
  return { files, lines: total };
}

function lastCommit(q: OracleQuery, pathspec: string): Signals['last_commit'] {
  const out = git(q, ['log', '-1', '--full-history', '--no-merges', '-z', '--format=%H%x00%ct%x00%s', q.rev, '--', pathspec]);
  if (out.length === 0) return null;
  const [sha, ct, subject] = splitNul(out);
  if (sha === undefined || ct === undefined || subject === undefined) throw new Error('oracle: bad last-commit output');
  return { sha: sha.toString('utf8'), date: isoSeconds(Number(ct.toString('latin1'))), subject: subject.toString('utf8') };
}

export function oracleSignals(q: OracleQuery): OracleFigures {
  if (q.since > q.until) throw new Error(`oracle: since ${q.since} > until ${q.until}`);
  const path = normalisePath(q.path);
  const pathspec = path === '' ? '.' : path;

  const commits = commitSet(q, pathspec);
  const monthly: MonthFigures[] = monthsBetween(q.since, q.until).map((month) => ({ month, commits: 0, added: 0, removed: 0 }));
  const byMonth = new Map(monthly.map((m) => [m.month, m]));
  let added = 0;
  let removed = 0;
  for (const c of commits) {
    const d = churn(q, c.sha, pathspec);
    const m = byMonth.get(monthOf(c.ct));
    if (m === undefined) throw new Error(`oracle: commit ${c.sha} month ${monthOf(c.ct)} outside the window`);
    m.commits++;
    m.added += d.added;
    m.removed += d.removed;
    added += d.added;
    removed += d.removed;
  }

  const tree = treeFigures(q, path);
  return {
    files: tree.files,
    lines: tree.lines,
    commits: commits.length,
    added,
    removed,
    authors: authorCount(
      q,
      commits.map((c) => c.sha),
    ),
    active_months: monthly.filter((m) => m.commits > 0).length,
    monthly,
    last_commit: lastCommit(q, pathspec),
  };
}
