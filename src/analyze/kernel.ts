// The kernel's figures of a batch's paths, read from the revision beside the walks: the
// MAINTAINERS sections that cover each path, the switches that build it, the releases it changed in.
import type { BuildFigures, MaintainersFigures, ReleasesFigures } from '../types.js';
import { buildFigures } from './build.js';
import { maintainersFigures } from './maintainers.js';
import type { Context } from './open.js';
import { releasesFigures } from './releases.js';

export type KernelFigures = MaintainersFigures & BuildFigures & ReleasesFigures;

/** Each path's kernel figures, in the order of `paths`. */
export async function kernelFigures(ctx: Context, paths: readonly string[], signal: AbortSignal): Promise<KernelFigures[]> {
  const [maintainers, build, releases] = await Promise.all([maintainersFigures(ctx, paths, signal), buildFigures(ctx, paths, signal), releasesFigures(ctx, paths, signal)]);
  return paths.map((_, i) => ({ ...maintainers[i]!, ...build[i]!, ...releases[i]! }));
}
