// The history walks: SPEC's commit set with numstat, streamed through the parser, and the
// newest commit touching the path.
import { LOG_FORMAT, LogParser, type CommitRecord } from './log-parser.js';
import { streamGit, type GitContext } from './run.js';

export interface WalkQuery {
  sha: string;
  /** Inclusive bounds, epoch seconds. */
  since: number;
  until: number;
  paths: string[];
}

/** Options that make git's output the exact byte stream LogParser reads. */
const OUTPUT = ['-z', '--no-color', '--encoding=UTF-8', `--format=${LOG_FORMAT}`];

/**
 * SPEC's commit set: non-merge commits reachable from `sha`, committer date in [since, until],
 * whose diff against their parent touches a path. `--since-as-filter`, never `--since`: plain
 * --since stops at the first old commit and misses in-window commits on clock-skewed history.
 */
export function walkArgs(q: WalkQuery): string[] {
  return [
    'log',
    ...OUTPUT,
    '--full-history',
    '--no-merges',
    '--root',
    '-M',
    '--numstat',
    // Before 1970 there is nothing to filter out.
    ...(q.since > 0 ? [`--since-as-filter=${gitDate(q.since)}`] : []),
    `--until=${gitDate(Math.max(0, q.until))}`,
    q.sha,
    '--',
    ...q.paths,
  ];
}

/** git's raw date form: a bare `@N` is read as epoch seconds only from N = 100000000 on. */
export function gitDate(seconds: number): string {
  return `@${seconds} +0000`;
}

export async function walkHistory(ctx: GitContext, q: WalkQuery, onCommit: (c: CommitRecord) => void): Promise<void> {
  const parser = new LogParser(onCommit);
  await streamGit(ctx, walkArgs(q), (chunk) => parser.push(chunk));
  parser.end();
}

/** The first commit `git log -1 --full-history --no-merges REV -- PATH` gives, or null. */
export async function lastCommit(ctx: GitContext, sha: string, path: string): Promise<CommitRecord | null> {
  let found: CommitRecord | null = null;
  const parser = new LogParser((c) => {
    found ??= c;
  });
  await streamGit(ctx, ['log', ...OUTPUT, '-1', '--full-history', '--no-merges', sha, '--', path], (chunk) => parser.push(chunk));
  parser.end();
  return found;
}
