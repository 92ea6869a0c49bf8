// Building the index's store from history (issue 16, work in progress): one walk of the whole
// tree over all of history, the numstat walk's own command and parser, each commit written as it
// arrives, so memory stays that of the walk whatever the history's length.
import { walkHistory } from '../git/history.js';
import type { CommitRecord } from '../git/log-parser.js';
import type { GitContext } from '../git/run.js';
import { Store, type StoredCommit } from './store.js';

const latin1 = (b: Buffer): string => b.toString('latin1');

/** A walked commit as the store keeps it; `seq` is its place in git's output. */
export function storedCommit(c: CommitRecord, seq: number): StoredCommit {
  return {
    seq,
    sha: c.sha,
    parents: [],
    time: c.time,
    authorName: latin1(c.authorName),
    authorEmail: latin1(c.authorEmail),
    committerName: latin1(c.committerName),
    committerEmail: latin1(c.committerEmail),
    subject: latin1(c.subject),
    trailers: c.trailers,
    changes: c.files.map((f) => ({ path: latin1(f.path), from: f.from ? latin1(f.from) : null, status: f.status ?? 'M', added: f.binary ? null : f.added, removed: f.binary ? null : f.removed })),
  };
}

/** The store of every non-merge commit reachable from `sha` (less a shallow clone's cut), written to `file`. */
export async function buildStore(ctx: GitContext, sha: string, exclude: string[], file: string): Promise<Store> {
  const writer = Store.create(file, { head: sha });
  let seq = 0;
  try {
    // Dates run to 2^34 s, as far as git's commit-graph keeps them: "all of history".
    await walkHistory(ctx, { sha, since: 0, until: 2 ** 34, pathspecs: ['.'], raw: true, exclude }, (c) => writer.add(storedCommit(c, seq++)));
  } catch (e) {
    writer.abort();
    throw e;
  }
  return writer.finish();
}
