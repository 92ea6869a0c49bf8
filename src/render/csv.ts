// Many paths as CSV (RFC 4180 fields, LF line ends) for spreadsheets and scripts.
import { SIGNALS, type CsvColumns } from '../signals/table.js';
import { isFailure, type PathReport, type PathResult } from '../types.js';
import { whole, type Stream } from './stream.js';

// The figures' columns come from the signals table. New columns go at the end, so a script that
// reads columns by position keeps working: the first figures (`lead`), what was measured, then any later figure.
const LEAD = SIGNALS.flatMap((s) => (s.csv?.lead ? [s.csv] : []));
const LATER = SIGNALS.flatMap((s) => (s.csv && !s.csv.lead ? [s.csv] : []));
const MEASURED = ['warnings', 'revision', 'revision_sha', 'since', 'until'];
const headers = (specs: readonly CsvColumns[]): string[] => specs.flatMap((c) => c.headers);
const cells = (specs: readonly CsvColumns[], r: PathReport): string[] => specs.flatMap((c) => (c.text ? c.cells(r).map(text) : c.cells(r)));

export const CSV_HEADER = ['path', ...headers(LEAD), ...MEASURED, 'error', ...headers(LATER)];

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
  if (isFailure(r)) {
    const empty = (n: number): string[] => new Array<string>(n).fill('');
    return [text(r.path), ...empty(headers(LEAD).length + MEASURED.length), text(`${r.error.code}: ${r.error.message}`), ...empty(headers(LATER).length)];
  }
  return [
    text(r.path),
    ...cells(LEAD, r),
    text(r.warnings.join('; ')),
    text(r.revision.name),
    r.revision.sha,
    r.window.since,
    r.window.until,
    '',
    ...cells(LATER, r),
  ];
}

/**
 * Free text (path, warnings, revision, error, a column declared `text`) that a spreadsheet would run as a formula gets a leading apostrophe.
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
