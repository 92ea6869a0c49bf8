// Commits in, signals out: pure, streaming (one commit at a time, nothing kept per commit).
import type { CommitRecord } from '../git/log-parser.js';
import type { Signals, Window } from '../types.js';

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
  private readonly commitsBy: number[];
  private readonly addedBy: number[];
  private readonly removedBy: number[];
  private readonly authors = new Set<string>();

  constructor(private readonly window: Window) {
    this.firstMonth = monthIndex(window.since);
    const n = window.months.length;
    this.commitsBy = new Array<number>(n).fill(0);
    this.addedBy = new Array<number>(n).fill(0);
    this.removedBy = new Array<number>(n).fill(0);
  }

  /** Counts a commit of the path's set; `files` are its changes under the path. */
  add(commit: CommitRecord, files = commit.files): void {
    if (commit.time < this.window.since || commit.time > this.window.until) return;
    const m = monthIndex(commit.time) - this.firstMonth;
    let added = 0;
    let removed = 0;
    for (const f of files) {
      added += f.added;
      removed += f.removed;
    }
    this.commitsBy[m]! += 1;
    this.addedBy[m]! += added;
    this.removedBy[m]! += removed;
    this.authors.add(authorKey(commit.authorName, commit.authorEmail));
  }

  result(): HistoryFigures {
    const monthly = this.window.months.map((month, i) => ({
      month,
      commits: this.commitsBy[i]!,
      added: this.addedBy[i]!,
      removed: this.removedBy[i]!,
    }));
    const sum = (k: 'commits' | 'added' | 'removed'): number => monthly.reduce((s, m) => s + m[k], 0);
    return {
      commits: sum('commits'),
      added: sum('added'),
      removed: sum('removed'),
      authors: this.authors.size,
      active_months: monthly.filter((m) => m.commits > 0).length,
      monthly,
    };
  }
}

/** Months since year 0, UTC: consecutive months differ by one. */
function monthIndex(seconds: number): number {
  const d = new Date(seconds * 1000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}
