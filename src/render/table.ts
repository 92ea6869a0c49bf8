// Many paths at once: one row per path, figures right-aligned, the monthly commits as a sparkline.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { PathReport } from '../types.js';
import { ARROW, count, DOT, grouped, MINUS, visible } from './format.js';
import { sparkline } from './sparkline.js';

export interface TableOptions {
  color: boolean;
}

const HEAD = ['path', 'files', 'lines', 'commits', `+/${MINUS}`, 'authors', 'active', 'last change', 'monthly commits'];
const ALIGN = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'] as const;
const NONE = '\u2014';

// No outer frame and no rules between rows: columns two spaces apart, the header underlined
// column by column with '─', so a row is one line that greps, sorts and pipes cleanly.
const CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', right: '', 'right-mid': '',
  middle: '  ', mid: '─', 'mid-mid': '  ',
};

export function renderTable(reports: PathReport[], opts: TableOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const table = new Table({
    head: HEAD.map((h) => c.bold(h)),
    colAligns: [...ALIGN],
    chars: CHARS,
    // cli-table3 colours head and borders by default; colour is chalk's job, and only when asked.
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
  // The minus half is padded so both halves line up down the column (right alignment does the plus half).
  const minus = reports.map((r) => `${MINUS}${grouped(r.removed)}`);
  const minusWidth = Math.max(0, ...minus.map((s) => s.length));
  reports.forEach((r, i) => {
    const last = r.last_commit ? r.last_commit.date.slice(0, 10) : c.dim(NONE);
    table.push([
      visible(r.path),
      grouped(r.files),
      grouped(r.lines),
      grouped(r.commits),
      `${c.green(`+${grouped(r.added)}`)} ${c.red(minus[i]!.padStart(minusWidth))}`,
      grouped(r.authors),
      `${r.active_months}/${r.monthly.length}`,
      last,
      c.cyan(sparkline(r.monthly.map((m) => m.commits))),
    ]);
  });
  const lines = table.toString().split('\n');
  if (lines[1] !== undefined) lines[1] = c.dim(lines[1]);
  const warnings = reports.flatMap((r) => r.warnings.map((w) => c.yellow(`warning: ${visible(r.path)}: ${visible(w)}`)));
  return `${[...lines, summary(reports), ...warnings].join('\n')}\n`;
}

/** `3 paths · window 2021-04-21 → 2026-04-21 (5y)`; the label is left out when it only repeats the dates. */
function summary(reports: PathReport[]): string {
  const head = count(reports.length, 'path');
  const first = reports[0];
  if (!first) return head;
  const w = first.window;
  const same = reports.every((r) => r.window.since === w.since && r.window.until === w.until && r.window.label === w.label);
  if (!same) return `${head} ${DOT} windows differ between paths`;
  const dates = `${w.since.slice(0, 10)} ${ARROW} ${w.until.slice(0, 10)}`;
  return `${head} ${DOT} window ${dates}${w.label === dates ? '' : ` (${w.label})`}`;
}
