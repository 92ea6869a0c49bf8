// `kstat prepare`: the only kstat command that writes to a repository. It has git write its
// commit-graph with changed-path Bloom filters, which make path-limited walks skip most commits.
import type { Command } from 'commander';
import { commitGraphInfo, type CommitGraphInfo } from '../git/commit-graph.js';
import { checkGitVersion, openRepository } from '../git/repo.js';
import { streamGit } from '../git/run.js';
import { EXIT } from '../errors.js';
import type { Io } from './io.js';

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
  await streamGit(repo, args, () => {}, { onStderr: opts.onStderr, foreground: true });
  return { location: `${repo.objectsDir}/info`, before, after: commitGraphInfo(repo.objectsDir) };
}

export function prepareCommand(root: Command, io: Io, done: (code: number) => void): Command {
  return root
    .command('prepare')
    .description("write git's commit-graph with changed-path Bloom filters, so later runs walk faster (writes to the repository)")
    .action(async (_flags: unknown, cmd: Command) => {
      const { repo } = cmd.optsWithGlobals<{ repo?: string }>();
      const dir = repo ?? (io.env.KSTAT_REPO || io.cwd);
      const started = Date.now();
      io.err("kstat prepare: writing git's commit-graph with changed-path Bloom filters (the only kstat command that writes to a repository)\n");
      const r = await prepareRepository(dir, { progress: io.stderr.isTTY === true, onStderr: (c) => io.err(c.toString('utf8')) });
      io.err(`kstat prepare: done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.location}/commit-graph${r.after.bloom ? ' with Bloom filters' : ''}\n`);
      done(EXIT.ok);
    });
}
