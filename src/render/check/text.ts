// The check for people: each broken rule on one line (severity, path, rule, figure and limit),
// each path that could not be read, then a summary.
import { Chalk } from 'chalk';
import type { CheckReport } from '../../check/rules.js';
import { visible, wrap } from '../../text/format.js';
import type { CheckRenderOptions } from './index.js';
import { broken, findingText, summaryText } from './format.js';

export function renderCheckText(report: CheckReport, opts: CheckRenderOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const lines: string[] = [];
  for (const { verdict, finding } of broken(report)) {
    const tag = finding.severity === 'error' ? c.red('error  ') : c.yellow('warning');
    lines.push(...wrap(`${tag}  ${visible(verdict.path)}  ${c.bold(finding.rule)}  ${findingText(finding)}`, opts.width));
  }
  for (const v of report.paths) {
    if (v.error) lines.push(...wrap(`${c.red('failed ')}  ${visible(v.path)}  ${visible(v.error.message)}`, opts.width));
  }
  lines.push(...wrap(summaryText(report), opts.width));
  return `${lines.join('\n')}\n`;
}
