// The check as Markdown, ready for a pull-request comment: a heading that gives the verdict, a
// table of the broken rules, the paths that could not be read, and the summary.
import type { CheckReport } from '../../check/rules.js';
import { broken, figureText, limitText, summaryText } from './format.js';
import { cell, code } from '../markdown-text.js';

export function renderCheckMarkdown(report: CheckReport): string {
  const s = report.summary;
  const bad = broken(report);
  const verdict =
    s.failed > 0 ? `❌ ${s.failed} of ${s.paths} paths break a rule` : s.warned > 0 ? `⚠️ every rule holds, with ${s.warned} warned` : `✅ every rule holds`;
  const lines = [`### kstat check: ${verdict}`, ''];
  if (bad.length > 0) {
    lines.push('| | path | rule | figure | limit |', '|---|---|---|---:|---|');
    for (const { verdict: v, finding: f } of bad) {
      lines.push(`| ${f.severity === 'error' ? '❌ error' : '⚠️ warning'} | ${code(v.path)} | ${cell(f.rule)} | ${figureText(f)} | ${cell(limitText(f))} |`);
    }
    lines.push('');
  }
  const failed = report.paths.filter((v) => v.error);
  if (failed.length > 0) {
    lines.push('Paths that could not be read:', '');
    for (const v of failed) lines.push(`- ${code(v.path)}: ${cell(v.error!.message)}`);
    lines.push('');
  }
  lines.push(cell(summaryText(report)));
  return `${lines.join('\n')}\n`;
}
