// A batch's build figures (docs/signals.md).
import type { BuildFigures } from '../types.js';
import type { Context } from './open.js';

export async function buildFigures(_ctx: Context, paths: readonly string[], _signal: AbortSignal): Promise<BuildFigures[]> {
  return paths.map(() => ({}));
}
