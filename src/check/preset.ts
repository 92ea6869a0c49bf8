// `kstat check --preset deprecation`: rules that name likely deprecation candidates, each broken
// one a reason in words (docs/signals.md "The deprecation preset"). A rule finds nothing to judge
// where the repository gives it nothing (no MAINTAINERS section, no kbuild switch): it is left out
// for that path, not broken, so a repository that is not a kernel is judged by its history alone.
import { maintainerSeenMs } from '../signals/kernel/maintainers.js';
import { dateMs, idleMonths } from '../signals/signal.js';
import type { PathReport } from '../types.js';
import type { Finding } from './rules.js';

export const PRESETS = ['deprecation'] as const;
export type Preset = (typeof PRESETS)[number];

/** Statuses that say nobody looks after the code (Buried: only a catch-all section such as THE REST covers it). */
const UNCARED: readonly string[] = ['Orphan', 'Obsolete', 'Buried'];
/** Statuses that pass. */
const CARED = ['Supported', 'Maintained', 'Odd Fixes'];
/** No substantive commit for longer than this: nobody works on the code, only sweeps reach it. */
export const ABANDONED_MONTHS = 36;
/** The window within which a section's people must have been seen while commits arrive (the section's `silent`). */
const SILENT_MONTHS = 12;

const day = (iso: string): string => iso.slice(0, 10);

interface PresetRule {
  /** The finding (its rule named), or null where the path gives the rule nothing to judge. */
  judge(r: PathReport): (Omit<Finding, 'severity' | 'reason'> & { reason: string }) | null;
}

/** The rules in the order reasons are given; docs/signals.md "The deprecation preset" says each. */
const DEPRECATION: readonly PresetRule[] = [
  {
    judge: (r) =>
      r.section === null
        ? null
        : { rule: 'status', bound: 'in', label: 'MAINTAINERS status', figure: r.status, limit: CARED, holds: r.status === null || !UNCARED.includes(r.status), reason: `MAINTAINERS status ${r.status} (${r.section})` },
  },
  {
    judge: (r) => {
      const last = r.last_substantive_commit;
      const idle = idleMonths(dateMs(last), r);
      const reason = last === null ? `no substantive commit in ${r.window.label}` : `no substantive commit in ${idle} months (last ${day(last.date)})`;
      return { rule: 'abandoned', bound: 'max', label: 'substantive idle months', figure: idle, limit: ABANDONED_MONTHS, holds: idle !== null && idle <= ABANDONED_MONTHS, reason };
    },
  },
  {
    judge: (r) => {
      const s = r.sections[0];
      const people = s ? [...s.maintainers, ...s.reviewers] : [];
      // A section that lists nobody (an Orphan) has no maintainer to be silent: `status` speaks for it.
      if (!s || people.length === 0) return null;
      const seen = maintainerSeenMs(r);
      const heard = seen === null ? 'never seen' : `last seen ${day(new Date(seen).toISOString())}`;
      return {
        rule: 'silent-maintainers',
        bound: 'max',
        label: 'maintainer idle months',
        figure: idleMonths(seen, r),
        limit: SILENT_MONTHS,
        holds: !s.silent,
        reason: `every maintainer of ${s.name} silent ${SILENT_MONTHS} months while commits arrived (${heard})`,
      };
    },
  },
  {
    judge: (r) => {
      if (r.defconfigs === null) return null;
      const gates = r.build_switches.filter((b) => b.from === 'parent').map((b) => b.symbol);
      return { rule: 'unbuilt', bound: 'min', label: 'defconfigs', figure: r.defconfigs, limit: 1, holds: r.defconfigs >= 1, reason: `${gates.join(' or ')} set in no defconfig` };
    },
  },
];

const RULES: Record<Preset, readonly PresetRule[]> = { deprecation: DEPRECATION };

/** The preset's findings on a report, errors all; a broken one carries its reason, a held one none. */
export function presetFindings(preset: Preset, r: PathReport): Finding[] {
  return RULES[preset].flatMap((rule) => {
    const f = rule.judge(r);
    if (!f) return [];
    const { reason, ...finding } = f;
    return [{ ...finding, severity: 'error' as const, ...(f.holds ? {} : { reason }) }];
  });
}
