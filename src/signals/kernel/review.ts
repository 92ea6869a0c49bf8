// The signals table's review figures (docs/signals.md "Review trailers").
import { count, DOT, grouped } from '../../text/format.js';
import type { PathReport, ReviewFigures } from '../../types.js';
import { NONE, type Signal } from '../signal.js';

/**
 * A share as the check and --sort compare it: the whole percent, rounded down, so that
 * `--min-reviewed-share 75` holds exactly when at least 75% are; null without commits.
 */
const floorPercent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.floor((100 * part) / whole));

/** A share as a whole percent; one that rounds to 0 but is not shows as `<1%`. */
const percent = (part: number, whole: number): string => {
  const p = Math.round((100 * part) / whole);
  return p === 0 && part > 0 ? '<1%' : `${p}%`;
};

const reviewed = (f: ReviewFigures): number | null => floorPercent(f.reviewed_or_acked.commits, f.commits);

/** Whether any commit carries a counted trailer or is a revert: a history without trailers shows no review lines. */
const anyTrailer = (f: ReviewFigures): boolean =>
  f.reviewed_or_acked.commits + f.signed_off_by.commits + f.tested_by.commits + f.reported_by.commits + f.co_developed_by.commits + f.fixes.commits + f.stable.commits + f.reverts.commits > 0;

/** `reviewed-by 35 (6 people)`: commits with the trailer, and the people it names (the unit said once per line). */
const kind = (label: string, t: { commits: number; people: number }, unit = false): string => `${label} ${grouped(t.commits)} (${unit ? count(t.people, 'person', 'people') : grouped(t.people)})`;
const marked = (label: string, m: { commits: number }, commits: number): string => `${label} ${grouped(m.commits)} (${percent(m.commits, commits)})`;

/** The lines under the chart: shares of reviewed commits, who reviewed, tested and handled them, fixes, stable and reverts. */
function reviewLines(r: PathReport): string[] {
  const { all, substantive } = r.review;
  if (all.commits === 0 || !anyTrailer(all)) return [];
  const sub = substantive.commits === 0 ? '' : ` ${DOT} substantive ${grouped(substantive.reviewed_or_acked.commits)}/${grouped(substantive.commits)} (${percent(substantive.reviewed_or_acked.commits, substantive.commits)})`;
  return [
    `reviewed or acked ${grouped(all.reviewed_or_acked.commits)}/${grouped(all.commits)} commits (${percent(all.reviewed_or_acked.commits, all.commits)}), ${r.window.label}${sub}`,
    `commits with ${kind('reviewed-by', all.reviewed_by, true)} ${DOT} ${kind('acked-by', all.acked_by)} ${DOT} ${kind('tested-by', all.tested_by)}`,
    `${kind("others' sign-off", all.signed_off_by, true)} ${DOT} ${kind('reported-by', all.reported_by)} ${DOT} ${kind('co-developed-by', all.co_developed_by)}`,
    `${marked('fixes', all.fixes, all.commits)} ${DOT} ${marked('Cc stable', all.stable, all.commits)} ${DOT} ${marked('reverts', all.reverts, all.commits)}`,
  ];
}

const csvShare = (s: number | null): string => (s === null ? '' : String(s));

/**
 * Maintainer coverage as the check and --sort compare it, the whole percent rounded down (as
 * floorPercent); the small term absorbs a share like 0.29 that is a hair under 29/100. Null without it.
 */
export const coveragePercent = (r: PathReport): number | null => (r.maintainer_coverage === null ? null : Math.floor(100 * r.maintainer_coverage + 1e-9));

export const REVIEW_SIGNALS = [
  {
    key: 'reviewed_share',
    label: 'reviewed share',
    unit: 'commit',
    value: (r) => reviewed(r.review.all),
    sort: 'reviewed',
    column: {
      head: 'reviewed',
      align: 'right',
      drop: 2,
      // A history without trailers (not a kernel's) has no column.
      shown: (reports) => reports.some((r) => anyTrailer(r.review.all)),
      cells: (reports, style) => reports.map((r) => (r.review.all.commits === 0 ? style.missing(NONE) : percent(r.review.all.reviewed_or_acked.commits, r.review.all.commits))),
    },
    csv: {
      headers: [
        'reviewed_or_acked_commits',
        'reviewed_share',
        ...(['signed_off_by', 'reviewed_by', 'acked_by', 'tested_by', 'reported_by', 'co_developed_by'] as const).flatMap((k) => [`${k}_commits`, `${k}_people`]),
        'fixes_commits',
        'stable_commits',
        'revert_commits',
      ],
      cells: (r) => {
        const f = r.review.all;
        return [
          String(f.reviewed_or_acked.commits),
          csvShare(f.reviewed_or_acked.share),
          ...[f.signed_off_by, f.reviewed_by, f.acked_by, f.tested_by, f.reported_by, f.co_developed_by].flatMap((t) => [String(t.commits), String(t.people)]),
          String(f.fixes.commits),
          String(f.stable.commits),
          String(f.reverts.commits),
        ];
      },
    },
    below: reviewLines,
    rule: { min: 'min-reviewed-share' },
  },
  {
    key: 'substantive_reviewed_share',
    label: 'substantive reviewed share',
    unit: 'commit',
    value: (r) => reviewed(r.review.substantive),
    sort: 'substantive_reviewed',
    csv: {
      headers: ['substantive_reviewed_or_acked_commits', 'substantive_reviewed_share'],
      cells: (r) => [String(r.review.substantive.reviewed_or_acked.commits), csvShare(r.review.substantive.reviewed_or_acked.share)],
    },
    rule: { min: 'min-substantive-reviewed-share' },
  },
  { key: 'reviewers', label: 'reviewers', unit: 'author', value: (r) => r.review.all.reviewed_by.people, sort: 'reviewers', rule: { min: 'min-reviewers' } },
  { key: 'fixes', label: 'fixes', unit: 'commit', value: (r) => r.review.all.fixes.commits, sort: 'fixes' },
  { key: 'reverts', label: 'reverts', unit: 'commit', value: (r) => r.review.all.reverts.commits, sort: 'reverts', rule: { max: 'max-reverts' } },
  {
    key: 'maintainer_coverage',
    label: 'maintainer coverage',
    unit: 'commit',
    value: coveragePercent,
    sort: 'coverage',
    csv: { headers: ['maintainer_coverage'], cells: (r) => [csvShare(r.maintainer_coverage)] },
    rule: { min: 'min-maintainer-coverage' },
  },
] as const satisfies readonly Signal[];
