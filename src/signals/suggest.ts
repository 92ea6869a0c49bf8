// "Did you mean": the names closest to a mistyped one, for the error of a path that never existed.
import type { TreeListing } from '../git/tree.js';

/** Edit distance (insert, delete, substitute, swap two neighbours), case ignored. */
export function distance(a: string, b: string): number {
  const s = [...a.toLowerCase()];
  const t = [...b.toLowerCase()];
  const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * Up to `n` of `names` close enough to `name` to be what was meant: within a third of its
 * length (at least 2 edits), or starting with it; nearest first, then by name.
 */
export function closest(name: string, names: string[], n = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return names
    .map((candidate) => ({ candidate, d: candidate.toLowerCase().startsWith(name.toLowerCase()) ? 1 : distance(name, candidate) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || (x.candidate < y.candidate ? -1 : x.candidate > y.candidate ? 1 : 0))
    .slice(0, n)
    .map((x) => x.candidate);
}

/** What is in a tree near a path that is not in it. */
export interface Nearby {
  /** Paths close to `path` (a mistyped component swapped for a near name), nearest first. */
  close: string[];
  /** The deepest directory of `path` that exists ('' for the top). */
  deepest: string;
}

/**
 * The first component of `path` that is not in the tree, swapped for its nearest siblings, with
 * the rest of the path kept where that exists too (drivers/vdpa/mlx6/core → drivers/vdpa/mlx5/core).
 */
export function nearby(listing: TreeListing, path: string): Nearby {
  const parts = path.split('/');
  let dir = '';
  for (const [i, part] of parts.entries()) {
    const names = listing.get(dir) ?? new Map<string, string>();
    if (names.get(part) === 'tree' && i < parts.length - 1) {
      dir = dir ? `${dir}/${part}` : part;
      continue;
    }
    const rest = parts.slice(i + 1).join('/');
    const close: string[] = [];
    for (const name of closest(part, [...names.keys()])) {
      const base = dir ? `${dir}/${name}` : name;
      const whole = rest && exists(listing, `${base}/${rest}`) ? `${base}/${rest}` : base;
      if (!close.includes(whole)) close.push(whole);
    }
    return { close, deepest: dir };
  }
  return { close: [], deepest: dir };
}

function exists(listing: TreeListing, path: string): boolean {
  const slash = path.lastIndexOf('/');
  return listing.get(slash === -1 ? '' : path.slice(0, slash))?.has(path.slice(slash + 1)) ?? false;
}
