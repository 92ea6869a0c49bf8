// Where a repository's index lives (issue 16, work in progress): outside the repository, in the
// user's cache directory by XDG rules, one file per repository, named by the repository's object
// store so every work tree and every path to the same clone finds the same index.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';

/** `--index-dir`, else $XDG_CACHE_HOME/kstat, else ~/.cache/kstat; null with none of them. */
export function indexDir(env: NodeJS.ProcessEnv, chosen?: string): string | null {
  if (chosen) return chosen;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'kstat');
  return env.HOME ? join(env.HOME, '.cache', 'kstat') : null;
}

/** The index file of the repository whose objects are in `objectsDir`. */
export function indexFile(dir: string, objectsDir: string): string {
  const id = createHash('sha256').update(realpathSync(objectsDir)).digest('hex').slice(0, 16);
  return join(dir, `${id}.sqlite`);
}
