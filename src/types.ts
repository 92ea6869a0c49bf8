// The data kstat returns: one PathReport per path, shaped like the JSON of docs/signals.md.

export const SCHEMA = 'kstat.signals/1';

export interface Window {
  /**
   * Inclusive bounds, epoch seconds as given: a bound may carry a fraction (milliseconds). A
   * commit, dated in whole seconds, is inside when since ≤ its date ≤ until.
   */
  since: number;
  until: number;
  /** Suffix of the text labels: `5y`, or `2021-01-01 → 2022-01-01` for an explicit --since. */
  label: string;
  /** Every calendar month (UTC) from since's month to until's, `YYYY-MM`. */
  months: string[];
}

export interface MonthFigures {
  month: string;
  commits: number;
  added: number;
  removed: number;
}

export interface CommitRef {
  sha: string;
  /** Committer date, ISO 8601 UTC. */
  date: string;
  subject: string;
}

export interface Signals {
  files: number;
  lines: number;
  commits: number;
  added: number;
  removed: number;
  authors: number;
  active_months: number;
  monthly: MonthFigures[];
  last_commit: CommitRef | null;
}

export interface RevisionInfo {
  name: string;
  sha: string;
  date: string;
}

export interface MailmapInfo {
  /** Where git reads the mailmap from in this repository, in git's order; empty when there is none. */
  sources: string[];
}

export interface PathReport extends Signals {
  schema: typeof SCHEMA;
  path: string;
  revision: RevisionInfo;
  window: { since: string; until: string; months: number; label: string };
  mailmap: MailmapInfo;
  warnings: string[];
}

/** A path whose figures could not be computed; it takes its place among the others. */
export interface PathFailure {
  schema: typeof SCHEMA;
  path: string;
  error: {
    /** What went wrong, as a stable word: `not-found`, `damaged`, `partial-clone`, `git-failed`, … */
    code: string;
    /** One line: the problem and the fix. */
    message: string;
  };
}

/** One entry of a run's output: a path's report, or why it has none. */
export type PathResult = PathReport | PathFailure;

export function isFailure(r: PathResult): r is PathFailure {
  return 'error' in r;
}
