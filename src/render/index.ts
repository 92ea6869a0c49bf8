// Output formats by name. Each renderer turns a run's results into one string; each is loaded only
// when asked for, so JSON runs never pay for the terminal libraries' start-up.
import type { PathResult } from '../types.js';
import type { Stream } from './stream.js';

export type { Stream } from './stream.js';

export interface RenderOptions {
  color: boolean;
  /** The request could name several paths (--each, --paths-from, two or more positional paths). */
  many: boolean;
  /** Terminal columns to fit; Infinity (a pipe) gets the full layout. */
  width: number;
}

export type Renderer = (results: PathResult[], opts: RenderOptions) => string;

export const renderers = {
  text: async (): Promise<Renderer> => (await import('./text.js')).renderText,
  table: async (): Promise<Renderer> => (await import('./table.js')).renderTable,
  json: async (): Promise<Renderer> => (await import('./json.js')).renderJson,
  ndjson: async (): Promise<Renderer> => (await import('./json.js')).renderNdjson,
  csv: async (): Promise<Renderer> => (await import('./csv.js')).renderCsv,
  markdown: async (): Promise<Renderer> => (await import('./markdown.js')).renderMarkdown,
} as const;

export type Format = keyof typeof renderers;

/** The formats that can be written one path at a time, in the same bytes as their renderers give. */
export const streams: Partial<Record<Format, (opts: RenderOptions) => Promise<Stream>>> = {
  json: async (opts) => (await import('./json.js')).jsonStream(opts),
  ndjson: async () => (await import('./json.js')).ndjsonStream,
  csv: async () => (await import('./csv.js')).csvStream,
  text: async (opts) => (await import('./text.js')).textStream(opts),
};
export const FORMATS = Object.keys(renderers) as Format[];
