// The kernel's figures of a batch's paths, read from the revision beside the walks: the
// MAINTAINERS sections that cover each path, the switches that build it, the releases it changed in.
import type { BuildFigures, MaintainersFigures, ReleasesFigures } from '../types.js';
import { buildFigures } from './build.js';
import { maintainersFigures } from './maintainers.js';
import type { Context } from './open.js';
import { releasesFigures } from './releases.js';

/** One path's figures of one kind, and what they could not draw on (the report's `notes`). */
export interface Part<T> {
  figures: T;
  notes: string[];
}

export type KernelFigures = MaintainersFigures & BuildFigures & ReleasesFigures & { notes: string[] };

/** Each path's kernel figures, in the order of `paths`. */
export async function kernelFigures(ctx: Context, paths: readonly string[], signal: AbortSignal): Promise<KernelFigures[]> {
  const parts = await Promise.all([maintainersFigures(ctx, paths, signal), buildFigures(ctx, paths, signal), releasesApart(ctx, paths, signal)]);
  const [maintainers, build, releases] = parts;
  return paths.map((_, i) => ({ ...maintainers[i]!.figures, ...build[i]!.figures, ...releases[i]!.figures, notes: parts.flatMap((p) => p[i]!.notes) }));
}

/** Releases read a path's object in each release's tree: a --section is no one object, and gets none. */
async function releasesApart(ctx: Context, paths: readonly string[], signal: AbortSignal): Promise<Part<ReleasesFigures>[]> {
  const real = paths.filter((p) => !ctx.sections.has(p));
  const found = real.length > 0 ? await releasesFigures(ctx, real, signal) : [];
  let k = 0;
  return paths.map((p) => (ctx.sections.has(p) ? { figures: { releases: null }, notes: [] } : found[k++]!));
}
