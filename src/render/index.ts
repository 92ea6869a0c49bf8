// Output formats by name: each renderer turns reports into one string.
import type { PathReport } from '../types.js';
import { renderJson, renderNdjson } from './json.js';
import { renderText } from './text.js';

export interface RenderOptions {
  color: boolean;
}

export const renderers = {
  text: (reports: PathReport[], opts: RenderOptions) => renderText(reports, opts),
  json: (reports: PathReport[]) => renderJson(reports),
  ndjson: (reports: PathReport[]) => renderNdjson(reports),
} as const;

export type Format = keyof typeof renderers;
