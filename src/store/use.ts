// A run's use of the index: the repository's index file, if there is one, checked against the
// repository's key (store/key.ts) and brought to the run's revision (store/build.ts syncStore).
// An index that cannot be used is never an error: the run walks history, as without an index,
// and says why in one line.
import { existsSync } from 'node:fs';
import type { Repository, Revision } from '../git/repo.js';
import { remapStore, syncStore } from './build.js';
import { keyDiffers, keyParts, type KeyParts } from './key.js';
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
  /**
   * Given to a run that may read the store before the key is wholly checked (`early`): settles
   * to null once it holds, or to the line saying why history is walked instead. The store keeps
   * nothing a run learns until then.
   */
  check?: Promise<string | null>;
}

const REBUILD = 'run kstat index to rebuild it';

/** How many commits bringing the index to a revision added, as both the run's line and `kstat index` say it. */
export const commitsAdded = (n: number): string => `${n} ${n === 1 ? 'commit' : 'commits'} added`;

/**
 * The repository's index for a run at `rev`. `early`: when only the work tree's attributes are
 * left to check and the index already holds the revision (nothing to write), it is handed over at
 * once with `check` pending, so the run reads it while git scans the work tree.
 */
export async function useIndex(repo: Repository, rev: Revision, mailmap: readonly string[], dir: string, early = false): Promise<IndexUse> {
  const file = indexFile(dir, repo.objectsDir);
  if (!existsSync(file)) return { store: null, note: null };
  const instead = (why: string): IndexUse => ({ store: null, note: insteadLine(file, why) });
  let store: Store | null = null;
  try {
    store = Store.open(file);
    if (store === null) return instead(`was written by another version of kstat; ${REBUILD}`);
    const stored = JSON.parse(store.meta('key') ?? '{}') as KeyParts;
    const key = keyParts(repo, mailmap);
    const rest = await key.rest;
    const { attributes: builtUnder, ...storedRest } = stored;
    const differs = keyDiffers(storedRest, rest);
    const remapped = differs.includes('mailmap');
    if (early && differs.length === 0 && store.meta('tip') === rev.sha) {
      const check = key.attributes.then(
        (attributes) => (attributes === builtUnder ? null : insteadLine(file, otherSettings(['attributes']))),
        (e: unknown) => insteadLine(file, cannotUse(e)),
      );
      store.holdWrites(check.then((why) => why === null));
      return { store, note: usedLine(file, 0, false), check };
    }
    const now = { ...rest, attributes: await key.attributes };
    // A changed mailmap only maps people anew; anything else changes what git prints for a commit.
    const other = keyDiffers(stored, now).filter((k) => k !== 'mailmap');
    if (other.length > 0) {
      store.close();
      return instead(otherSettings(other));
    }
    const { added } = await syncStore(repo, store, rev.sha, repo.shallow);
    if (remapped) {
      await remapStore(repo, store, rev.sha, repo.shallow);
      store.setMeta('key', JSON.stringify(now));
    }
    return { store, note: usedLine(file, added, remapped), added, remapped };
  } catch (e) {
    store?.close();
    return instead(cannotUse(e));
  }
}

const insteadLine = (file: string, why: string): string => `kstat: the index ${file} ${why}: history walked instead`;

const otherSettings = (parts: readonly string[]): string => `was built under other git settings (${parts.join(', ')}); ${REBUILD}`;

const cannotUse = (e: unknown): string => `cannot be used (${((e as Error).message ?? String(e)).split('\n')[0]}); ${REBUILD}`;

function usedLine(file: string, added: number, remapped: boolean): string {
  const said = [...(added > 0 ? [commitsAdded(added)] : []), ...(remapped ? ['authors mapped again: the mailmap changed'] : [])];
  return `kstat: history from the index ${file}${said.length > 0 ? ` (${said.join('; ')})` : ''}`;
}
