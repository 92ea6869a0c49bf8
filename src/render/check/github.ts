// The check as GitHub Actions workflow commands: each broken rule an annotation (`::error` or
// `::warning`), shown on the run and the pull request; the summary as a notice.
import type { CheckReport } from '../../check/rules.js';
import { broken, findingText, summaryText } from './format.js';

/** A workflow command's message: `%`, CR and LF escaped, as the runner reads them. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (`title=…`): also `:` and `,`. */
function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function renderCheckGithub(report: CheckReport): string {
  const lines = broken(report).map(({ verdict: v, finding: f }) => `::${f.severity} title=${property(`kstat ${f.rule}`)}::${data(`${v.path}: ${findingText(f)}`)}`);
  for (const v of report.paths) {
    if (v.error) lines.push(`::error title=${property(`kstat: ${v.error.code}`)}::${data(`${v.path}: ${v.error.message}`)}`);
  }
  lines.push(`::notice title=kstat check::${data(summaryText(report))}`);
  return `${lines.join('\n')}\n`;
}
