// The signals table's maintainers figures (docs/signals.md "MAINTAINERS", "Maintainers' liveness").
import { cutEnd } from '../../text/format.js';
import type { PathReport } from '../../types.js';
import { idleMonths, NONE, type Signal } from '../signal.js';
import { coveragePercent } from './review.js';

/** The table's section column is cut to this many columns: a row stays a row. */
const SECTION_WIDTH = 28;


/** The newest day any M: or R: person of the most specific section was seen on its files, in ms; null without one. */
export function maintainerSeenMs(r: PathReport): number | null {
  const first = r.sections[0];
  if (!first) return null;
  let newest: number | null = null;
  for (const p of [...first.maintainers, ...first.reviewers]) {
    const ms = p.last_seen ? Date.parse(p.last_seen.date) : NaN;
    if (!Number.isNaN(ms) && (newest === null || ms > newest)) newest = ms;
  }
  return newest;
}

/** Reports in a table with no section at all (a repository without MAINTAINERS) show no section columns. */
const anySection = (reports: readonly PathReport[]): boolean => reports.some((r) => r.section !== null);

export const MAINTAINER_SIGNALS = [
  {
    key: 'section',
    label: 'MAINTAINERS section',
    unit: 'section',
    column: {
      head: 'section',
      align: 'left',
      drop: 5,
      shown: anySection,
      cells: (reports, style) => reports.map((r) => (r.section === null ? style.missing(NONE) : cutEnd(r.section, SECTION_WIDTH))),
    },
    // Free text from the repository: render/csv.ts guards it against spreadsheet formulas, as paths.
    csv: { headers: ['section', 'status'], cells: (r) => [r.section ?? '', r.status ?? ''], text: true },
  },
  {
    key: 'status',
    label: 'MAINTAINERS status',
    unit: 'section',
    column: {
      head: 'status',
      align: 'left',
      drop: 6,
      shown: anySection,
      cells: (reports, style) => reports.map((r) => (r.status === null ? style.missing(NONE) : r.status)),
    },
  },
  {
    key: 'maintainer_idle_months',
    label: 'maintainer idle months',
    unit: 'month',
    /** Whole months from the newest day the most specific section's people were seen to the window's end; none breaks any rule on it. */
    value: (r) => idleMonths(maintainerSeenMs(r), r),
    sort: 'maintainer_idle',
    csv: { headers: ['maintainer_idle_months'], cells: (r) => [String(idleMonths(maintainerSeenMs(r), r) ?? '')] },
    rule: { max: 'max-maintainer-idle-months' },
    below: livenessLines,
  },
] as const satisfies readonly Signal[];

/**
 * The most specific section's people and when each was last seen on its files, with the path's
 * maintainer coverage; nothing without a section.
 *
 *   maintainers of HEALTHY DRIVER · coverage 97% of commits, 5y
 *     M Hana Healthy · seen 2025-11-01 as author
 *     R Rita Reviewer · seen 2025-10-02 in a trailer
 */
function livenessLines(r: PathReport): string[] {
  const s = r.sections[0];
  if (!s) return [];
  const percent = coveragePercent(r);
  const coverage = percent === null ? '' : ` · coverage ${percent}% of commits, ${r.window.label}`;
  const seen = (p: PathReport['sections'][number]['maintainers'][number]): string =>
    p.last_seen ? `seen ${p.last_seen.date.slice(0, 10)} ${p.last_seen.as === 'trailer' ? 'in a trailer' : `as ${p.last_seen.as}`}` : 'never seen on its files';
  const people = [...s.maintainers.map((p) => ['M', p] as const), ...s.reviewers.map((p) => ['R', p] as const)];
  return [
    `maintainers of ${s.name}${coverage}`,
    ...people.map(([role, p]) => `  ${role} ${p.name || p.email} · ${seen(p)}`),
    ...(s.silent ? ['  silent: none of them seen in 12 months while commits arrived'] : []),
  ];
}
