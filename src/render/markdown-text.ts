// Text inside Markdown: a table cell that no pipe, newline or HTML in a path or subject can break.

/** Plain text in a table cell: `|` escaped, line breaks as spaces, `<`, `>`, `&` as entities. */
export function cell(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}

/** A path as inline code: fenced with more backticks than it holds, its pipes escaped for tables. */
export function code(text: string): string {
  const plain = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const runs = plain.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = plain.startsWith('`') || plain.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${plain.replace(/\|/g, '\\|')}${pad}${fence}`;
}
