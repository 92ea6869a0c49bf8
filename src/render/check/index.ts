// The check's output formats by name, each loaded only when asked for.
import type { CheckReport } from '../../check/rules.js';
import type { CheckFormat } from './formats.js';

export interface CheckRenderOptions {
  color: boolean;
  /** Terminal columns to fit; Infinity (a pipe) gets whole lines. */
  width: number;
}

export type CheckRenderer = (report: CheckReport, opts: CheckRenderOptions) => string;

export const checkRenderers = {
  text: async (): Promise<CheckRenderer> => (await import('./text.js')).renderCheckText,
  json: async (): Promise<CheckRenderer> => (r: CheckReport) => `${JSON.stringify(r, null, 2)}\n`,
  markdown: async (): Promise<CheckRenderer> => (await import('./markdown.js')).renderCheckMarkdown,
  github: async (): Promise<CheckRenderer> => (await import('./github.js')).renderCheckGithub,
  junit: async (): Promise<CheckRenderer> => (await import('./junit.js')).renderCheckJunit,
} as const satisfies Record<CheckFormat, () => Promise<CheckRenderer>>;

export { CHECK_FORMATS, type CheckFormat } from './formats.js';
