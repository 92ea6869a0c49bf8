// A batch's build figures (docs/signals.md).
import type { BuildFigures } from '../types.js';
import type { Part } from './kernel.js';
import type { Context } from './open.js';

export async function buildFigures(_ctx: Context, paths: readonly string[], _signal: AbortSignal): Promise<Part<BuildFigures>[]> {
  return paths.map(() => ({ figures: {}, notes: [] }));
}
