// The reference chart as a standalone SVG (--svg): a bar per month of the window, substantive
// commits below sweeps, lines added and removed as a band under the axis, years beneath, and
// the reference's words on every month (`2021-04: 1 commit · +3 −1`) as its tooltip.
// Hand-written: no library to load, and every character of the tooltips is ours. drawChart uses
// nothing but its arguments, so the HTML page carries its source and draws the very same chart
// for a row it expands (render/html.ts).
import { grouped, largest } from '../text/format.js';
import type { MonthFigures, PathReport } from '../types.js';

/** What the chart shows of a path: plain data, the same from a report and from the page's JSON. */
export interface Chart {
  path: string;
  /** The window's bounds, `YYYY-MM-DD…`. */
  since: string;
  until: string;
  months: MonthFigures[];
  commits: number;
  substantive: number;
  sweeps: number;
  active: number;
  added: number;
  removed: number;
}

/** The helpers drawChart is handed rather than imports: their own sources travel in the page. */
export interface ChartKit {
  grouped(n: number): string;
  largest(values: Iterable<number>, floor?: number): number;
  xml(text: string): string;
  title(m: MonthFigures, kit: ChartKit): string;
}

export function chartOf(r: PathReport): Chart {
  return { path: r.path, months: r.monthly, ...chartTotals(r) };
}

/** The chart's window and totals: all of it but the path and the months (the HTML page carries those its own way). */
export function chartTotals(r: PathReport): Omit<Chart, 'path' | 'months'> {
  return {
    since: r.window.since,
    until: r.window.until,
    commits: r.commits,
    substantive: r.substantive_commits,
    sweeps: r.sweep_commits,
    active: r.active_months,
    added: r.added,
    removed: r.removed,
  };
}

/** A month's tooltip, in the reference's words and signs (U+00B7, U+2212). */
export function monthTitle(m: MonthFigures, kit: ChartKit = KIT): string {
  return `${m.month}: ${kit.grouped(m.commits)} ${m.commits === 1 ? 'commit' : 'commits'} \u00b7 +${kit.grouped(m.added)} \u2212${kit.grouped(m.removed)}`;
}

/** Text as XML character data or an attribute value. */
export function xml(text: string): string {
  // Characters XML 1.0 forbids (C0 controls but tab, newline, return; lone surrogates; U+FFFE/F) are dropped.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const KIT: ChartKit = { grouped, largest, xml, title: monthTitle };

/** The SVG document of one path's monthly figures. */
export function renderSvg(r: PathReport): string {
  return `${drawChart(chartOf(r), KIT, 'kstat')}\n`;
}

/**
 * The chart's markup: 800 units wide, scaled by its viewBox. `id` prefixes the title's and the
 * description's ids, and the class its style is scoped to, so many charts can share one page.
 * Self-contained on purpose (see the top of the file): no imports, no module constants.
 */
export function drawChart(c: Chart, kit: ChartKit, id: string): string {
  const WIDTH = 800;
  const LEFT = 56;
  const RIGHT = 16;
  const TOP = 60;
  // Heights of the commit bars above the axis and of the lines band below it.
  const BARS = 150;
  const GAP = 6;
  const BAND = 60;
  const HEIGHT = TOP + BARS + GAP + BAND + 34;
  const DOT = '\u00b7';
  const MINUS = '\u2212';
  const { grouped, largest, xml } = kit;
  const plural = (n: number, one: string): string => `${grouped(n)} ${n === 1 ? one : `${one}s`}`;
  // Two decimals at most: crisp enough for any scale, and short.
  const n = (v: number): string => String(Math.round(v * 100) / 100);
  // Mid-tone colours that read on white and on black; text and grid follow the viewer's scheme.
  // Scoped to the chart's class: inside an HTML page a chart's style would otherwise style the page.
  const k = `svg.${id}`;
  const style = `
  ${k} text { font: 11px system-ui, -apple-system, "Segoe UI", sans-serif; fill: #57606a; }
  ${k} .head { font-size: 14px; font-weight: 600; fill: #1f2328; }
  ${k} .axis { stroke: #8c959f; stroke-width: 1; }
  ${k} .grid { stroke: #8c959f; stroke-width: 0.5; stroke-dasharray: 2 3; }
  ${k} .own { fill: #2f81f7; }
  ${k} .sweep { fill: #a371f7; fill-opacity: 0.6; }
  ${k} .added { fill: #2da44e; }
  ${k} .removed { fill: #cf222e; }
  ${k} .hit { fill: transparent; }
  ${k} .month:hover .hit { fill: #8c959f; fill-opacity: 0.15; }
  @media (prefers-color-scheme: dark) {
    ${k} text { fill: #9198a1; }
    ${k} .head { fill: #e6edf3; }
    ${k} .removed { fill: #f85149; }
    ${k} .sweep { fill-opacity: 0.85; }
  }
`;
  const months = c.months;
  const slot = (WIDTH - LEFT - RIGHT) / Math.max(1, months.length);
  const barWidth = Math.max(1, slot * 0.72);
  const maxCommits = largest(months.map((m) => m.commits), 0);
  const maxLines = largest(months.flatMap((m) => [m.added, m.removed]), 0);
  const axis = TOP + BARS;
  const band = axis + GAP;
  const commitHeight = (v: number): number => (maxCommits === 0 ? 0 : (v / maxCommits) * BARS);
  const lineHeight = (v: number): number => (maxLines === 0 ? 0 : Math.max(v > 0 ? 1 : 0, (v / maxLines) * BAND));
  const first = months[0]?.month ?? c.since.slice(0, 7);
  const last = months.at(-1)?.month ?? c.until.slice(0, 7);
  const busiest = months.reduce<MonthFigures | undefined>((b, m) => (b === undefined || m.commits > b.commits ? m : b), undefined);

  const title = `${c.path}: monthly commits, ${first} to ${last}`;
  const desc =
    `A bar per month, ${months.length} months: ${plural(c.commits, 'commit')} in all (${grouped(c.substantive)} substantive, ${plural(c.sweeps, 'sweep')}), ` +
    `active in ${c.active} of ${months.length} months, +${grouped(c.added)} ${MINUS}${grouped(c.removed)} lines` +
    (busiest && busiest.commits > 0 ? `; the most in one month: ${grouped(busiest.commits)} in ${busiest.month}.` : '.') +
    ' Lines added and removed are drawn below the axis.';

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="${id}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${xml(title)}</title>`,
    `<desc id="${id}-desc">${xml(desc)}</desc>`,
    `<style>${style}</style>`,
    `<text class="head" x="${LEFT}" y="20">${xml(c.path)}</text>`,
    `<text x="${LEFT}" y="38">monthly commits ${DOT} ${xml(c.since.slice(0, 10))} \u2192 ${xml(c.until.slice(0, 10))} ${DOT} ${grouped(c.commits)} total ${DOT} active in ${c.active}/${months.length} months</text>`,
  );
  // Legend, right-aligned in the head.
  const legend: Array<[string, string]> = [
    ['own', 'substantive'],
    ['sweep', 'sweep'],
    ['added', 'lines added'],
    ['removed', 'lines removed'],
  ];
  let lx = WIDTH - RIGHT - 330;
  for (const [cls, label] of legend) {
    out.push(`<rect class="${cls}" x="${lx}" y="46" width="9" height="9"/><text x="${lx + 13}" y="54">${label}</text>`);
    lx += 13 + label.length * 6 + 14;
  }
  // Scales: the largest month's commits at the top, its lines at the band's foot.
  out.push(
    `<line class="grid" x1="${LEFT}" y1="${TOP}" x2="${WIDTH - RIGHT}" y2="${TOP}"/>`,
    `<text x="${LEFT - 6}" y="${TOP + 4}" text-anchor="end">${grouped(maxCommits)}</text>`,
    `<text x="${LEFT - 6}" y="${axis + 4}" text-anchor="end">0</text>`,
    `<text x="${LEFT - 6}" y="${band + BAND}" text-anchor="end">${grouped(maxLines)}</text>`,
    `<text x="${LEFT - 6}" y="${band + BAND + 12}" text-anchor="end">lines</text>`,
  );
  months.forEach((m, i) => {
    const x = LEFT + i * slot;
    const bx = x + (slot - barWidth) / 2;
    const own = commitHeight(m.substantive);
    const all = commitHeight(m.commits);
    const half = barWidth / 2;
    const parts = [
      `<g class="month">`,
      `<title>${xml(kit.title(m, kit))}</title>`,
      `<rect class="hit" x="${n(x)}" y="${TOP}" width="${n(slot)}" height="${BARS + GAP + BAND}"/>`,
    ];
    if (own > 0) parts.push(`<rect class="own" x="${n(bx)}" y="${n(axis - own)}" width="${n(barWidth)}" height="${n(own)}"/>`);
    if (all > own) parts.push(`<rect class="sweep" x="${n(bx)}" y="${n(axis - all)}" width="${n(barWidth)}" height="${n(all - own)}"/>`);
    const added = lineHeight(m.added);
    const removed = lineHeight(m.removed);
    if (added > 0) parts.push(`<rect class="added" x="${n(bx)}" y="${band}" width="${n(half)}" height="${n(added)}"/>`);
    if (removed > 0) parts.push(`<rect class="removed" x="${n(bx + half)}" y="${band}" width="${n(half)}" height="${n(removed)}"/>`);
    parts.push('</g>');
    out.push(parts.join(''));
  });
  out.push(`<line class="axis" x1="${LEFT}" y1="${axis}" x2="${WIDTH - RIGHT}" y2="${axis}"/>`);
  // Years beneath: a tick at every January, the year after it; the first month's year too when it has room.
  const foot = band + BAND;
  let free = -Infinity;
  months.forEach((m, i) => {
    const january = m.month.endsWith('-01');
    const x = LEFT + i * slot;
    if (january) out.push(`<line class="axis" x1="${n(x)}" y1="${axis}" x2="${n(x)}" y2="${foot + 4}"/>`);
    if ((january || i === 0) && x >= free) {
      const nextJanuary = months.findIndex((o, j) => j > i && o.month.endsWith('-01'));
      if (!january && nextJanuary !== -1 && (nextJanuary - i) * slot < 32) return;
      out.push(`<text class="year" x="${n(x + 2)}" y="${foot + 18}">${m.month.slice(0, 4)}</text>`);
      free = x + 32;
    }
  });
  out.push('</svg>');
  return out.join('\n');
}
