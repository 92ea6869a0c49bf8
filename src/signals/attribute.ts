// One commit of a shared walk, split among the requested paths. Pure.
//
// A walk over wider pathspecs sees more files than a walk over one path, and git's rename
// detection pairs deleted and added files among everything it sees. For a path P the shared
// walk's records are exactly P's own walk's when rename detection had the same candidates:
// when the commit adds, deletes or renames nothing under P, or nothing outside P, or deletes
// nothing or adds nothing at all. Otherwise
// (a file moved across P's edge, or P adding files while another directory deletes some) the
// commit is marked inexact for P and its figures are taken from git again, limited to P.
//
// The shared walk prints every submodule change (history.ts), so that its records say which
// paths a commit touches; whether git prints a submodule's record depends on the user's
// `ignore` settings for it, so a share holding one is taken again from P's own walk.
import type { CommitRecord, FileChange } from '../git/log-parser.js';
import type { PathIndex } from './paths.js';

export interface PathShare {
  path: number;
  files: FileChange[];
  /** False: git's rename detection may have paired differently in P's own walk; diff again. */
  exact: boolean;
  /** A submodule changed under P: only P's own walk says what git prints for it. */
  submodule: boolean;
}

/** Add, delete, rename, copy: the records rename detection works on. */
function pairable(f: FileChange): boolean {
  return f.status === 'A' || f.status === 'D' || f.status === 'R' || f.status === 'C';
}

export function attribute(commit: CommitRecord, index: PathIndex): PathShare[] {
  const files = commit.files;
  const inPath = files.map((f) => index.match(f.path));
  const fromPath = files.map((f) => (f.from ? index.match(f.from) : null));
  const shares = new Map<number, PathShare>();
  const pairableIn = new Set<number>();
  files.forEach((f, i) => {
    const holders = fromPath[i] ? new Set([...inPath[i]!, ...fromPath[i]!]) : inPath[i]!;
    for (const p of holders) {
      let share = shares.get(p);
      if (!share) shares.set(p, (share = { path: p, files: [], exact: true, submodule: false }));
      share.files.push(f);
      if (f.gitlink) {
        share.exact = false;
        share.submodule = true;
      }
      if (pairable(f)) pairableIn.add(p);
    }
  });
  // Rename detection pairs a deleted file with an added one: a commit without both pairs
  // nothing in any walk (a root commit, a driver added whole), however many paths it spans.
  const sources = files.some((f) => f.status === 'D' || f.status === 'R');
  const targets = files.some((f) => f.status === 'A' || f.status === 'R' || f.status === 'C');
  if (!(sources && targets)) return [...shares.values()];
  for (const p of pairableIn) {
    // A pairable record not wholly inside P was a rename candidate P's own walk never sees.
    const outside = files.some((f, i) => pairable(f) && !(inPath[i]!.includes(p) && (fromPath[i] === null || fromPath[i]!.includes(p))));
    if (outside) shares.get(p)!.exact = false;
  }
  return [...shares.values()];
}
