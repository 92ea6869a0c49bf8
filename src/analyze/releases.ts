// A batch's releases figures (docs/signals.md).
import type { ReleasesFigures } from '../types.js';
import type { Context } from './open.js';

export async function releasesFigures(_ctx: Context, paths: readonly string[], _signal: AbortSignal): Promise<ReleasesFigures[]> {
  return paths.map(() => ({}));
}
