// A run's use of the index: the repository's index file, if there is one, checked against the
// repository's key (store/key.ts) and brought to the run's revision (store/build.ts syncStore).
// An index that cannot be used is never an error: the run walks history, as without an index,
// and says why in one line.
import { existsSync } from 'node:fs';
import type { Repository, Revision } from '../git/repo.js';
import { remapStore, syncStore } from './build.js';
import { indexKey, keyDiffers, type KeyParts } from './key.js';
import { indexFile } from './location.js';
import { Store } from './store.js';

export interface IndexUse {
  /** The store to read history from, or null: walk history. */
  store: Store | null;
  /** One line for the user (stderr), or null when there is no index at all. */
  note: string | null;
  /** What bringing it to the revision took: commits added, people mapped again. */
  added?: number;
  remapped?: boolean;
}

const REBUILD = 'run kstat index to rebuild it';

/** How many commits bringing the index to a revision added, as both the run's line and `kstat index` say it. */
export const commitsAdded = (n: number): string => `${n} ${n === 1 ? 'commit' : 'commits'} added`;

export async function useIndex(repo: Repository, rev: Revision, mailmap: readonly string[], dir: string): Promise<IndexUse> {
  const file = indexFile(dir, repo.objectsDir);
  if (!existsSync(file)) return { store: null, note: null };
  const instead = (why: string): IndexUse => ({ store: null, note: `kstat: the index ${file} ${why}: history walked instead` });
  let store: Store | null = null;
  try {
    store = Store.open(file);
    if (store === null) return instead(`was written by another version of kstat; ${REBUILD}`);
    const stored = JSON.parse(store.meta('key') ?? '{}') as KeyParts;
    const now = await indexKey(repo, mailmap);
    const changed = keyDiffers(stored, now);
    // A changed mailmap only maps people anew; anything else changes what git prints for a commit.
    const other = changed.filter((k) => k !== 'mailmap');
    if (other.length > 0) {
      store.close();
      return instead(`was built under other git settings (${other.join(', ')}); ${REBUILD}`);
    }
    const added = await syncStore(repo, store, rev.sha, repo.shallow);
    const remapped = changed.includes('mailmap');
    if (remapped) {
      await remapStore(repo, store, rev.sha, repo.shallow);
      store.setMeta('key', JSON.stringify(now));
    }
    const said = [...(added > 0 ? [commitsAdded(added)] : []), ...(remapped ? ['authors mapped again: the mailmap changed'] : [])];
    return { store, note: `kstat: history from the index ${file}${said.length > 0 ? ` (${said.join('; ')})` : ''}`, added, remapped };
  } catch (e) {
    store?.close();
    const message = ((e as Error).message ?? String(e)).split('\n')[0];
    return instead(`cannot be used (${message}); ${REBUILD}`);
  }
}
