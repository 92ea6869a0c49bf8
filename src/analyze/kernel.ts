// The kernel's figures of a batch's paths, read from the revision beside the walks: the
// MAINTAINERS sections that cover each path, the switches that build it, the releases it changed in.
import type { BuildFigures, MaintainersFigures, ReleasesFigures } from '../types.js';
import { buildFigures } from './build.js';
import { maintainerEmails, maintainersFigures } from './maintainers.js';
import type { Context } from './open.js';
import { releasesFigures } from './releases.js';

/** One path's figures of one kind, and what they could not draw on (the report's `notes`). */
export interface Part<T> {
  figures: T;
  notes: string[];
}

export type KernelFigures = MaintainersFigures &
  BuildFigures &
  ReleasesFigures & {
    notes: string[];
    /** The mapped e-mails of the covering sections' M: and R: people, for maintainer coverage; null without a section. */
    maintainers: ReadonlySet<string> | null;
  };

/** Each path's kernel figures, in the order of `paths`. */
export async function kernelFigures(ctx: Context, paths: readonly string[], signal: AbortSignal): Promise<KernelFigures[]> {
  const [keys, ...parts] = await Promise.all([maintainerEmails(ctx, paths), maintainersFigures(ctx, paths, signal), buildFigures(ctx, paths, signal), releasesFigures(ctx, paths, signal)]);
  const [maintainers, build, releases] = parts;
  return paths.map((_, i) => ({
    ...maintainers[i]!.figures,
    ...build[i]!.figures,
    ...releases[i]!.figures,
    notes: parts.flatMap((p) => p[i]!.notes),
    maintainers: maintainers[i]!.figures.section === null ? null : keys[i]!,
  }));
}
