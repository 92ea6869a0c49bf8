// The signals table's build figures (docs/signals.md "Build switches").
import { count, grouped } from '../../text/format.js';
import type { PathReport } from '../../types.js';
import { NONE, type Signal } from '../signal.js';

type Switch = PathReport['build_switches'][number];

/** `CONFIG_FOO (tristate "Foo support")`, `CONFIG_BAR (bool, no prompt)`, `CONFIG_BAZ (no Kconfig entry)`. */
export function describeSwitch(s: Switch): string {
  if (s.kconfig === null) return `${s.symbol} (no Kconfig entry)`;
  const type = s.type ?? 'no type';
  return `${s.symbol} (${s.prompt === null ? `${type}, no prompt` : `${type} ${JSON.stringify(s.prompt)}`})`;
}

/**
 * `built by CONFIG_X (tristate "…"), set in 3 defconfigs; 2 switches for its parts`, or null when
 * no switch builds the path or its parts (a repository without kbuild files prints nothing).
 */
export function buildLine(r: PathReport): string | null {
  const gates = r.build_switches.filter((s) => s.from === 'parent');
  const own = r.build_switches.length - gates.length;
  const parts = own > 0 ? `${count(own, 'switch', 'switches')} for its parts` : null;
  if (gates.length === 0) return parts === null ? null : `no switch gates it; ${parts}`;
  const set = r.defconfigs === null ? 'no defconfig in the tree' : `set in ${count(r.defconfigs, 'defconfig')}`;
  return `built by ${gates.map(describeSwitch).join(' or ')}, ${set}${parts === null ? '' : `; ${parts}`}`;
}

export const BUILD_SIGNALS = [
  {
    key: 'defconfigs',
    label: 'defconfigs',
    unit: 'defconfig',
    /** Null when no switch gates the path: it sorts after every number, and breaks --min-defconfigs. */
    value: (r) => r.defconfigs,
    sort: 'defconfigs',
    column: {
      head: 'defconfigs',
      align: 'right',
      drop: 4,
      // A table of paths no switch gates (not a kernel tree) has no column.
      shown: (reports) => reports.some((r) => r.defconfigs !== null),
      cells: (reports, style) => reports.map((r) => (r.defconfigs === null ? style.missing(NONE) : grouped(r.defconfigs))),
    },
    // The gates, space-separated, so a spreadsheet can say which switch a count is for.
    csv: {
      headers: ['defconfigs', 'build_gates'],
      cells: (r) => [r.defconfigs === null ? '' : String(r.defconfigs), r.build_switches.filter((s) => s.from === 'parent').map((s) => s.symbol).join(' ')],
    },
    below: buildLine,
    rule: { min: 'min-defconfigs' },
  },
] as const satisfies readonly Signal[];
