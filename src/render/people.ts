// Who does the work, under a path's block: its top authors and e-mail domains, one line each, the
// figures in aligned columns first and the name last, cut to the width.
import type { Style } from '../signals/table.js';
import { columns, count, cutEnd, grouped, MINUS, visible, wrap } from '../text/format.js';
import type { PathReport } from '../types.js';

interface Row {
  commits: number;
  substantive_commits: number;
  share: number;
  added: number;
  removed: number;
}

/** `top authors, 5y` and `top domains, 5y` with a line per entry; nothing when the lists are empty. */
export function peopleLines(r: PathReport, style: Style, width: number): string[] {
  const label = r.window.label;
  return [
    ...list(`top authors, ${label} · commits (substantive) · share · lines added / removed`, r.top_authors, (a) => visible(a.email ? `${a.name} <${a.email}>` : a.name), style, width),
    ...list(`top domains, ${label} · commits (substantive) · share · lines added / removed`, r.top_domains, (d) => `${d.domain ? visible(d.domain) : '(no domain)'} · ${count(d.authors, 'author')}`, style, width),
  ];
}

function list<T extends Row>(head: string, rows: readonly T[], name: (row: T) => string, style: Style, width: number): string[] {
  if (rows.length === 0) return [];
  const cells = rows.map((row) => [grouped(row.commits), `(${grouped(row.substantive_commits)})`, percent(row.share), `+${grouped(row.added)}`, `${MINUS}${grouped(row.removed)}`]);
  const widths = cells[0]!.map((_, k) => Math.max(...cells.map((c) => columns(c[k]!))));
  const lines = rows.flatMap((row, i) => {
    const [commits, substantive, share, added, removed] = cells[i]!.map((c, k) => c.padStart(widths[k]!));
    const figures = `  ${commits} ${substantive}  ${share}  ${style.added(added!)} ${style.removed(removed!)}  `;
    const who = name(row);
    const room = width - columns(figures);
    if (room >= Math.min(8, columns(who))) return [`${figures}${cutEnd(who, room)}`];
    // A name cut to a few characters says nothing: on a narrow terminal the figures wrap and the name has a line of its own.
    return [...wrap(figures.trim(), width - 2).map((l) => `  ${l}`), ...(who === '' ? [] : [`    ${cutEnd(who, width - 4)}`])];
  });
  return [cutEnd(head, width), ...lines];
}

/** A share as a whole percent; a share that rounds to 0 but is not shows as `<1%`. */
function percent(share: number): string {
  const p = Math.round(share * 100);
  return p === 0 && share > 0 ? '<1%' : `${p}%`;
}
