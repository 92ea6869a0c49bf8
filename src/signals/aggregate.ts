// Commits in, signals out: pure, streaming (one commit at a time, nothing kept per commit).
import type { CommitRecord } from '../git/log-parser.js';
import type { MonthFigures, Signals, Window } from '../types.js';

export type HistoryFigures = Pick<Signals, 'commits' | 'added' | 'removed' | 'authors' | 'active_months' | 'monthly'>;

/**
 * The identity an author counts as: the mailmapped e-mail, lower-cased as git compares
 * e-mails (ASCII letters only); the mailmapped name, case kept, where the e-mail is empty.
 * Keys keep every byte (latin1), so two names never merge by a decoding accident.
 */
export function authorKey(name: Buffer, email: Buffer): string {
  return email.length > 0 ? `e:${email.toString('latin1').replace(/[A-Z]/g, (c) => c.toLowerCase())}` : `n:${name.toString('latin1')}`;
}

export class HistoryAccumulator {
  private readonly firstMonth: number;
  /**
   * Per month: commits, added, removed, in one typed array allocated at the path's first commit.
   * A run over thousands of paths holds one of these per path, and most are quiet in most months.
   */
  private figures: Float64Array | null = null;
  private authors: Set<string> | null = null;

  constructor(private readonly window: Window) {
    this.firstMonth = monthIndex(window.since);
  }

  /** Counts a commit of the path's set; `files` are its changes under the path. */
  add(commit: CommitRecord, files = commit.files): void {
    if (commit.time < this.window.since || commit.time > this.window.until) return;
    const at = 3 * (monthIndex(commit.time) - this.firstMonth);
    let added = 0;
    let removed = 0;
    for (const f of files) {
      added += f.added;
      removed += f.removed;
    }
    const figures = (this.figures ??= new Float64Array(3 * this.window.months.length));
    figures[at]! += 1;
    figures[at + 1]! += added;
    figures[at + 2]! += removed;
    (this.authors ??= new Set()).add(authorKey(commit.authorName, commit.authorEmail));
  }

  result(): HistoryFigures {
    const f = this.figures;
    const zero = quietMonths(this.window);
    // A month without commits is the window's one shared entry: a run over thousands of mostly
    // quiet paths holds one object per active month of each, not one per month.
    const monthly = this.window.months.map((month, i) => (f && f[3 * i]! > 0 ? { month, commits: f[3 * i]!, added: f[3 * i + 1]!, removed: f[3 * i + 2]! } : zero[i]!));
    const sum = (k: 'commits' | 'added' | 'removed'): number => monthly.reduce((s, m) => s + m[k], 0);
    return {
      commits: sum('commits'),
      added: sum('added'),
      removed: sum('removed'),
      authors: this.authors?.size ?? 0,
      active_months: monthly.filter((m) => m.commits > 0).length,
      monthly,
    };
  }
}

const quiet = new WeakMap<Window, readonly MonthFigures[]>();

/** The window's months with no commit, made once per window and frozen, as every report shares them. */
function quietMonths(window: Window): readonly MonthFigures[] {
  let months = quiet.get(window);
  if (!months) quiet.set(window, (months = window.months.map((month) => Object.freeze({ month, commits: 0, added: 0, removed: 0 }))));
  return months;
}

/** Months since year 0, UTC: consecutive months differ by one. */
function monthIndex(seconds: number): number {
  const d = new Date(seconds * 1000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}
