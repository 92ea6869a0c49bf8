// Words shared by the check's output formats: a finding as people read it.
import type { CheckReport, Finding, PathVerdict } from '../../check/rules.js';
import { count, DOT, grouped } from '../../text/format.js';

/** `≥ 1`, `≤ 18`: what the figure must be. */
export function limitText(f: Finding): string {
  if (typeof f.limit !== 'number') return `one of ${f.limit.join(', ')}`;
  return `${f.bound === 'min' ? '≥' : '≤'} ${grouped(f.limit)}`;
}

/** The figure, or `none` where the path has none (no commit ever: idle months). */
export function figureText(f: Finding): string {
  return f.figure === null ? 'none' : typeof f.figure === 'number' ? grouped(f.figure) : f.figure;
}

/** `commits 0, must be ≥ 1`; a preset's broken rule in its own words. */
export function findingText(f: Finding): string {
  return f.reason ?? `${f.label} ${figureText(f)}, must be ${limitText(f)}`;
}

/** The broken rules of each path, errors first, then warnings; paths without figures apart. */
export function broken(report: CheckReport): Array<{ verdict: PathVerdict; finding: Finding }> {
  const out = report.paths.flatMap((verdict) => verdict.findings.filter((f) => !f.holds).map((finding) => ({ verdict, finding })));
  return [...out.filter((x) => x.finding.severity === 'error'), ...out.filter((x) => x.finding.severity === 'warning')];
}

/** `14 paths checked · 1 failed · 2 warned · 11 passed · 1 could not be read`. */
export function summaryText(report: CheckReport): string {
  const s = report.summary;
  const parts = [`${count(s.paths, 'path')} checked`, `${grouped(s.failed)} failed`, `${grouped(s.warned)} warned`, `${grouped(s.passed)} passed`];
  if (s.errors > 0) parts.push(`${grouped(s.errors)} could not be read`);
  const w = report.window;
  if (w) parts.push(`window ${w.since.slice(0, 10)} → ${w.until.slice(0, 10)}`);
  return parts.join(` ${DOT} `);
}
