// The signals table's releases figures (docs/signals.md "Releases").
import { ARROW, grouped, visible } from '../../text/format.js';
import type { PathReport } from '../../types.js';
import { NONE, type Signal } from '../signal.js';

const changed = (r: PathReport): number | null => r.releases?.changed ?? null;

/** `changed in 7 of 20 releases (v6.0 → v6.19); first v2.6.24, last change v6.18`; none without release tags. */
function releasesLine(r: PathReport): string | null {
  const x = r.releases;
  if (!x) return null;
  const span = x.considered === 1 ? `the only release counted (${visible(x.newest)})` : `${grouped(x.considered)} releases (${visible(x.oldest)} ${ARROW} ${visible(x.newest)})`;
  const ends = x.first === null || x.last === null ? 'in no release' : `first ${visible(x.first)}, last change ${visible(x.last)}`;
  return `changed in ${grouped(x.changed)} of ${span}; ${ends}`;
}

export const RELEASE_SIGNALS = [
  {
    key: 'releases_changed',
    label: 'releases changed in',
    unit: 'release',
    value: changed,
    sort: 'releases_changed',
    column: {
      head: 'rel.',
      align: 'right',
      drop: 3,
      // A history without release tags has no column.
      shown: (reports) => reports.some((r) => r.releases !== null),
      cells: (reports, style) => reports.map((r) => (r.releases ? `${r.releases.changed}/${r.releases.considered}` : style.missing(NONE))),
    },
    // Out of how many, as `months` is for active_months.
    csv: {
      text: true,
      headers: ['releases_changed', 'releases_considered', 'first_release', 'last_release'],
      cells: (r) => (r.releases ? [String(r.releases.changed), String(r.releases.considered), r.releases.first ?? '', r.releases.last ?? ''] : ['', '', '', '']),
    },
    below: releasesLine,
    rule: { min: 'min-releases-changed' },
  },
] as const satisfies readonly Signal[];
