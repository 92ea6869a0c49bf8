// Substantive work or a sweep (docs/signals.md "Substantive work"): whether a commit of a path's set
// is the path's own work or passes through it on its way across the tree. Pure.
//
// A commit is a sweep for path P when its subject starts with `treewide:`, or when the files it
// changes outside P lie in at least K directories at P's depth: each such file counts as the
// directory holding it, cut to P's number of components (a file higher up counts as its own
// directory). So a cleanup of every `drivers/clk/*` is a sweep for `drivers/clk/qcom` and local
// work for `drivers/clk`; the whole tree has nothing outside it.

/** K, the directories a commit must spread over outside a path to be a sweep for it (measured in docs/signals.md). */
export const DEFAULT_SWEEP_DIRS = 8;

export interface SweepRule {
  /** K: a commit changing files in at least this many other directories at the path's depth is a sweep. */
  dirs: number;
}

const TREEWIDE = /^treewide:/i;

/** The kernel's prefix for a change across the whole tree, in any case. */
export function treewideSubject(subject: Buffer | string): boolean {
  return TREEWIDE.test(typeof subject === 'string' ? subject : subject.subarray(0, 9).toString('latin1'));
}

/**
 * One commit's changed files (both names of a rename), answering for any number of paths. The
 * distinct directories at each depth are counted once per commit, since a sweep touches many paths.
 */
export class CommitSpread {
  private readonly names: readonly string[];
  private readonly byDepth = new Map<number, Set<string>>();
  private nameSet: Set<string> | null = null;

  /** `names`: latin1 views of the file names' bytes, as PathIndex keys paths. */
  constructor(names: readonly string[]) {
    this.names = names;
  }

  /** Whether the commit is a sweep for `path` (a latin1 view of its UTF-8 bytes; `.` is the whole tree). */
  sweep(path: string, rule: SweepRule): boolean {
    // Fewer files than K cannot lie in K directories: most commits are answered here.
    return this.names.length >= rule.dirs && this.outside(path, rule.dirs) >= rule.dirs;
  }

  /** Distinct directories at `path`'s depth holding the files changed outside it, counted up to `limit`. */
  outside(path: string, limit = Infinity): number {
    if (path === '.' || path === '') return 0;
    const depth = path.split('/').length;
    // A file named exactly as the path (the path is a file, or becomes one) shares its directory with
    // its siblings: count directly. Otherwise files under the path are exactly those keyed as the path.
    if ((this.nameSet ??= new Set(this.names)).has(path)) return this.direct(path, depth, limit);
    const keys = this.keys(depth);
    return keys.size - (keys.has(path) ? 1 : 0);
  }

  private keys(depth: number): Set<string> {
    let keys = this.byDepth.get(depth);
    if (!keys) {
      keys = new Set(this.names.map((name) => directoryAt(name, depth)));
      this.byDepth.set(depth, keys);
    }
    return keys;
  }

  private direct(path: string, depth: number, limit: number): number {
    const keys = new Set<string>();
    const under = `${path}/`;
    for (const name of this.names) {
      if (name === path || name.startsWith(under)) continue;
      keys.add(directoryAt(name, depth));
      if (keys.size >= limit) break;
    }
    return keys.size;
  }
}

/** The directory holding `name`, cut to its first `depth` components (`` for a file at the top). */
export function directoryAt(name: string, depth: number): string {
  let end = -1;
  for (let i = 0, at = name.indexOf('/'); at !== -1 && i < depth; i++, at = name.indexOf('/', at + 1)) end = at;
  return end === -1 ? '' : name.slice(0, end);
}

/**
 * The rule for a MAINTAINERS section (`--section`): a commit is a sweep for it when the files it
 * changes outside the section (`inside` false) lie in at least K directories, each file cut to
 * `depth` components as above. A directory that also holds files of the section counts like any other.
 */
export function sectionSweep(names: readonly string[], inside: (name: string) => boolean, depth: number, rule: SweepRule): boolean {
  if (names.length < rule.dirs) return false;
  const keys = new Set<string>();
  for (const name of names) {
    if (inside(name)) continue;
    keys.add(directoryAt(name, depth));
    if (keys.size >= rule.dirs) return true;
  }
  return false;
}
