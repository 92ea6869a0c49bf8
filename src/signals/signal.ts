// What a figure of the signals table declares (table.ts), and the small helpers entries share.
// Apart from the table so that topic files (kernel figures, …) can declare their entries.
import { largest } from '../text/format.js';
import { periods } from '../text/periods.js';
import type { PathReport } from '../types.js';
import { wholeMonths } from './window.js';

export type Paint = (text: string) => string;

/** The renderer's colours (identity functions when plain). */
export interface Style {
  added: Paint;
  removed: Paint;
  /** A figure that has no value, such as the last change of a path without commits. */
  missing: Paint;
  /** The sparkline's bars. */
  bars: Paint;
}

/** What a table column's cells depend on besides the reports. */
export interface ColumnContext {
  /** Months summed per sparkline character. */
  months: number;
}

export interface TableColumn {
  /** Fixed, or computed from the rows (the sparkline's scale). */
  head: string | ((reports: readonly PathReport[], ctx: ColumnContext) => string);
  align: 'left' | 'right';
  /** Rank in which it gives way on a narrow terminal, 1 first (docs/signals.md, many paths). */
  drop: number;
  /** Whether the column has anything to say for these reports (a kernel figure in a repository without the file); shown when absent. */
  shown?(reports: readonly PathReport[]): boolean;
  /** Month sums it coarsens to, finest first, before it gives way. */
  periods?: readonly number[];
  /** One cell per report, colour included (colour has no width). */
  cells(reports: readonly PathReport[], style: Style, ctx: ColumnContext): string[];
}

export interface CsvColumns {
  headers: readonly string[];
  cells(report: PathReport): string[];
  /**
   * Among the CSV's first figures, before `warnings`. A figure added later leaves this out: its
   * columns follow `error`, so scripts that read columns by position keep working.
   */
  lead?: boolean;
  /** Its cells are free text from the repository (tag names, say), guarded against spreadsheet formulas as paths are. */
  text?: boolean;
}

/** The check flags a figure takes: at least `min`, at most `max`. */
export interface Rule {
  min?: string;
  max?: string;
}

export interface Signal {
  /** The figure's name in the report (JSON) or, for a derived one, the name it would have there. */
  key: string;
  label: string;
  unit: 'file' | 'line' | 'commit' | 'author' | 'domain' | 'month' | 'date' | 'release' | 'section' | 'defconfig';
  /** What --sort and the check compare; null when the path has none (no commit). A shape, like the sparkline, has none. */
  value?(report: PathReport): number | null;
  /** Its --sort key. */
  sort?: string;
  column?: TableColumn;
  csv?: CsvColumns;
  /** Its line in the text block (SPEC "Text block"). */
  text?(report: PathReport, style: Style): string;
  /** Its lines under the block's chart, where figures beyond SPEC's block go: one, several, or none (`[]` or null: a figure the repository cannot give). */
  below?(report: PathReport, style: Style): string | readonly string[] | null;
  rule?: Rule;
}

export const NONE = '\u2014';
/** Sparkline headers: grouped ones short, since the header is then wider than the sparkline. */
export const SPARK_LABEL: Record<number, string> = { 1: 'monthly commits', 3: 'quarterly', 12: 'yearly' };

export const dateMs = (c: PathReport['last_commit']): number | null => {
  const ms = c ? Date.parse(c.date) : NaN;
  return Number.isNaN(ms) ? null : ms;
};
export const lastCommitMs = (r: PathReport): number | null => dateMs(r.last_commit);

/** Whole calendar months from a commit to the window's end (0 when it is after the end); null without one. */
export const idleMonths = (ms: number | null, r: PathReport): number | null => (ms === null ? null : wholeMonths(ms / 1000, Date.parse(r.window.until) / 1000));

/** A whole-number figure's CSV column, sort key and check rules. */
export const plain = (key: keyof PathReport & string, rule: Rule = {}, sort: string = key) =>
  ({ key, value: (r: PathReport) => r[key] as number, sort, csv: { headers: [key], cells: (r: PathReport) => [String(r[key])] }, rule }) as const;

/** Commits per `size`-month period of each report, and the largest of all rows: one scale for the whole column. */
export const monthSums = (reports: readonly PathReport[], size: number): { sums: number[][]; max: number } => {
  const sums = reports.map((r) => periods(r.monthly, size).map((p) => p.commits));
  return { sums, max: largest(sums.flat(), 0) };
};

