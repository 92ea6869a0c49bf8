// The "repository signals" block of docs/signals.md, then the monthly chart and the last commit; a path
// that failed gets its one-line error instead of a block.
import { Chalk } from 'chalk';
import { SIGNALS, type Style } from '../signals/table.js';
import { isFailure, type CommitRef, type PathFailure, type PathReport, type PathResult } from '../types.js';
import { peopleLines } from './people.js';
import { chartPeriod, monthlyChart } from './chart.js';
import { ARROW, columns, cutEnd, DOT, grouped, visible, wrap } from '../text/format.js';
import type { RenderOptions } from './index.js';
import { whole, type Stream } from './stream.js';
import { periodLabel } from '../text/periods.js';

type TextOptions = Pick<RenderOptions, 'color'> & Partial<Pick<RenderOptions, 'width'>>;

/** Blocks written path by path, a blank line between them. */
export function textStream(opts: RenderOptions): Stream {
  return { item: (r, i) => `${i === 0 ? '' : '\n'}${isFailure(r) ? failureText(r, opts) : textBlock(r, opts)}`, end: () => '' };
}

export function renderText(results: PathResult[], opts: RenderOptions): string {
  return whole(textStream(opts), results);
}

/** `error: PATH: message`, the words a failed path gets in place of its block or after a table. */
export function failureLine(r: PathFailure): string {
  return `error: ${visible(r.path)}: ${visible(r.error.message)}`;
}

function failureText(r: PathFailure, opts: TextOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  return `${wrap(failureLine(r), opts.width ?? Infinity).map((l) => c.red(l)).join('\n')}\n`;
}

export function textBlock(r: PathReport, opts: TextOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const width = opts.width ?? Infinity;
  const fit = (line: string): string[] => wrap(line, width);
  const style: Style = { added: c.green, removed: c.red, missing: c.dim, bars: c.cyan };
  const since = r.window.since.slice(0, 10);
  const until = r.window.until.slice(0, 10);
  const chart = periodLabel(chartPeriod(r.monthly, width));
  const lines = [
    ...wrap(visible(r.path), width).map((l) => c.bold(l)),
    '',
    c.bold('repository signals'),
    '',
    ...SIGNALS.flatMap((s) => (s.text ? fit(s.text(r, style)) : [])),
    ...fit(`${chart} ${DOT} ${since} ${ARROW} ${until} ${DOT} ${grouped(r.commits)} total ${DOT} active in ${r.active_months}/${r.monthly.length} months`),
    ...monthlyChart(r.monthly, { bar: c.cyan, axis: c.dim }, 4, width),
    ...treeNote(r).flatMap(fit),
    '',
    ...SIGNALS.flatMap((s) => {
      const line = s.below?.(r, style) ?? null;
      return line === null ? [] : fit(line);
    }),
    ...peopleLines(r, style, width),
    '',
    ...commitLines('last commit', r.last_commit, c, width),
    ...commitLines('last substantive', r.last_substantive_commit, c, width),
    ...r.warnings.flatMap((m) => fit(`warning: ${visible(m)}`)).map((l) => c.yellow(l)),
    ...r.notes.flatMap((m) => fit(`note: ${visible(m)}`)).map((l) => c.dim(l)),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * When the window ends before the revision, `files` and `lines` still describe the revision's
 * tree (docs/signals.md); the block says which tree that is.
 */
export function treeNote(r: PathReport): string[] {
  if (Date.parse(r.window.until) >= Date.parse(r.revision.date)) return [];
  return [`files and lines as of ${visible(r.revision.name)} (${r.revision.date.slice(0, 10)}), after the window`];
}

/** A commit on one line, its subject cut to the width; on two when even the date and SHA leave no room. */
function commitLines(label: string, l: CommitRef | null, c: InstanceType<typeof Chalk>, width: number): string[] {
  if (!l) return wrap(`${label} ${DOT} none`, width);
  const head = `${label} ${DOT} ${l.date.slice(0, 10)} ${DOT} `;
  const sha = l.sha.slice(0, 12);
  const subject = visible(l.subject);
  const room = width - columns(`${head}${sha} ${DOT} `);
  // A subject cut to a few characters says nothing: it moves to a line of its own.
  if (room >= Math.min(12, columns(subject))) return [`${head}${c.yellow(sha)} ${DOT} ${cutEnd(subject, room)}`];
  return [...wrap(`${head}${c.yellow(sha)}`, width), ...(subject === '' ? [] : [`  ${cutEnd(subject, width - 2)}`])];
}
