// A batch's releases figures (docs/signals.md "Releases"): the release tags are listed once per
// run, then one cat-file process reads every path's object id in every release.
import { pathIds, releaseTags, type Release } from '../git/releases.js';
import { releaseChanges } from '../kernel/releases.js';
import type { ReleasesFigures } from '../types.js';
import type { Part } from './kernel.js';
import type { Context } from './open.js';

const tagLists = new WeakMap<Context, Promise<{ releases: Release[]; tags: number }>>();

/** The run's releases, oldest first; listed once however many batches ask. */
function releasesOf(ctx: Context): Promise<{ releases: Release[]; tags: number }> {
  let list = tagLists.get(ctx);
  if (!list) {
    // The index knows which commits the revision reaches: git is asked only about tags it cannot place.
    const stored = ctx.history;
    list = releaseTags(ctx.repo, ctx.rev.sha, ctx.releases.tags, stored ? (commit, known) => stored.reached(commit, known && !ctx.repo.shallow.includes(commit)) : undefined);
    tagLists.set(ctx, list);
  }
  return list;
}

export async function releasesFigures(ctx: Context, paths: readonly string[], signal: AbortSignal): Promise<Part<ReleasesFigures>[]> {
  const { releases, tags } = await releasesOf(ctx);
  if (releases.length === 0) {
    // A history without tags has no releases to speak of; tags that all miss the pattern may mean a pattern to fix.
    const notes = tags === 0 ? [] : [`no release tag in ${ctx.rev.name} matches --release-tags ${ctx.releases.tags.source}`];
    return paths.map(() => ({ figures: { releases: null }, notes }));
  }
  const names = releases.map((r) => r.name);
  const ids = await pathIds({ cwd: ctx.repo.cwd, signal }, releases, paths, ctx.history ?? undefined);
  return paths.map((_, i) => ({ figures: { releases: releaseChanges(names, ids[i]!, ctx.releases.count) }, notes: [] }));
}
