// The signals table: every figure a user can see or sort by, declared once. The table, CSV and
// text renderers, --sort and the check loop over it in its order, so a new figure is one entry
// here (or in a topic file spread in below) plus its computation. Pure: colour comes from the renderer as a Style.
import { columns, count, grouped, largest, MINUS } from '../text/format.js';
import { periodLabel } from '../text/periods.js';
import { sparkline } from '../text/sparkline.js';
import { BUILD_SIGNALS } from './kernel/build.js';
import { MAINTAINER_SIGNALS } from './kernel/maintainers.js';
import { RELEASE_SIGNALS } from './kernel/releases.js';
import { REVIEW_SIGNALS } from './kernel/review.js';
import { dateMs, idleMonths, lastCommitMs, monthSums, NONE, plain, SPARK_LABEL, type Signal } from './signal.js';

export type { ColumnContext, CsvColumns, Rule, Signal, Style, TableColumn } from './signal.js';

const TABLE = [
  {
    key: 'files',
    label: 'files',
    unit: 'file',
    value: (r) => r.files,
    sort: 'files',
    column: { head: 'files', align: 'right', drop: 9, cells: (reports) => reports.map((r) => grouped(r.files)) },
    csv: { headers: ['files'], cells: (r) => [String(r.files)], lead: true },
    text: (r) => count(r.files, 'file'),
    rule: { min: 'min-files', max: 'max-files' },
  },
  {
    key: 'lines',
    label: 'source lines',
    unit: 'line',
    value: (r) => r.lines,
    sort: 'lines',
    column: { head: 'lines', align: 'right', drop: 8, cells: (reports) => reports.map((r) => grouped(r.lines)) },
    csv: { headers: ['lines'], cells: (r) => [String(r.lines)], lead: true },
    text: (r) => count(r.lines, 'source line'),
    rule: { min: 'min-lines', max: 'max-lines' },
  },
  {
    key: 'commits',
    label: 'commits',
    unit: 'commit',
    value: (r) => r.commits,
    sort: 'commits',
    column: { head: 'commits', align: 'right', drop: 12, cells: (reports) => reports.map((r) => grouped(r.commits)) },
    csv: { headers: ['commits'], cells: (r) => [String(r.commits)], lead: true },
    text: (r) => `${count(r.commits, 'commit')}, ${r.window.label}`,
    rule: { min: 'min-commits', max: 'max-commits' },
  },
  {
    ...plain('substantive_commits', { min: 'min-substantive-commits', max: 'max-substantive-commits' }),
    label: 'substantive commits',
    unit: 'commit',
    column: { head: 'subst.', align: 'right', drop: 11, cells: (reports) => reports.map((r) => grouped(r.substantive_commits)) },
    below: (r) => `${count(r.substantive_commits, 'substantive commit')}, ${r.window.label} (${count(r.sweep_commits, 'sweep')})`,
  },
  { ...plain('sweep_commits', { max: 'max-sweep-commits' }), label: 'sweep commits', unit: 'commit' },
  {
    key: 'added',
    label: 'lines added',
    unit: 'line',
    value: (r) => r.added,
    sort: 'added',
    csv: { headers: ['added'], cells: (r) => [String(r.added)], lead: true },
    rule: { min: 'min-added', max: 'max-added' },
  },
  {
    key: 'removed',
    label: 'lines removed',
    unit: 'line',
    value: (r) => r.removed,
    sort: 'removed',
    csv: { headers: ['removed'], cells: (r) => [String(r.removed)], lead: true },
    rule: { min: 'min-removed', max: 'max-removed' },
  },
  { ...plain('substantive_added'), label: 'substantive lines added', unit: 'line' },
  { ...plain('substantive_removed'), label: 'substantive lines removed', unit: 'line' },
  {
    key: 'churn',
    label: 'lines added + removed',
    unit: 'line',
    value: (r) => r.added + r.removed,
    sort: 'churn',
    column: {
      head: `+/${MINUS}`,
      align: 'right',
      drop: 7,
      cells: (reports, style) => {
        // The minus half is padded so both halves line up down the column (right alignment does the plus half).
        const minus = reports.map((r) => `${MINUS}${grouped(r.removed)}`);
        const width = largest(minus.map(columns), 0);
        return reports.map((r, i) => `${style.added(`+${grouped(r.added)}`)} ${style.removed(minus[i]!.padStart(width))}`);
      },
    },
    text: (r, style) => `${style.added(`+${grouped(r.added)}`)} / ${style.removed(`${MINUS}${grouped(r.removed)}`)} lines added / removed, ${r.window.label}`,
    rule: { min: 'min-churn', max: 'max-churn' },
  },
  {
    key: 'authors',
    label: 'authors',
    unit: 'author',
    value: (r) => r.authors,
    sort: 'authors',
    column: { head: 'authors', align: 'right', drop: 10, cells: (reports) => reports.map((r) => grouped(r.authors)) },
    csv: { headers: ['authors'], cells: (r) => [String(r.authors)], lead: true },
    text: (r) => `${count(r.authors, 'author')}, ${r.window.label}`,
    rule: { min: 'min-authors', max: 'max-authors' },
  },
  {
    ...plain('substantive_authors', { min: 'min-substantive-authors' }),
    label: 'substantive authors',
    unit: 'author',
    below: (r) => `${count(r.substantive_authors, 'substantive author')}, ${r.window.label}`,
  },
  {
    ...plain('absence_factor', { min: 'min-absence-factor' }),
    label: 'absence factor',
    unit: 'author',
    column: { head: 'absence', align: 'right', drop: 4, cells: (reports) => reports.map((r) => grouped(r.absence_factor)) },
    below: (r) => `absence factor ${grouped(r.absence_factor)} (substantive ${grouped(r.substantive_absence_factor)}): fewest authors behind half the commits`,
  },
  { ...plain('substantive_absence_factor', { min: 'min-substantive-absence-factor' }), label: 'substantive absence factor', unit: 'author' },
  {
    ...plain('elephant_factor', { min: 'min-elephant-factor' }),
    label: 'elephant factor',
    unit: 'domain',
    column: { head: 'elephant', align: 'right', drop: 3, cells: (reports) => reports.map((r) => grouped(r.elephant_factor)) },
    below: (r) => `elephant factor ${grouped(r.elephant_factor)} (substantive ${grouped(r.substantive_elephant_factor)}): fewest e-mail domains behind half`,
  },
  { ...plain('substantive_elephant_factor', { min: 'min-substantive-elephant-factor' }), label: 'substantive elephant factor', unit: 'domain' },
  {
    key: 'active_months',
    label: 'active months',
    unit: 'month',
    value: (r) => r.active_months,
    sort: 'active',
    column: { head: 'active', align: 'right', drop: 6, cells: (reports) => reports.map((r) => `${r.active_months}/${r.monthly.length}`) },
    // `months`, the window's month count, is what active_months is out of.
    csv: { headers: ['active_months', 'months'], cells: (r) => [String(r.active_months), String(r.window.months)], lead: true },
    rule: { min: 'min-active-months' },
  },
  { ...plain('substantive_active_months', { min: 'min-substantive-active-months' }, 'substantive_active'), label: 'substantive active months', unit: 'month' },
  {
    key: 'last_commit',
    label: 'last commit',
    unit: 'date',
    /** The committer date in ms. */
    value: lastCommitMs,
    sort: 'last',
    column: {
      head: 'last change',
      align: 'left',
      drop: 5,
      cells: (reports, style) => reports.map((r) => (r.last_commit ? r.last_commit.date.slice(0, 10) : style.missing(NONE))),
    },
    csv: { headers: ['last_commit_date', 'last_commit_sha'], cells: (r) => [r.last_commit?.date ?? '', r.last_commit?.sha ?? ''], lead: true },
  },
  {
    key: 'last_substantive_commit',
    label: 'last substantive commit',
    unit: 'date',
    value: (r) => dateMs(r.last_substantive_commit),
    sort: 'substantive_last',
    csv: { headers: ['last_substantive_commit_date', 'last_substantive_commit_sha'], cells: (r) => [r.last_substantive_commit?.date ?? '', r.last_substantive_commit?.sha ?? ''] },
  },
  {
    key: 'monthly',
    label: 'monthly commits',
    unit: 'commit',
    column: {
      head: (reports, ctx) => {
        const label = SPARK_LABEL[ctx.months] ?? periodLabel(ctx.months);
        const { max } = monthSums(reports, ctx.months);
        return max > 0 ? `${label} (█ = ${grouped(max)})` : label;
      },
      align: 'left',
      drop: 1,
      periods: [1, 3, 12],
      cells: (reports, style, ctx) => {
        const { sums, max } = monthSums(reports, ctx.months);
        return sums.map((s) => style.bars(sparkline(s, max)));
      },
    },
  },
  {
    key: 'idle_months',
    label: 'idle months',
    unit: 'month',
    /** Whole calendar months from the last commit to the window's end (0 when it is after the end). */
    value: (r) => idleMonths(lastCommitMs(r), r),
    sort: 'idle',
    rule: { max: 'max-idle-months' },
  },
  {
    key: 'substantive_idle_months',
    label: 'substantive idle months',
    unit: 'month',
    /** From the last substantive commit in the window; none there breaks any rule on it. */
    value: (r) => idleMonths(dateMs(r.last_substantive_commit), r),
    sort: 'substantive_idle',
    rule: { max: 'max-substantive-idle-months' },
  },
] as const satisfies readonly Signal[];

/** The kernel's figures (MAINTAINERS, review trailers, build switches, releases) follow the history's. */
const KERNEL = [...MAINTAINER_SIGNALS, ...REVIEW_SIGNALS, ...BUILD_SIGNALS, ...RELEASE_SIGNALS] as const;

export const SIGNALS: readonly Signal[] = [...TABLE, ...KERNEL];

/** The --sort keys of the table's figures, in its order. */
export type FigureSortKey = Extract<(typeof TABLE)[number] | (typeof KERNEL)[number], { sort: string }>['sort'];
