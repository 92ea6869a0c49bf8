// Many paths as CSV (RFC 4180 fields, LF line ends) for spreadsheets and scripts.
import { isFailure, type PathResult } from '../types.js';
import { whole, type Stream } from './stream.js';

// New columns go at the end, so a script that reads columns by position keeps working.
export const CSV_HEADER = [
  'path', 'files', 'lines', 'commits', 'added', 'removed', 'authors',
  'active_months', 'months', 'last_commit_date', 'last_commit_sha', 'warnings',
  'revision', 'revision_sha', 'since', 'until', 'error',
];

/** CSV written path by path: the header, then a record per result as it comes. */
export const csvStream: Stream = {
  item: (r, i) => (i === 0 ? line(CSV_HEADER) : '') + line(record(r)),
  end: (count) => (count === 0 ? line(CSV_HEADER) : ''),
};

export function renderCsv(results: PathResult[]): string {
  return whole(csvStream, results);
}

function line(fields: string[]): string {
  return `${fields.map(quote).join(',')}\n`;
}

function record(r: PathResult): string[] {
  // A failed path: its name and what went wrong, every figure empty.
  if (isFailure(r)) return [text(r.path), ...new Array<string>(CSV_HEADER.length - 2).fill(''), text(`${r.error.code}: ${r.error.message}`)];
  return [
    text(r.path),
    String(r.files),
    String(r.lines),
    String(r.commits),
    String(r.added),
    String(r.removed),
    String(r.authors),
    String(r.active_months),
    String(r.window.months),
    r.last_commit?.date ?? '',
    r.last_commit?.sha ?? '',
    text(r.warnings.join('; ')),
    text(r.revision.name),
    r.revision.sha,
    r.window.since,
    r.window.until,
    '',
  ];
}

/**
 * Free text (path, warnings, revision, error) that a spreadsheet would run as a formula gets a leading apostrophe.
 * Paths are chosen by whoever commits to the repository, so `=HYPERLINK(…)` is a real threat;
 * `-dash` is a legitimate path and is written `'-dash` too, since a spreadsheet would evaluate it.
 * A field already starting with an apostrophe gets one more, so a script undoes the guard
 * exactly by dropping one leading apostrophe wherever there is one.
 */
function text(field: string): string {
  return /^[=+\-@\t\r']/.test(field) ? `'${field}` : field;
}

/** RFC 4180: quote a field holding a comma, a quote, CR or LF, doubling its quotes. */
function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
