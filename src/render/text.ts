// The "repository signals" block of SPEC.md, then the monthly chart and the last commit.
import { Chalk } from 'chalk';
import type { PathReport } from '../types.js';
import { monthlyChart } from './chart.js';
import { ARROW, count, DOT, grouped, MINUS, visible } from './format.js';

export interface TextOptions {
  color: boolean;
}

export function renderText(reports: PathReport[], opts: TextOptions): string {
  return reports.map((r) => textBlock(r, opts)).join('\n');
}

export function textBlock(r: PathReport, opts: TextOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const w = r.window.label;
  const since = r.window.since.slice(0, 10);
  const until = r.window.until.slice(0, 10);
  const lines = [
    c.bold(visible(r.path)),
    '',
    c.bold('repository signals'),
    '',
    count(r.files, 'file'),
    count(r.lines, 'source line'),
    `${count(r.commits, 'commit')}, ${w}`,
    `${c.green(`+${grouped(r.added)}`)} / ${c.red(`${MINUS}${grouped(r.removed)}`)} lines added / removed, ${w}`,
    `${count(r.authors, 'author')}, ${w}`,
    `monthly commits ${DOT} ${since} ${ARROW} ${until} ${DOT} ${grouped(r.commits)} total ${DOT} active in ${r.active_months}/${r.monthly.length} months`,
    ...monthlyChart(r.monthly, { bar: c.cyan, axis: c.dim }),
    '',
    lastCommitLine(r, c),
    ...r.warnings.map((m) => c.yellow(`warning: ${visible(m)}`)),
  ];
  return `${lines.join('\n')}\n`;
}

function lastCommitLine(r: PathReport, c: InstanceType<typeof Chalk>): string {
  const l = r.last_commit;
  if (!l) return `last commit ${DOT} none`;
  return `last commit ${DOT} ${l.date.slice(0, 10)} ${DOT} ${c.yellow(l.sha.slice(0, 12))} ${DOT} ${visible(l.subject)}`;
}
