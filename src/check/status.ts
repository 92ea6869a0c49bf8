// `--require-status Maintained,Supported`: a rule on a path's MAINTAINERS status, a list of the
// statuses that pass rather than a bound on a figure (docs/ci.md). A path without a section, or
// whose section has no known status, has none, which breaks the rule.
import { UsageError } from '../errors.js';
import { closest } from '../signals/suggest.js';
import { STATUSES as STATUS_VALUES } from '../kernel/maintainers.js';
import type { PathReport } from '../types.js';
import type { Finding, RuleSetting } from './rules.js';

export const REQUIRE_STATUS = 'require-status';

/** `Maintained,supported`, `odd fixes` or a config's list → the statuses meant, as the report names them. */
export function parseStatuses(value: unknown, where: string): string[] {
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
  const fix = `give statuses from ${STATUS_VALUES.join(', ')}, e.g. Maintained,Supported`;
  if (items === null) throw new UsageError(`${where}: ${JSON.stringify(value)} is not a list of statuses (${fix})`);
  const out = items.map((item) => {
    const s = STATUS_VALUES.find((known) => known.toLowerCase() === item.trim().toLowerCase());
    if (!s) {
      const near = closest(item.trim(), [...STATUS_VALUES], 1);
      throw new UsageError(`${where}: ${JSON.stringify(item.trim())} is no MAINTAINERS status (${near.length > 0 ? `did you mean ${near[0]}? ` : ''}${fix})`);
    }
    return s;
  });
  if (out.length === 0) throw new UsageError(`${where}: no status given (${fix})`);
  return [...new Set(out)];
}

/** The rule checked on a report: holds when the most specific section's status is one of those allowed. */
export function statusFinding(r: PathReport, set: RuleSetting): Finding {
  const allowed = set.allowed ?? [];
  return { rule: REQUIRE_STATUS, bound: 'in', label: 'MAINTAINERS status', severity: set.severity, figure: r.status, limit: [...allowed], holds: r.status !== null && allowed.includes(r.status) };
}
