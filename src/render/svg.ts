// The reference chart as a standalone SVG (--svg): a bar per month of the window, substantive
// commits below sweeps, lines added and removed as a band under the axis, years beneath, and
// the reference's words on every month (`2021-04: 1 commit · +3 −1`) as its tooltip.
// Hand-written: no library to load, and every character of the tooltips is ours.
import { count, DOT, grouped, largest, MINUS } from '../text/format.js';
import type { MonthFigures, PathReport } from '../types.js';

/** The drawing's own units: 800 wide, as the chart is meant to be read; the viewBox scales it. */
const WIDTH = 800;
const LEFT = 56;
const RIGHT = 16;
const TOP = 60;
/** Heights of the commit bars above the axis and of the lines band below it. */
const BARS = 150;
const GAP = 6;
const BAND = 60;
const HEIGHT = TOP + BARS + GAP + BAND + 34;

/** A month's tooltip, in the reference's words and signs. */
export function monthTitle(m: MonthFigures): string {
  return `${m.month}: ${count(m.commits, 'commit')} ${DOT} +${grouped(m.added)} ${MINUS}${grouped(m.removed)}`;
}

/** Text as XML character data or an attribute value. */
export function xml(text: string): string {
  // Characters XML 1.0 forbids (C0 controls but tab, newline, return; lone surrogates; U+FFFE/F) are dropped.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Two decimals at most: crisp enough for any scale, and short. */
const n = (v: number): string => String(Math.round(v * 100) / 100);

// Mid-tone colours that read on white and on black; text and grid follow the viewer's scheme.
const STYLE = `
  text { font: 11px system-ui, -apple-system, "Segoe UI", sans-serif; fill: #57606a; }
  .head { font-size: 14px; font-weight: 600; fill: #1f2328; }
  .axis { stroke: #8c959f; stroke-width: 1; }
  .grid { stroke: #8c959f; stroke-width: 0.5; stroke-dasharray: 2 3; }
  .own { fill: #2f81f7; }
  .sweep { fill: #a371f7; fill-opacity: 0.6; }
  .added { fill: #2da44e; }
  .removed { fill: #cf222e; }
  .hit { fill: transparent; }
  .month:hover .hit { fill: #8c959f; fill-opacity: 0.15; }
  @media (prefers-color-scheme: dark) {
    text { fill: #9198a1; }
    .head { fill: #e6edf3; }
    .removed { fill: #f85149; }
    .sweep { fill-opacity: 0.85; }
  }
`;

/** The SVG document of one path's monthly figures. */
export function renderSvg(r: PathReport): string {
  const months = r.monthly;
  const slot = (WIDTH - LEFT - RIGHT) / Math.max(1, months.length);
  const barWidth = Math.max(1, slot * 0.72);
  const maxCommits = largest(months.map((m) => m.commits), 0);
  const maxLines = largest(months.flatMap((m) => [m.added, m.removed]), 0);
  const axis = TOP + BARS;
  const band = axis + GAP;
  const commitHeight = (c: number): number => (maxCommits === 0 ? 0 : (c / maxCommits) * BARS);
  const lineHeight = (l: number): number => (maxLines === 0 ? 0 : Math.max(l > 0 ? 1 : 0, (l / maxLines) * BAND));
  const first = months[0]?.month ?? r.window.since.slice(0, 7);
  const last = months.at(-1)?.month ?? r.window.until.slice(0, 7);
  const sweeps = r.sweep_commits;
  const busiest = months.reduce<MonthFigures | undefined>((b, m) => (b === undefined || m.commits > b.commits ? m : b), undefined);

  const title = `${r.path}: monthly commits, ${first} to ${last}`;
  const desc =
    `A bar per month, ${months.length} months: ${count(r.commits, 'commit')} in all (${grouped(r.substantive_commits)} substantive, ${count(sweeps, 'sweep')}), ` +
    `active in ${r.active_months} of ${months.length} months, +${grouped(r.added)} ${MINUS}${grouped(r.removed)} lines` +
    (busiest && busiest.commits > 0 ? `; the most in one month: ${grouped(busiest.commits)} in ${busiest.month}.` : '.') +
    ' Lines added and removed are drawn below the axis.';

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="kstat-title kstat-desc">`,
    `<title id="kstat-title">${xml(title)}</title>`,
    `<desc id="kstat-desc">${xml(desc)}</desc>`,
    `<style>${STYLE}</style>`,
    `<text class="head" x="${LEFT}" y="20">${xml(r.path)}</text>`,
    `<text x="${LEFT}" y="38">monthly commits ${DOT} ${xml(r.window.since.slice(0, 10))} → ${xml(r.window.until.slice(0, 10))} ${DOT} ${grouped(r.commits)} total ${DOT} active in ${r.active_months}/${months.length} months</text>`,
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
      `<title>${xml(monthTitle(m))}</title>`,
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
  return `${out.join('\n')}\n`;
}
