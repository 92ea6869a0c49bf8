// The commits as a terminal bar chart: one column per month (or per quarter, year, … when months
// do not fit the width), years marked beneath.
import type { MonthFigures } from '../types.js';
import { EIGHTHS, scaled } from '../text/format.js';
import { PERIOD_MONTHS, periods, startsYear, type Period } from '../text/periods.js';

export interface ChartStyle {
  bar: (s: string) => string;
  axis: (s: string) => string;
}

const PLAIN: ChartStyle = { bar: (s) => s, axis: (s) => s };
const BLOCKS = [' ', ...EIGHTHS];

/** Columns left of the bars: the largest count and ` ┤`. */
function gutter(ps: Period[]): number {
  return String(Math.max(0, ...ps.map((p) => p.commits))).length;
}

/** Months per column: the finest period whose chart fits `width` columns (the coarsest when none does). */
export function chartPeriod(monthly: readonly MonthFigures[], width = Infinity): number {
  for (const size of PERIOD_MONTHS) {
    const ps = periods(monthly, size);
    if (gutter(ps) + 2 + ps.length <= width) return size;
  }
  return PERIOD_MONTHS.at(-1)!;
}

/** Lines of the chart, `height` rows of bars (eight steps each) over an axis and years, at most `width` columns wide. */
export function monthlyChart(monthly: MonthFigures[], style: ChartStyle = PLAIN, height = 4, width = Infinity): string[] {
  const size = chartPeriod(monthly, width);
  const ps = periods(monthly, size);
  const max = Math.max(0, ...ps.map((p) => p.commits));
  const steps = height * 8;
  // Any period with a commit shows at least the lowest step.
  const units = ps.map((p) => scaled(p.commits, max, steps));
  const g = gutter(ps);
  const lines: string[] = [];
  for (let row = 0; row < height; row++) {
    const base = (height - 1 - row) * 8;
    const bars = units.map((u) => BLOCKS[Math.min(8, Math.max(0, u - base))]!).join('');
    const label = row === 0 ? String(max).padStart(g) : ' '.repeat(g);
    lines.push(`${style.axis(`${label} ${row === 0 ? '┤' : '│'}`)}${style.bar(bars)}`.trimEnd());
  }
  const labelled = yearLabels(ps);
  // Months and quarters tick every January; coarser columns tick where a year is written.
  const ticks = ps.map((p, i) => ((size <= 3 ? startsYear(p) : labelled.has(i)) ? '┬' : '─')).join('');
  lines.push(style.axis(`${' '.repeat(g)} └${ticks}`));
  const years = new Array<string>(ps.length + 4).fill(' ');
  for (const col of labelled) {
    const year = ps[col]!.first.slice(0, 4);
    for (let j = 0; j < year.length; j++) years[col + j] = year[j]!;
  }
  lines.push(style.axis(`${' '.repeat(g + 2)}${years.join('').trimEnd()}`));
  return lines;
}

/**
 * Columns that get their year written under them: year starts from the left, each label a space
 * clear of the one before; the first column too, when it is not a year start and its label ends
 * clear of the first year start's.
 */
function yearLabels(ps: Period[]): Set<number> {
  const cols = new Set<number>();
  let free = 0;
  ps.forEach((p, col) => {
    if (!startsYear(p) || col < free) return;
    cols.add(col);
    free = col + p.first.slice(0, 4).length + 1;
  });
  const firstStart = Math.min(ps.length, ...cols);
  if (ps.length > 0 && !cols.has(0) && firstStart - 0 > 4) cols.add(0);
  return cols;
}
