// `kstat check`: rules on a path's figures, each an error (fails the job) or a warning. Pure:
// rules and reports in, findings out.
import type * as z from 'zod';
import type { CheckReportSchema, CheckSummarySchema, FindingSchema, PathVerdictSchema } from '../schema/check.js';
import type { PathReport, PathResult } from '../types.js';
import { isFailure } from '../types.js';
import { presetFindings, type Preset } from './preset.js';
import { REQUIRE_STATUS, statusFinding } from './status.js';

export type Severity = z.infer<typeof FindingSchema>['severity'];

/** A rule a figure takes: `min-commits N` holds when commits ≥ N, `max-idle-months N` when idle ≤ N. */
export interface RuleSpec {
  /** The flag's and the config key's name: `min-commits`. */
  name: string;
  bound: 'min' | 'max';
  /** The figure's words in a finding: `commits`, `idle months`. */
  label: string;
  /** The figure; null where there is none (idle months of a path without commits), which breaks every rule on it. */
  figure: (r: PathReport) => number | null;
}

/** A rule as set for a path: its limit and severity. */
export interface RuleSetting {
  limit: number;
  severity: Severity;
  /** `require-status`: the statuses that pass (its `limit` is unused). */
  allowed?: readonly string[];
}

export type RuleSet = Map<string, RuleSetting>;

export type Finding = z.infer<typeof FindingSchema>;

export type PathVerdict = z.infer<typeof PathVerdictSchema>;

export function holds(spec: RuleSpec, figure: number | null, limit: number): boolean {
  if (figure === null) return false;
  return spec.bound === 'min' ? figure >= limit : figure <= limit;
}

/** Every rule set for the path, checked against its report, in the order of `specs`, then the preset's. */
export function verdict(result: PathResult, rules: RuleSet, specs: readonly RuleSpec[], preset: Preset | null = null): PathVerdict {
  if (isFailure(result)) return { path: result.path, status: 'error', findings: [], error: result.error };
  const findings: Finding[] = [];
  for (const spec of specs) {
    const set = rules.get(spec.name);
    if (!set) continue;
    const figure = spec.figure(result);
    findings.push({ rule: spec.name, bound: spec.bound, label: spec.label, severity: set.severity, figure, limit: set.limit, holds: holds(spec, figure, set.limit) });
  }
  const status = rules.get(REQUIRE_STATUS);
  if (status) findings.push(statusFinding(result, status));
  if (preset) findings.push(...presetFindings(preset, result));
  const broken = findings.filter((f) => !f.holds);
  const outcome = broken.some((f) => f.severity === 'error') ? 'fail' : broken.length > 0 ? 'warn' : 'pass';
  return { path: result.path, status: outcome, findings, ...(preset ? { section: result.section } : {}) };
}

export type CheckSummary = z.infer<typeof CheckSummarySchema>;

/** What `kstat check` found: the gate's result for every path (kstat.check/1). */
export type CheckReport = z.infer<typeof CheckReportSchema>;

/** 1 when an error rule is broken, else 10 when a path could not be read, else 0. */
export function exitStatus(summary: CheckSummary): 0 | 1 | 10 {
  return summary.failed > 0 ? 1 : summary.errors > 0 ? 10 : 0;
}

export function summarize(verdicts: readonly PathVerdict[]): CheckSummary {
  const n = (s: PathVerdict['status']): number => verdicts.filter((v) => v.status === s).length;
  return { paths: verdicts.length, passed: n('pass'), warned: n('warn'), failed: n('fail'), errors: n('error') };
}
