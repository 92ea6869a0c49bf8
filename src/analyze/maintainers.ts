// A batch's maintainers figures (docs/signals.md).
import type { MaintainersFigures } from '../types.js';
import type { Part } from './kernel.js';
import type { Context } from './open.js';

export async function maintainersFigures(_ctx: Context, paths: readonly string[], _signal: AbortSignal): Promise<Part<MaintainersFigures>[]> {
  return paths.map(() => ({ figures: {}, notes: [] }));
}
