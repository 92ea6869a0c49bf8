// The report as Markdown, for a pull-request comment or a wiki page: one path as a heading and a
// list (the block's lines), several as a table whose columns are the signals table's.
// Hand-written: a table is a header, an alignment row and escaped cells, which markdown-table
// libraries would do no better, and they would not know the signals table's alignment.
import { SIGNALS, type Style } from '../signals/table.js';
import { isFailure, type CommitRef, type PathReport, type PathResult } from '../types.js';
import { ARROW, count, DOT, grouped } from '../text/format.js';
import { sparkline } from '../text/sparkline.js';
import type { RenderOptions } from './index.js';
import { cell, code } from './markdown-text.js';
import { treeNote } from './text.js';

const PLAIN: Style = { added: (s) => s, removed: (s) => s, missing: (s) => s, bars: (s) => s };

export function renderMarkdown(results: PathResult[], opts: Pick<RenderOptions, 'many'>): string {
  const one = results[0];
  if (!opts.many && one && results.length === 1) return isFailure(one) ? `**error:** ${code(one.path)}: ${cell(one.error.message)}\n` : block(one);
  return table(results);
}

function block(r: PathReport): string {
  const since = r.window.since.slice(0, 10);
  const until = r.window.until.slice(0, 10);
  const commit = (label: string, l: CommitRef | null): string => `- ${label} ${DOT} ${l ? `${l.date.slice(0, 10)} ${DOT} ${code(l.sha.slice(0, 12))} ${DOT} ${cell(l.subject)}` : 'none'}`;
  const lines = [
    `### ${code(r.path)}`,
    '',
    ...SIGNALS.flatMap((s) => (s.text ? [`- ${cell(s.text(r, PLAIN))}`] : [])),
    `- monthly commits ${DOT} ${since} ${ARROW} ${until} ${DOT} ${grouped(r.commits)} total ${DOT} active in ${r.active_months}/${r.monthly.length} months: ${code(sparkline(r.monthly.map((m) => m.commits)))}`,
    ...SIGNALS.flatMap((s) => {
      const line = s.below?.(r, PLAIN) ?? null;
      return line === null ? [] : [`- ${cell(line)}`];
    }),
    ...who(`top authors, ${r.window.label}`, r.top_authors.map((a) => [a.email ? `${a.name} <${a.email}>` : a.name, a])),
    ...who(`top domains, ${r.window.label}`, r.top_domains.map((d) => [`${d.domain || '(no domain)'} (${count(d.authors, 'author')})`, d])),
    commit('last commit', r.last_commit),
    commit('last substantive', r.last_substantive_commit),
    ...treeNote(r).map((n) => `- ${cell(n)}`),
    ...r.warnings.map((w) => `> **warning:** ${cell(w)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `- top authors, 5y: Name <e-mail> 12 (12 substantive, 21%) · …`; nothing for an empty list. */
function who(label: string, rows: Array<[string, { commits: number; substantive_commits: number; share: number }]>): string[] {
  if (rows.length === 0) return [];
  const entries = rows.map(([name, f]) => `${cell(name)} ${grouped(f.commits)} (${grouped(f.substantive_commits)} substantive, ${Math.round(f.share * 100)}%)`);
  return [`- ${label}: ${entries.join(` ${DOT} `)}`];
}

function table(results: PathResult[]): string {
  const reports = results.filter((r): r is PathReport => !isFailure(r));
  const columns = SIGNALS.flatMap((s) => (s.column && (s.column.shown?.(reports) ?? true) ? [s.column] : []));
  const ctx = { months: 1 };
  const cells = columns.map((c) => c.cells(reports, PLAIN, ctx));
  const head = ['path', ...columns.map((c) => (typeof c.head === 'string' ? c.head : c.head(reports, ctx)))];
  const align = ['---', ...columns.map((c) => (c.align === 'right' ? '---:' : '---'))];
  let k = 0;
  const rows = results.map((r) => {
    if (isFailure(r)) return [code(r.path), `**error:** ${cell(r.error.code)}`, ...columns.slice(1).map(() => '')];
    const i = k++;
    // The sparkline in a code span keeps its columns in proportional fonts.
    return [code(r.path), ...columns.map((c, j) => (c.periods ? code(cells[j]![i]!) : cell(cells[j]![i]!)))];
  });
  const lines = [head.map(cell), align, ...rows].map((row) => `| ${row.join(' | ')} |`);
  const failures = results.filter(isFailure).map((f) => `- **error:** ${code(f.path)}: ${cell(f.error.message)}`);
  const first = reports[0];
  const window = first ? `${first.window.since.slice(0, 10)} ${ARROW} ${first.window.until.slice(0, 10)} (${first.window.label})` : '';
  return `${[...lines, '', `${grouped(results.length)} ${results.length === 1 ? 'path' : 'paths'}${window ? ` ${DOT} window ${cell(window)}` : ''}`, ...(failures.length > 0 ? ['', ...failures] : [])].join('\n')}\n`;
}
