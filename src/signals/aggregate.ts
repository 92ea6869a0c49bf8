// Commits in, signals out: pure, streaming (one commit at a time, nothing kept per commit).
import type { CommitRecord } from '../git/log-parser.js';
import type { AuthorFigures, CommitRef, DomainFigures, MonthFigures, ReviewReport, Signals, Window, Work } from '../types.js';
import { identityKey, ReviewBook, ReviewTally } from './review.js';
import type { SweepRule } from './sweep.js';
import { isoUtc } from './window.js';

export interface HistoryFigures {
  history: Pick<Signals, 'commits' | 'added' | 'removed' | 'authors' | 'active_months' | 'monthly'>;
  work: Omit<Work, 'sweep_rule'>;
  review: ReviewReport;
}

/**
 * A commit as the totals need it: its header without committer or trailers (a path's last
 * substantive commit is kept for the run), its place in its walk (git's order, for ties), and
 * its number in the batch's ReviewBook.
 */
export type CommitHeader = Omit<CommitRecord, 'files' | 'trailers' | 'committerName' | 'committerEmail'> & { seq: number; review?: number };

/**
 * The identity an author counts as: the mailmapped e-mail, lower-cased as git compares
 * e-mails (ASCII letters only); the mailmapped name, case kept, where the e-mail is empty.
 * Keys keep every byte (latin1), so two names never merge by a decoding accident.
 */
export function authorKey(name: Buffer, email: Buffer): string {
  return identityKey(email.length > 0 ? '' : name.toString('latin1'), email.toString('latin1'));
}

/** An author's domain, from their key: after the e-mail's last `@`; empty without one. */
export function domainOf(key: string): string {
  const at = key.lastIndexOf('@');
  return key.startsWith('e:') && at !== -1 ? key.slice(at + 1) : '';
}

/** One author's work on a path. */
interface Tally {
  /**
   * Name and e-mail as on their newest commit (`shown` is its date), as latin1 views of their
   * bytes: a small Buffer kept for the whole run would pin the whole slab node cut it from.
   */
  name: string;
  email: string;
  shown: number;
  commits: number;
  added: number;
  removed: number;
  substantive: number;
  first: number;
  last: number;
}

/** Per month: commits, added, removed, substantive commits. */
const STRIDE = 4;

export class HistoryAccumulator {
  private readonly firstMonth: number;
  /**
   * Per month, in one typed array allocated at the path's first commit. A run over thousands of
   * paths holds one of these per path, and most are quiet in most months.
   */
  private figures: Float64Array | null = null;
  private authors: Map<string, Tally> | null = null;
  private substantiveAdded = 0;
  private substantiveRemoved = 0;
  private lastSubstantive: CommitHeader | null = null;
  /** The path's commits in the batch's review book, made at its first commit. */
  private review: ReviewTally | null = null;

  /** One copy of each identity's strings for every path of the run: most authors touch many paths. */
  private readonly intern: (s: string) => string;

  /** `book`: the batch's ReviewBook, which numbers the commits given to add(). */
  constructor(
    private readonly window: Window,
    private readonly book: ReviewBook = new ReviewBook(),
  ) {
    this.firstMonth = monthIndex(window.since);
    this.intern = internPool(window);
  }

  /** Counts a commit of the path's set, with its lines under the path, and whether it is a sweep for the path. */
  add(commit: CommitHeader, added: number, removed: number, sweep: boolean): void {
    if (commit.time < this.window.since || commit.time > this.window.until) return;
    const at = STRIDE * (monthIndex(commit.time) - this.firstMonth);
    const figures = (this.figures ??= new Float64Array(STRIDE * this.window.months.length));
    figures[at]! += 1;
    figures[at + 1]! += added;
    figures[at + 2]! += removed;
    const key = authorKey(commit.authorName, commit.authorEmail);
    const authors = (this.authors ??= new Map());
    let t = authors.get(key);
    if (!t) {
      const name = this.intern(commit.authorName.toString('latin1'));
      const email = this.intern(commit.authorEmail.toString('latin1'));
      authors.set(this.intern(key), (t = { name, email, shown: commit.time, commits: 0, added: 0, removed: 0, substantive: 0, first: commit.time, last: commit.time }));
    } else if (commit.time >= t.shown) {
      const name = commit.authorName.toString('latin1');
      const email = commit.authorEmail.toString('latin1');
      // Equally new commits: the smaller `name\0email`, bytewise (latin1 strings compare as their bytes).
      if (commit.time > t.shown || name < t.name || (name === t.name && email < t.email)) {
        t.name = this.intern(name);
        t.email = this.intern(email);
        t.shown = commit.time;
      }
    }
    t.commits++;
    t.added += added;
    t.removed += removed;
    t.first = Math.min(t.first, commit.time);
    t.last = Math.max(t.last, commit.time);
    if (commit.review !== undefined) (this.review ??= new ReviewTally(this.book)).add(commit.review, sweep);
    if (sweep) return;
    figures[at + 3]! += 1;
    t.substantive++;
    this.substantiveAdded += added;
    this.substantiveRemoved += removed;
    const l = this.lastSubstantive;
    if (!l || commit.time > l.time || (commit.time === l.time && commit.seq < l.seq)) this.lastSubstantive = commit;
  }

  /**
   * The share of the window's commits with a Signed-off-by, Reviewed-by or Acked-by from one of
   * `emails` (mapped, lower-cased), or committed by one; null without commits. Once the book is resolved.
   */
  coverage(emails: ReadonlySet<string>): number | null {
    return this.review ? this.review.coverage(emails) : null;
  }

  /** `maintainers`: the e-mails maintainer_coverage counts (coverage()); null leaves it null. */
  result(top: number, maintainers: ReadonlySet<string> | null = null): HistoryFigures {
    const f = this.figures;
    const zero = quietMonths(this.window);
    // A month without commits is the window's one shared entry: a run over thousands of mostly
    // quiet paths holds one object per active month of each, not one per month.
    const monthly = this.window.months.map((month, i) =>
      f && f[STRIDE * i]! > 0 ? { month, commits: f[STRIDE * i]!, added: f[STRIDE * i + 1]!, removed: f[STRIDE * i + 2]!, substantive: f[STRIDE * i + 3]! } : zero[i]!,
    );
    const sum = (k: 'commits' | 'added' | 'removed' | 'substantive'): number => monthly.reduce((s, m) => s + m[k], 0);
    const commits = sum('commits');
    const substantive = sum('substantive');
    const tallies = [...(this.authors ?? new Map<string, Tally>())];
    const domains = byDomain(tallies);
    const history = { commits, added: sum('added'), removed: sum('removed'), authors: tallies.length, active_months: monthly.filter((m) => m.commits > 0).length, monthly };
    const work = {
      substantive_commits: substantive,
      sweep_commits: commits - substantive,
      substantive_added: this.substantiveAdded,
      substantive_removed: this.substantiveRemoved,
      substantive_authors: tallies.filter(([, t]) => t.substantive > 0).length,
      substantive_active_months: monthly.filter((m) => m.substantive > 0).length,
      last_substantive_commit: commitRef(this.lastSubstantive),
      top_authors: ranked(tallies, top).map(([, t]) => ({
        name: Buffer.from(t.name, 'latin1').toString('utf8'),
        email: Buffer.from(t.email, 'latin1').toString('utf8'),
        ...figuresOf(t, commits),
      })),
      top_domains: ranked([...domains], top).map(([domain, t]) => ({ domain, authors: t.authors, ...figuresOf(t, commits) })),
      absence_factor: factor(tallies.map(([, t]) => t.commits)),
      substantive_absence_factor: factor(tallies.map(([, t]) => t.substantive)),
      elephant_factor: factor([...domains.values()].map((t) => t.commits)),
      substantive_elephant_factor: factor([...domains.values()].map((t) => t.substantive)),
    };
    const review = { review: (this.review ?? new ReviewTally(this.book)).figures(), maintainer_coverage: maintainers ? this.coverage(maintainers) : null };
    return { history, work, review };
  }
}

type Figures = Pick<Tally, 'commits' | 'added' | 'removed' | 'substantive' | 'first' | 'last'>;

function figuresOf(t: Figures, commits: number): Omit<AuthorFigures, 'name' | 'email'> & Omit<DomainFigures, 'domain' | 'authors'> {
  return { commits: t.commits, added: t.added, removed: t.removed, share: t.commits / commits, first: isoUtc(t.first), last: isoUtc(t.last), substantive_commits: t.substantive };
}

/** Each domain's authors' work together. */
function byDomain(tallies: ReadonlyArray<[string, Tally]>): Map<string, Figures & { authors: number }> {
  const domains = new Map<string, Figures & { authors: number }>();
  for (const [key, t] of tallies) {
    const domain = domainOf(key);
    const d = domains.get(domain);
    if (!d) domains.set(domain, { authors: 1, commits: t.commits, added: t.added, removed: t.removed, substantive: t.substantive, first: t.first, last: t.last });
    else {
      d.authors++;
      d.commits += t.commits;
      d.added += t.added;
      d.removed += t.removed;
      d.substantive += t.substantive;
      d.first = Math.min(d.first, t.first);
      d.last = Math.max(d.last, t.last);
    }
  }
  return domains;
}

/** The `top` with the most commits, most first; equal ones by key A→Z (bytes: keys are latin1). */
function ranked<T extends { commits: number }>(entries: Array<[string, T]>, top: number): Array<[string, T]> {
  return entries.sort(([ka, a], [kb, b]) => b.commits - a.commits || (ka < kb ? -1 : ka > kb ? 1 : 0)).slice(0, top);
}

/** The fewest of the counts, largest first, that add up to more than half of them all (CHAOSS); 0 for none. */
export function factor(counts: number[]): number {
  const total = counts.reduce((s, n) => s + n, 0);
  counts.sort((a, b) => b - a);
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    sum += counts[i]!;
    if (2 * sum > total) return i + 1;
  }
  return 0;
}

/** A commit as the JSON names it: id, committer date and subject. */
export function commitRef(c: Pick<CommitRecord, 'sha' | 'time' | 'subject'> | null): CommitRef | null {
  return c && { sha: c.sha, date: isoUtc(c.time), subject: c.subject.toString('utf8') };
}

const pools = new WeakMap<Window, (s: string) => string>();

/** The run's string pool (one per window, as every path of a run shares its window). */
function internPool(window: Window): (s: string) => string {
  let intern = pools.get(window);
  if (!intern) {
    const pool = new Map<string, string>();
    intern = (s) => {
      const hit = pool.get(s);
      if (hit !== undefined) return hit;
      pool.set(s, s);
      return s;
    };
    pools.set(window, intern);
  }
  return intern;
}

const quiet = new WeakMap<Window, readonly MonthFigures[]>();

/** The window's months with no commit, made once per window and frozen, as every report shares them. */
function quietMonths(window: Window): readonly MonthFigures[] {
  let months = quiet.get(window);
  if (!months) quiet.set(window, (months = window.months.map((month) => Object.freeze({ month, commits: 0, added: 0, removed: 0, substantive: 0 }))));
  return months;
}

/** Months since year 0, UTC: consecutive months differ by one. */
function monthIndex(seconds: number): number {
  const d = new Date(seconds * 1000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}
