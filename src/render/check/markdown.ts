// The check as Markdown, ready for a pull-request comment: a heading that gives the verdict, a
// table of the broken rules, the paths that could not be read, and the summary. With a preset,
// the heading counts its candidates and a table gives each one's section and reasons.
import type { CheckReport } from '../../check/rules.js';
import { broken, figureText, limitText, summaryText } from './format.js';
import { cell, code } from '../markdown-text.js';

export function renderCheckMarkdown(report: CheckReport): string {
  const s = report.summary;
  // A preset's rules say their reasons; the others keep their table of figures and limits.
  const bad = broken(report).filter(({ finding }) => finding.reason === undefined);
  const lines = [`### ${heading(report)}`, ''];
  if (report.preset) lines.push(...candidates(report));
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

function heading(report: CheckReport): string {
  const s = report.summary;
  if (report.preset) {
    const n = report.paths.filter((v) => v.findings.some((f) => f.reason !== undefined)).length;
    return `kstat check --preset ${report.preset}: ${n} ${n === 1 ? 'candidate' : 'candidates'} among ${s.paths} ${s.paths === 1 ? 'path' : 'paths'}`;
  }
  return `kstat check: ${s.failed > 0 ? `❌ ${s.failed} of ${s.paths} paths break a rule` : s.warned > 0 ? `⚠️ every rule holds, with ${s.warned} warned` : '✅ every rule holds'}`;
}

/** One row per path a preset rule names: its section and its reasons, in the rules' order. */
function candidates(report: CheckReport): string[] {
  const rows = report.paths.flatMap((v) => {
    const reasons = v.findings.flatMap((f) => (f.reason === undefined ? [] : [f.reason]));
    return reasons.length === 0 ? [] : [`| ${code(v.path)} | ${v.section ? cell(v.section) : '—'} | ${cell(reasons.join('; '))} |`];
  });
  return rows.length === 0 ? [] : ['| path | MAINTAINERS section | reasons |', '|---|---|---|', ...rows, ''];
}
