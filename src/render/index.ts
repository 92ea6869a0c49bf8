// Output formats by name: each renderer turns reports into one string.
import type { PathReport } from '../types.js';
import { renderCsv } from './csv.js';
import { renderJson, renderNdjson } from './json.js';
import { renderTable } from './table.js';
import { renderText } from './text.js';

export interface RenderOptions {
  color: boolean;
}

export const renderers = {
  text: (reports: PathReport[], opts: RenderOptions) => renderText(reports, opts),
  table: (reports: PathReport[], opts: RenderOptions) => renderTable(reports, opts),
  json: (reports: PathReport[]) => renderJson(reports),
  ndjson: (reports: PathReport[]) => renderNdjson(reports),
  csv: (reports: PathReport[]) => renderCsv(reports),
} as const;

export type Format = keyof typeof renderers;
export const FORMATS = Object.keys(renderers) as Format[];
