// The data kstat returns: one PathReport per path, shaped like the JSON of docs/signals.md.

import type * as z from 'zod';
import type {
  CommitRefSchema,
  MailmapInfoSchema,
  MonthFiguresSchema,
  PathFailureSchema,
  PathReportSchema,
  RevisionInfoSchema,
  SignalsSchema,
  WorkSchema,
  AuthorFiguresSchema,
  DomainFiguresSchema,
} from './schema/signals.js';
import type { buildFields } from './schema/kernel/build.js';
import type { maintainersFields } from './schema/kernel/maintainers.js';
import type { releasesFields } from './schema/kernel/releases.js';
import type { ReviewFiguresSchema, reviewFields } from './schema/kernel/review.js';

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

// The report's shape is declared once, as zod schemas (src/schema/signals.ts), and inferred here.
// A type-only import: the CLI's report never loads zod.
export type MonthFigures = z.infer<typeof MonthFiguresSchema>;
export type CommitRef = z.infer<typeof CommitRefSchema>;
/** The figures of one path. */
export type Signals = z.infer<typeof SignalsSchema>;
/** Substantive work and who does it. */
export type Work = z.infer<typeof WorkSchema>;
export type AuthorFigures = z.infer<typeof AuthorFiguresSchema>;
export type DomainFigures = z.infer<typeof DomainFiguresSchema>;
export type RevisionInfo = z.infer<typeof RevisionInfoSchema>;
export type MailmapInfo = z.infer<typeof MailmapInfoSchema>;
/** One path's figures, as `--json` prints them. */
export type PathReport = z.infer<typeof PathReportSchema>;
/** The report's fields of one kind (their schema's keys). */
type FieldsOf<F> = { [K in keyof F & keyof PathReport]: PathReport[K] };
/** MAINTAINERS: the sections that cover a path and their maintainers. */
export type MaintainersFigures = FieldsOf<typeof maintainersFields>;
/** Review trailers over the window, and the maintainers' share of the commits. */
export type ReviewReport = FieldsOf<typeof reviewFields>;
/** The review trailers of one set of commits (all, substantive). */
export type ReviewFigures = z.infer<typeof ReviewFiguresSchema>;
/** The CONFIG_ symbols that build a path. */
export type BuildFigures = FieldsOf<typeof buildFields>;
/** The releases in which a path changed. */
export type ReleasesFigures = FieldsOf<typeof releasesFields>;
/** A path whose figures could not be computed; it takes its place among the others. */
export type PathFailure = z.infer<typeof PathFailureSchema>;
/** One entry of a run's output: a path's report, or why it has none. */
export type PathResult = PathReport | PathFailure;

export function isFailure(r: PathResult): r is PathFailure {
  return 'error' in r;
}
