// The monthly commits as a terminal bar chart: one column per month, years marked beneath.
import type { MonthFigures } from '../types.js';
import { EIGHTHS, scaled } from './format.js';

export interface ChartStyle {
  bar: (s: string) => string;
  axis: (s: string) => string;
}

const PLAIN: ChartStyle = { bar: (s) => s, axis: (s) => s };
const BLOCKS = [' ', ...EIGHTHS];

/** Lines of the chart, `height` rows of bars (eight steps each) over a month axis and years. */
export function monthlyChart(monthly: MonthFigures[], style: ChartStyle = PLAIN, height = 4): string[] {
  const max = Math.max(0, ...monthly.map((m) => m.commits));
  const steps = height * 8;
  // Any month with a commit shows at least the lowest step.
  const units = monthly.map((m) => scaled(m.commits, max, steps));
  const gutter = String(max).length;
  const lines: string[] = [];
  for (let row = 0; row < height; row++) {
    const base = (height - 1 - row) * 8;
    const bars = units.map((u) => BLOCKS[Math.min(8, Math.max(0, u - base))]!).join('');
    const label = row === 0 ? String(max).padStart(gutter) : ' '.repeat(gutter);
    lines.push(`${style.axis(`${label} ${row === 0 ? '┤' : '│'}`)}${style.bar(bars)}`.trimEnd());
  }
  const januaries = monthly.map((m, i) => (m.month.endsWith('-01') ? i : -1)).filter((i) => i >= 0);
  const ticks = monthly.map((m) => (m.month.endsWith('-01') ? '┬' : '─')).join('');
  lines.push(style.axis(`${' '.repeat(gutter)} └${ticks}`));
  // Year labels under January ticks, and under the first month when there is room before the next.
  const starts = januaries[0] === 0 || monthly.length === 0 ? januaries : [0, ...januaries];
  const years = new Array<string>(monthly.length + 4).fill(' ');
  starts.forEach((col, k) => {
    const next = starts[k + 1] ?? Infinity;
    const year = monthly[col]!.month.slice(0, 4);
    if (next - col <= year.length) return;
    for (let j = 0; j < year.length; j++) years[col + j] = year[j]!;
  });
  lines.push(style.axis(`${' '.repeat(gutter + 2)}${years.join('').trimEnd()}`));
  return lines;
}
