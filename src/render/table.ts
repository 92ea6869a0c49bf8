// Many paths at once: one row per path, figures right-aligned, the monthly commits as a sparkline
// on one scale for all rows. Narrower than the full layout, columns give way in a fixed order.
import { Chalk } from 'chalk';
import { isFailure, type PathFailure, type PathReport, type PathResult } from '../types.js';
import { SIGNALS, type Signal, type Style, type TableColumn } from '../signals/table.js';
import { ARROW, columns, count, cutEnd, cutStart, DOT, grouped, largest, visible, wrap } from '../text/format.js';
import type { RenderOptions } from './index.js';
import { failureLine, treeNote } from './text.js';

type Align = 'left' | 'right';

interface Column {
  /** The signal's --sort key, or its key when it has none (the sparkline's `monthly`). */
  name: string;
  head: string;
  align: Align;
  /** Each report row's cell, colour included (colour has no width). */
  cells: string[];
}

const GAP = '  ';
/** A path column narrower than this (or than its longest path) makes other columns give way first. */
const PATH_MIN = 24;

/** The signals with a table column, in the table's order. */
const COLUMNS = SIGNALS.filter((s): s is Signal & { column: TableColumn } => s.column !== undefined);
const nameOf = (s: Signal): string => s.sort ?? s.key;

/**
 * What gives way when the table is wider than the terminal, by the columns' drop ranks (docs/signals.md):
 * the sparkline sums quarters, then years, then goes; then defconfigs (shown only when a path has the figure), elephant, absence, last change, active,
 * +/−, lines, files, authors, subst. and commits go. The path stays, cut at its start (its leaf stays) when it must.
 */
export const DROP_ORDER: string[] = [...COLUMNS].sort((a, b) => a.column.drop - b.column.drop).map(nameOf);

export function renderTable(results: PathResult[], opts: RenderOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const style: Style = { added: c.green, removed: c.red, missing: c.dim, bars: c.cyan };
  const width = opts.width;
  const reports = results.filter((r): r is PathReport => !isFailure(r));
  const failures = results.filter(isFailure);
  const paths = results.map((r) => visible(r.path));
  const pathMax = largest(paths.map(columns), 4);

  // Full layout first; then coarser sparklines; then columns dropped one by one.
  const bySize = new Map<number, Column[]>();
  const columnsFor = (size: number): Column[] => bySize.get(size) ?? bySize.set(size, figureColumns(reports, style, size)).get(size)!;
  let chosen: { cols: Column[]; pathWidth: number } | undefined;
  for (let dropped = 0; dropped <= DROP_ORDER.length && !chosen; dropped++) {
    const gone = new Set(DROP_ORDER.slice(0, dropped));
    const coarsening = COLUMNS.find((s) => s.column.periods && !gone.has(nameOf(s)))?.column.periods ?? [1];
    for (const size of coarsening) {
      const cols = columnsFor(size).filter((col) => !gone.has(col.name));
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
function figureColumns(reports: PathReport[], style: Style, size: number): Column[] {
  const ctx = { months: size };
  return COLUMNS.filter((s) => s.column.shown?.(reports) ?? true).map((s) => ({
    name: nameOf(s),
    head: typeof s.column.head === 'string' ? s.column.head : s.column.head(reports, ctx),
    align: s.column.align,
    cells: s.column.cells(reports, style, ctx),
  }));
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
