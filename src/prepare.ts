// `kstat prepare`: the only kstat command that writes to a repository. It has git write its
// commit-graph with changed-path Bloom filters, which make path-limited walks skip most commits.
import { checkGitVersion, openRepository } from './git/repo.js';
import { commitGraphInfo, type CommitGraphInfo } from './git/commit-graph.js';
import { streamGit } from './git/run.js';

export interface PrepareResult {
  /** Where git wrote the commit-graph. */
  location: string;
  before: CommitGraphInfo;
  after: CommitGraphInfo;
}

export async function prepareRepository(dir: string, opts: { progress: boolean; onStderr?: (chunk: Buffer) => void }): Promise<PrepareResult> {
  const [, repo] = await Promise.all([checkGitVersion(), openRepository(dir)]);
  const before = commitGraphInfo(repo.objectsDir);
  const args = ['commit-graph', 'write', '--reachable', '--changed-paths', opts.progress ? '--progress' : '--no-progress'];
  await streamGit(repo, args, () => {}, { onStderr: opts.onStderr });
  return { location: `${repo.objectsDir}/info`, before, after: commitGraphInfo(repo.objectsDir) };
}
