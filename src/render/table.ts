// Many paths at once: one row per path, figures right-aligned, the monthly commits as a sparkline
// on one scale for all rows. Narrower than the full layout, columns give way in a fixed order.
import { Chalk } from 'chalk';
import { isFailure, type PathFailure, type PathReport, type PathResult } from '../types.js';
import { ARROW, columns, count, cutEnd, cutStart, DOT, grouped, largest, MINUS, visible, wrap } from './format.js';
import type { RenderOptions } from './index.js';
import { periodLabel, periods } from './periods.js';
import { sparkline } from './sparkline.js';
import { failureLine, treeNote } from './text.js';

type ChalkInstance = InstanceType<typeof Chalk>;
type Align = 'left' | 'right';
type ColumnKey = 'path' | 'files' | 'lines' | 'commits' | 'churn' | 'authors' | 'active' | 'last' | 'monthly';

interface Column {
  key: ColumnKey;
  head: string;
  align: Align;
  /** Each report row's cell, colour included (colour has no width). */
  cells: string[];
}

const NONE = '\u2014';
const GAP = '  ';
/** A path column narrower than this (or than its longest path) makes other columns give way first. */
const PATH_MIN = 24;

/**
 * What gives way when the table is wider than the terminal, in this order (README "Many paths"):
 * the sparkline sums quarters, then years, then goes; then last change, active, +/−, lines, files,
 * authors and commits go. The path stays, cut at its start (its leaf stays) when it must.
 */
export const DROP_ORDER: ColumnKey[] = ['monthly', 'last', 'active', 'churn', 'lines', 'files', 'authors', 'commits'];
const SPARK_PERIODS = [1, 3, 12];
/** Sparkline headers: grouped ones short, since the header is then wider than the sparkline. */
const SPARK_LABEL: Record<number, string> = { 1: 'monthly commits', 3: 'quarterly', 12: 'yearly' };

export function renderTable(results: PathResult[], opts: RenderOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const width = opts.width;
  const reports = results.filter((r): r is PathReport => !isFailure(r));
  const failures = results.filter(isFailure);
  const paths = results.map((r) => visible(r.path));
  const pathMax = largest(paths.map(columns), 4);

  // Full layout first; then coarser sparklines; then columns dropped one by one.
  let chosen: { cols: Column[]; pathWidth: number } | undefined;
  for (let dropped = 0; dropped <= DROP_ORDER.length && !chosen; dropped++) {
    const gone = new Set(DROP_ORDER.slice(0, dropped));
    for (const size of gone.has('monthly') ? [1] : SPARK_PERIODS) {
      const cols = figureColumns(reports, c, size).filter((col) => !gone.has(col.key));
      const rest = cols.reduce((sum, col) => sum + GAP.length + colWidth(col), 0);
      if (rest + Math.min(pathMax, PATH_MIN) <= width || dropped === DROP_ORDER.length) {
        chosen = { cols, pathWidth: Math.max(1, Math.min(pathMax, width - rest)) };
        break;
      }
    }
  }
  const { cols, pathWidth } = chosen!;
  const figureWidths = cols.map(colWidth);
  const spanWidth = figureWidths.reduce((sum, w) => sum + GAP.length + w, 0) - GAP.length;

  const head = [pad(c.bold(cutEnd('path', pathWidth)), pathWidth, 'left'), ...cols.map((col, i) => pad(c.bold(col.head), figureWidths[i]!, col.align))];
  const rule = c.dim([pathWidth, ...figureWidths].map((w) => '─'.repeat(w)).join(GAP));
  let row = 0;
  const rows = results.map((r, i) => {
    const path = pad(cutStart(paths[i]!, pathWidth), pathWidth, 'left');
    if (isFailure(r)) {
      return cols.length === 0 ? path : `${path}${GAP}${c.red(pad(cutEnd(`error: ${visible(r.error.code)}`, spanWidth), spanWidth, 'left'))}`;
    }
    const k = row++;
    return [path, ...cols.map((col, j) => pad(col.cells[k]!, figureWidths[j]!, col.align))].join(GAP);
  });
  const fit = (line: string): string[] => wrap(line, width);
  const notes = reports[0] && sameWindow(reports) && sameRevision(reports) ? treeNote(reports[0]) : [];
  const lines = [
    head.join(GAP),
    rule,
    ...rows,
    ...fit(summary(results)),
    ...notes.flatMap(fit),
    ...failures.flatMap((f: PathFailure) => fit(failureLine(f)).map((l) => c.red(l))),
    ...reports.flatMap((r) => r.warnings.flatMap((w) => fit(`warning: ${visible(r.path)}: ${visible(w)}`))).map((l) => c.yellow(l)),
  ];
  return `${lines.join('\n')}\n`;
}

/** The figure columns for these reports, the sparkline summing `size` months per character. */
function figureColumns(reports: PathReport[], c: ChalkInstance, size: number): Column[] {
  // The minus half is padded so both halves line up down the column (right alignment does the plus half).
  const minus = reports.map((r) => `${MINUS}${grouped(r.removed)}`);
  const minusWidth = largest(minus.map(columns), 0);
  const sums = reports.map((r) => periods(r.monthly, size).map((p) => p.commits));
  // One scale for every row: █ is the same count on each.
  const max = largest(sums.flat(), 0);
  const label = SPARK_LABEL[size] ?? periodLabel(size);
  return [
    { key: 'files', head: 'files', align: 'right', cells: reports.map((r) => grouped(r.files)) },
    { key: 'lines', head: 'lines', align: 'right', cells: reports.map((r) => grouped(r.lines)) },
    { key: 'commits', head: 'commits', align: 'right', cells: reports.map((r) => grouped(r.commits)) },
    {
      key: 'churn',
      head: `+/${MINUS}`,
      align: 'right',
      cells: reports.map((r, i) => `${c.green(`+${grouped(r.added)}`)} ${c.red(minus[i]!.padStart(minusWidth))}`),
    },
    { key: 'authors', head: 'authors', align: 'right', cells: reports.map((r) => grouped(r.authors)) },
    { key: 'active', head: 'active', align: 'right', cells: reports.map((r) => `${r.active_months}/${r.monthly.length}`) },
    { key: 'last', head: 'last change', align: 'left', cells: reports.map((r) => (r.last_commit ? r.last_commit.date.slice(0, 10) : c.dim(NONE))) },
    {
      key: 'monthly',
      head: max > 0 ? `${label} (█ = ${grouped(max)})` : label,
      align: 'left',
      cells: sums.map((s) => c.cyan(sparkline(s, max))),
    },
  ];
}

function colWidth(col: Column): number {
  return largest(col.cells.map(columns), columns(col.head));
}

function pad(s: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - columns(s)));
  return align === 'left' ? s + fill : fill + s;
}

function sameWindow(reports: PathReport[]): boolean {
  const w = reports[0]!.window;
  return reports.every((r) => r.window.since === w.since && r.window.until === w.until && r.window.label === w.label);
}

function sameRevision(reports: PathReport[]): boolean {
  return reports.every((r) => r.revision.sha === reports[0]!.revision.sha && r.revision.name === reports[0]!.revision.name);
}

/** `3 paths · window 2021-04-21 → 2026-04-21 (5y)`; the label is left out when it only repeats the dates. */
function summary(results: PathResult[]): string {
  const failed = results.filter(isFailure).length;
  const head = `${count(results.length, 'path')}${failed > 0 ? `, ${grouped(failed)} failed` : ''}`;
  const reports = results.filter((r): r is PathReport => !isFailure(r));
  const first = reports[0];
  if (!first) return head;
  if (!sameWindow(reports)) return `${head} ${DOT} windows differ between paths`;
  const w = first.window;
  const dates = `${w.since.slice(0, 10)} ${ARROW} ${w.until.slice(0, 10)}`;
  return `${head} ${DOT} window ${dates}${w.label === dates ? '' : ` (${w.label})`}`;
}
