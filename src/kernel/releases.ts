// Which releases a path changed in, from its object id in each release's tree (docs/signals.md
// "Releases"). Pure: the ids come from git (git/releases.ts), oldest release first.

/** Tags that name releases unless --release-tags says otherwise: `v6.8`, `v2024.01`, `24.02`; not `v6.8-rc1`. */
export const DEFAULT_RELEASE_TAGS = '^v?[0-9]+(\\.[0-9]+)+$';
/** Releases counted back from the newest (--releases). */
export const DEFAULT_RELEASES = 20;

export interface ReleaseChanges {
  considered: number;
  changed: number;
  first: string | null;
  last: string | null;
  oldest: string;
  newest: string;
}

/**
 * `names` the releases oldest first, `oids` the path's object id in each (null: not in its tree).
 * A path changed in a release when its id differs from the release before's; in the oldest
 * release, when it is there at all. `count` of the newest releases are considered.
 */
export function releaseChanges(names: readonly string[], oids: readonly (string | null)[], count: number): ReleaseChanges | null {
  if (names.length === 0) return null;
  if (oids.length !== names.length) throw new Error(`releaseChanges: ${oids.length} ids for ${names.length} releases`);
  const from = Math.max(0, names.length - count);
  let changed = 0;
  let first: string | null = null;
  let last: string | null = null;
  oids.forEach((oid, i) => {
    if (first === null && oid !== null) first = names[i]!;
    const before = i === 0 ? null : oids[i - 1]!;
    if (oid === before) return;
    last = names[i]!;
    if (i >= from) changed++;
  });
  return { considered: names.length - from, changed, first, last, oldest: names[from]!, newest: names[names.length - 1]! };
}
