// Test oracle for substantive work and who does it (docs/signals.md "Substantive work"): which
// commits of a path's set are the path's own work and which are sweeps, and the author and domain
// figures built on that. Like oracle.ts it is naive on purpose (one `git diff-tree` per commit, the
// rule written out from its wording) and shares nothing with kstat's implementation, so
// end-to-end tests can compare the two.
//
// The rule, as the oracle reads it: a commit is a sweep for path P when its subject starts with
// `treewide:` (ASCII, any case), or when the files it changes outside P (every name diff-tree
// prints with renames off, so both sides of a rename) lie in at least K distinct directories at
// P's depth d: a file's directory is the one holding it, cut to its first d components; a file
// higher up keeps its (shorter) directory; a file at the top has the directory ``. A file is
// inside P when its name equals P or starts with `P/`; the whole tree has nothing outside it.
import type { CommitRef } from '../../src/types.js';
import { churn, commitSet, git, gitDate, isoSeconds, monthOf, monthsBetween, normalisePath, splitNul, type OracleQuery } from './oracle.js';

export interface SubstantiveQuery extends OracleQuery {
  /** K of `--sweep-dirs`. */
  sweepDirs: number;
  /** N of `--authors`. */
  authors: number;
}

/** What an author or a domain did in the window. */
interface Work {
  commits: number;
  added: number;
  removed: number;
  share: number;
  first: string;
  last: string;
  substantive_commits: number;
}

export interface AuthorEntry extends Work {
  name: string;
  email: string;
}

export interface DomainEntry extends Work {
  domain: string;
  authors: number;
}

/** The keys issue 13 adds to a path's report; `monthly` holds only each month's new `substantive`. */
export interface SubstantiveFigures {
  sweep_rule: { dirs: number };
  substantive_commits: number;
  sweep_commits: number;
  substantive_added: number;
  substantive_removed: number;
  substantive_authors: number;
  substantive_active_months: number;
  last_substantive_commit: CommitRef | null;
  monthly: { month: string; substantive: number }[];
  top_authors: AuthorEntry[];
  top_domains: DomainEntry[];
  absence_factor: number;
  substantive_absence_factor: number;
  elephant_factor: number;
  substantive_elephant_factor: number;
}

/** One commit of a path's set, as git prints it, before any aggregation. */
export interface CommitRecord {
  sha: string;
  /** Committer date, epoch seconds. */
  ct: number;
  /** Mailmapped author name and e-mail (%aN, %aE), raw bytes. */
  name: Buffer;
  email: Buffer;
  subject: Buffer;
  /** Every name `git diff-tree --no-renames` prints for the commit, raw bytes. */
  files: Buffer[];
  /** The path's numstat lines of the commit. */
  added: number;
  removed: number;
}

// ---- the rule, on plain values --------------------------------------------------------------

const asciiLower = (b: Buffer): Buffer => Buffer.from(b.map((c) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c)));

/** Whether a subject starts with `treewide:` in any ASCII case. */
export function treewide(subject: Buffer | string): boolean {
  const b = typeof subject === 'string' ? Buffer.from(subject, 'utf8') : subject;
  return asciiLower(b.subarray(0, 9)).toString('latin1') === 'treewide:';
}

/** Whether file `name` is inside path `path` ('' = the whole tree). */
export function inside(name: Buffer, path: Buffer): boolean {
  if (path.length === 0) return true;
  if (name.equals(path)) return true;
  return name.length > path.length && name[path.length] === 0x2f && name.subarray(0, path.length).equals(path);
}

/** The directory holding `name`, cut to its first `depth` components (`` at the top). */
export function directoryOf(name: Buffer, depth: number): string {
  const parts = name.toString('latin1').split('/');
  parts.pop();
  return parts.slice(0, depth).join('/');
}

/** The distinct directories at `path`'s depth that hold the files changed outside it. */
export function outsideDirectories(path: Buffer | string, files: Array<Buffer | string>): Set<string> {
  const p = typeof path === 'string' ? Buffer.from(normalisePath(path), 'utf8') : path;
  const dirs = new Set<string>();
  if (p.length === 0) return dirs;
  const depth = p.toString('latin1').split('/').length;
  for (const f of files) {
    const name = typeof f === 'string' ? Buffer.from(f, 'utf8') : f;
    if (!inside(name, p)) dirs.add(directoryOf(name, depth));
  }
  return dirs;
}

/** The rule: a sweep for `path` under K = `dirs`. */
export function isSweep(path: Buffer | string, commit: { subject: Buffer | string; files: Array<Buffer | string> }, dirs: number): boolean {
  return treewide(commit.subject) || outsideDirectories(path, commit.files).size >= dirs;
}

/**
 * The smallest number of the largest counts that add up to more than half the total; 0 for none.
 * (Absence factor over authors, elephant factor over domains.)
 */
export function factor(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const sorted = [...counts].sort((a, b) => b - a);
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) {
    sum += sorted[i]!;
    if (sum * 2 > total) return i + 1;
  }
  throw new Error('oracle: factor never passed half');
}

// ---- aggregation, on plain records ----------------------------------------------------------

/** `e:` + the e-mail lower-cased, or `n:` + the name when the e-mail is empty (bytes as latin1). */
export function identityKey(name: Buffer, email: Buffer): string {
  return email.length > 0 ? 'e:' + asciiLower(email).toString('latin1') : 'n:' + name.toString('latin1');
}

/** After the last `@`, lower-cased; `` without an `@` (bytes as latin1). */
export function domainOf(email: Buffer): string {
  const at = email.lastIndexOf(0x40);
  return at < 0 ? '' : asciiLower(email.subarray(at + 1)).toString('latin1');
}

/** JS string comparison of latin1 views is bytewise comparison of the bytes. */
const bytewise = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const utf8 = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');

interface Group {
  commits: number;
  substantive: number;
  added: number;
  removed: number;
  first: number;
  last: number;
  members: Set<string>;
  /** Newest commit's `name\0email` (latin1), the smallest one among equally new commits. */
  shown: { ct: number; nameEmail: string } | null;
}

function tally(groups: Map<string, Group>, key: string, r: CommitRecord, sweep: boolean, member: string): void {
  let g = groups.get(key);
  if (!g) {
    g = { commits: 0, substantive: 0, added: 0, removed: 0, first: Infinity, last: -Infinity, members: new Set(), shown: null };
    groups.set(key, g);
  }
  g.commits++;
  if (!sweep) g.substantive++;
  g.added += r.added;
  g.removed += r.removed;
  g.first = Math.min(g.first, r.ct);
  g.last = Math.max(g.last, r.ct);
  g.members.add(member);
  const nameEmail = `${r.name.toString('latin1')}\0${r.email.toString('latin1')}`;
  if (g.shown === null || r.ct > g.shown.ct || (r.ct === g.shown.ct && bytewise(nameEmail, g.shown.nameEmail) < 0)) g.shown = { ct: r.ct, nameEmail };
}

/**
 * The new figures from a path's commit records, listed in `git log` order. `path` is '' for the
 * whole tree; `months` are the window's months.
 */
export function aggregateSubstantive(records: CommitRecord[], path: string, months: string[], dirs: number, authors: number): SubstantiveFigures {
  const p = Buffer.from(path, 'utf8');
  const sweeps = records.map((r) => isSweep(p, r, dirs));
  const monthly = months.map((month) => ({ month, substantive: 0 }));
  const byMonth = new Map(monthly.map((m) => [m.month, m]));
  const people = new Map<string, Group>();
  const domains = new Map<string, Group>();
  let substantive = 0;
  let added = 0;
  let removed = 0;
  let last: CommitRecord | null = null;
  records.forEach((r, i) => {
    const sweep = sweeps[i]!;
    const who = identityKey(r.name, r.email);
    tally(people, who, r, sweep, who);
    tally(domains, domainOf(r.email), r, sweep, who);
    if (sweep) return;
    substantive++;
    added += r.added;
    removed += r.removed;
    const m = byMonth.get(monthOf(r.ct));
    if (m === undefined) throw new Error(`oracle: commit ${r.sha} outside the window's months`);
    m.substantive++;
    // Strictly newer only: among equal dates the one git log lists first stays.
    if (last === null || r.ct > last.ct) last = r;
  });
  const total = records.length;
  const rank = (a: [string, Group], b: [string, Group]): number => b[1].commits - a[1].commits || bytewise(a[0], b[0]);
  const top = (groups: Map<string, Group>): [string, Group][] => [...groups].sort(rank).slice(0, Math.max(0, authors));
  const figures = (g: Group) => ({
    commits: g.commits,
    added: g.added,
    removed: g.removed,
    share: g.commits / total,
    first: isoSeconds(g.first),
    last: isoSeconds(g.last),
    substantive_commits: g.substantive,
  });
  const lastRef = last as CommitRecord | null;
  return {
    sweep_rule: { dirs },
    substantive_commits: substantive,
    sweep_commits: total - substantive,
    substantive_added: added,
    substantive_removed: removed,
    substantive_authors: [...people.values()].filter((g) => g.substantive > 0).length,
    substantive_active_months: monthly.filter((m) => m.substantive > 0).length,
    last_substantive_commit: lastRef === null ? null : { sha: lastRef.sha, date: isoSeconds(lastRef.ct), subject: lastRef.subject.toString('utf8') },
    monthly,
    top_authors: top(people).map(([, g]) => {
      const [name, email] = g.shown!.nameEmail.split('\0') as [string, string];
      return { name: utf8(name), email: utf8(email), ...figures(g) };
    }),
    top_domains: top(domains).map(([domain, g]) => ({ domain: utf8(domain), authors: g.members.size, ...figures(g) })),
    absence_factor: factor([...people.values()].map((g) => g.commits)),
    substantive_absence_factor: factor([...people.values()].map((g) => g.substantive)),
    elephant_factor: factor([...domains.values()].map((g) => g.commits)),
    substantive_elephant_factor: factor([...domains.values()].map((g) => g.substantive)),
  };
}

// ---- git --------------------------------------------------------------------------------------

/** The path's commit set with authors, subjects, changed files and numstat, in `git log` order. */
export function commitRecords(q: OracleQuery): CommitRecord[] {
  if (q.since > q.until) throw new Error(`oracle: since ${q.since} > until ${q.until}`);
  const path = normalisePath(q.path);
  const pathspec = path === '' ? '.' : path;
  const fields = splitNul(
    git(q, [
      'log',
      '--no-merges',
      '--full-history',
      '-z',
      '--format=%H%x00%ct%x00%aN%x00%aE%x00%s',
      ...(q.since > 0 ? [`--since-as-filter=${gitDate(q.since)}`] : []),
      `--until=${gitDate(q.until)}`,
      q.rev,
      '--',
      pathspec,
    ]),
  );
  if (fields.length % 5 !== 0) throw new Error(`oracle: git log gave ${fields.length} fields, not records of 5`);
  const records: CommitRecord[] = [];
  for (let i = 0; i < fields.length; i += 5) {
    const [sha, ct, name, email, subject] = fields.slice(i, i + 5) as [Buffer, Buffer, Buffer, Buffer, Buffer];
    const h = sha.toString('latin1');
    const files = splitNul(git(q, ['diff-tree', '-r', '--root', '--no-renames', '--name-only', '-z', '--ignore-submodules=none', '--no-commit-id', h]));
    records.push({ sha: h, ct: Number(ct.toString('latin1')), name, email, subject, files, ...churn(q, h, pathspec) });
  }
  // The same commits as oracle.ts's commit set (itself checked against plain %ct filtering).
  const expected = commitSet(q, pathspec).map((c) => c.sha).join(',');
  if (records.map((r) => r.sha).join(',') !== expected) throw new Error('oracle: the commit list disagrees with oracle.ts');
  return records;
}

/** The figures issue 13 adds, for one path under K = `sweepDirs` and N = `authors`. */
export function oracleSubstantive(q: SubstantiveQuery): SubstantiveFigures {
  return substantiveOf(commitRecords(q), q);
}

/** The same from the path's records already read (a test asking for several K and N reads them once). */
export function substantiveOf(records: CommitRecord[], q: SubstantiveQuery): SubstantiveFigures {
  return aggregateSubstantive(records, normalisePath(q.path), monthsBetween(q.since, q.until), q.sweepDirs, q.authors);
}

/** The same keys picked from kstat's report, each month reduced to its `substantive`. */
export function reportedSubstantive(report: object): SubstantiveFigures {
  const r = report as Record<string, unknown> & { monthly: Array<Record<string, unknown>> };
  const pick = <K extends keyof SubstantiveFigures>(k: K): SubstantiveFigures[K] => r[k] as SubstantiveFigures[K];
  return {
    sweep_rule: pick('sweep_rule'),
    substantive_commits: pick('substantive_commits'),
    sweep_commits: pick('sweep_commits'),
    substantive_added: pick('substantive_added'),
    substantive_removed: pick('substantive_removed'),
    substantive_authors: pick('substantive_authors'),
    substantive_active_months: pick('substantive_active_months'),
    last_substantive_commit: pick('last_substantive_commit'),
    monthly: r.monthly.map((m) => ({ month: m['month'] as string, substantive: m['substantive'] as number })),
    top_authors: pick('top_authors'),
    top_domains: pick('top_domains'),
    absence_factor: pick('absence_factor'),
    substantive_absence_factor: pick('substantive_absence_factor'),
    elephant_factor: pick('elephant_factor'),
    substantive_elephant_factor: pick('substantive_elephant_factor'),
  };
}
