// A batch's releases figures (docs/signals.md).
import type { ReleasesFigures } from '../types.js';
import type { Part } from './kernel.js';
import type { Context } from './open.js';

export async function releasesFigures(_ctx: Context, paths: readonly string[], _signal: AbortSignal): Promise<Part<ReleasesFigures>[]> {
  return paths.map(() => ({ figures: {}, notes: [] }));
}
