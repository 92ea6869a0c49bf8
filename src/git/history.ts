// The history walks: the commit set of docs/signals.md with numstat, streamed through the parser; the same
// figures again for single commits limited to one path; and the newest commit touching each path.
import { BRIEF_FORMAT, LOG_FORMAT, LogParser, type CommitRecord } from './log-parser.js';
import { streamGit, streamLines, type GitContext } from './run.js';

export interface WalkQuery {
  sha: string;
  /** Inclusive bounds, epoch seconds (a fraction is allowed). */
  since: number;
  until: number;
  pathspecs: string[];
  /** Also print raw records (each file's status and modes), for attributing a wider walk to paths. */
  raw: boolean;
  /** Commits left out with their (missing) ancestry: a shallow clone's cut. */
  exclude: string[];
  /** Commits left out with their ancestry because nothing there is in the window (generation.ts). */
  frontier?: string[] | null;
  /** The pathspecs carry their own magic (a --section's `:(glob)…`), instead of being literal paths. */
  magic?: boolean;
}

/**
 * The revision, less a shallow clone's cut: git shows a commit whose parents are missing as
 * if it created every file it holds, which would count its whole tree as added.
 */
export function revisions(sha: string, exclude: readonly string[]): string[] {
  return exclude.length === 0 ? [sha] : [sha, '--not', ...exclude];
}

/** Options that make git's output the exact byte stream LogParser reads. */
const OUTPUT = ['-z', '--no-color', '--encoding=UTF-8', `--format=${LOG_FORMAT}`];
/** The same, without committers and trailers: walks that place commits need not have git read each message (docs/signals.md, "Review trailers"). */
const BRIEF = ['-z', '--no-color', '--encoding=UTF-8', `--format=${BRIEF_FORMAT}`];
/** The diff of docs/signals.md: rename detection with git's defaults, line counts, root commits against the empty tree. */
const NUMSTAT = ['--root', '-M', '--numstat'];
/**
 * Every submodule change printed, whatever the user's `ignore` settings: git lists a commit
 * that only moves an ignored submodule for the path, but prints no record of it, and records
 * are what tell a wider walk which paths a commit touches (docs/signals.md).
 */
const EVERY_SUBMODULE = '--ignore-submodules=none';

/** git's raw date form: a bare `@N` is read as epoch seconds only from N = 100000000 on. */
export function gitDate(seconds: number): string {
  return `@${seconds} +0000`;
}

/**
 * A window's bounds as git is given them. git dates are whole seconds: a bound inside a second
 * moves to the first (last) whole one inside. Before 1970 there is nothing to filter out, and an
 * endless window (the index's walk over all of history) has no end: -Infinity and Infinity.
 */
export function wholeSeconds(since: number, until: number): [lo: number, hi: number] {
  return [since > 0 ? Math.ceil(since) : -Infinity, Number.isFinite(until) ? Math.max(0, Math.floor(until)) : Infinity];
}

/**
 * The commit set (docs/signals.md): non-merge commits reachable from `sha`, committer date in [since, until],
 * whose diff against their parent touches a pathspec. `--since-as-filter`, never `--since`:
 * plain --since stops at the first old commit and misses in-window commits on clock-skewed history.
 */
export function walkArgs(q: WalkQuery): string[] {
  const [lo, hi] = wholeSeconds(q.since, q.until);
  // Revisions go to git on stdin (walkInput): a frontier can hold thousands of commits.
  return [
    'log',
    ...OUTPUT,
    '--full-history',
    '--no-merges',
    ...NUMSTAT,
    // A walk over the one path prints git's own records; a wider one is attributed by its records.
    ...(q.raw ? ['--raw', EVERY_SUBMODULE] : []),
    ...(lo > -Infinity ? [`--since-as-filter=${gitDate(lo)}`] : []),
    ...(hi < Infinity ? [`--until=${gitDate(hi)}`] : []),
    '--stdin',
    '--',
    ...q.pathspecs,
  ];
}

/** The revision, less the shallow cut and the frontier, one per line as `git log --stdin` reads them. */
function walkInput(q: WalkQuery): string {
  return [q.sha, ...[...q.exclude, ...(q.frontier ?? [])].map((c) => `^${c}`)].join('\n') + '\n';
}

export async function walkHistory(ctx: GitContext, q: WalkQuery, onCommit: (c: CommitRecord) => void): Promise<void> {
  const parser = new LogParser(onCommit);
  await streamGit(ctx, walkArgs(q), (chunk) => parser.push(chunk), { input: walkInput(q), magic: q.magic === true, foreground: true });
  parser.end();
}

/** Each commit's figures limited to one path, exactly as that path's own walk prints them. */
export async function commitsForPath(ctx: GitContext, shas: string[], path: string, onCommit: (c: CommitRecord) => void): Promise<void> {
  if (shas.length === 0) return;
  const parser = new LogParser(onCommit);
  const args = ['log', ...BRIEF, '--no-walk=unsorted', '--stdin', ...NUMSTAT, '--', path];
  await streamGit(ctx, args, (chunk) => parser.push(chunk), { input: `${shas.join('\n')}\n` });
  parser.end();
}

/**
 * Given commits, each with what the whole-tree walk prints for it (`walkArgs` with `raw` and no
 * pathspec), in the order given: the index's way to add commits it lacks (store/build.ts syncStore).
 */
export async function commitsWhole(ctx: GitContext, shas: readonly string[], onCommit: (c: CommitRecord) => void, opts: { namesOnly?: boolean } = {}): Promise<void> {
  if (shas.length === 0) return;
  const parser = new LogParser(onCommit);
  // `namesOnly`: each file's name and status from the trees alone, no blob read (no line counts,
  // no rename detection): what can be said of a commit whose blobs git cannot read.
  const diff = opts.namesOnly ? ['--root', '--raw', '--no-renames'] : [...NUMSTAT, '--raw'];
  const args = ['log', ...OUTPUT, '--no-walk=unsorted', ...diff, EVERY_SUBMODULE, '--stdin', '--'];
  await streamGit(ctx, args, (chunk) => parser.push(chunk), { input: `${shas.join('\n')}\n`, foreground: true });
  parser.end();
}

/**
 * Walks history from `sha` over the pathspecs and hands each commit (with its changed files,
 * renames split into delete and add) to `onCommit`, newest first as `git log` orders them,
 * until `onCommit` returns false. Each path's first commit is what `git log -1 -- PATH` gives.
 */
export async function walkTouches(
  ctx: GitContext,
  sha: string,
  exclude: string[],
  pathspecs: string[],
  onCommit: (c: CommitRecord) => boolean,
  opts: { first?: boolean; fullDiff?: boolean; magic?: boolean } = {},
): Promise<void> {
  let more = true;
  const parser = new LogParser((c) => {
    if (more) more = onCommit(c);
  });
  // `first`: the first commit is all that is wanted, and git can stop by itself.
  // `fullDiff`: every file of each commit the pathspecs select, as diff-tree would list them; the
  // walk has the trees at hand, so this costs little beside it.
  const args = ['log', ...BRIEF, ...(opts.first ? ['-1'] : []), '--full-history', '--no-merges', '--root', '--raw', '--no-renames', EVERY_SUBMODULE, ...(opts.fullDiff ? ['--full-diff'] : []), ...revisions(sha, exclude), '--', ...pathspecs];
  await streamGit(ctx, args, (chunk) => {
    parser.push(chunk);
    return more;
  }, { magic: opts.magic === true });
  if (more) parser.end();
}

/**
 * Whether the window's commits come in git's order with dates that never grow, which is what
 * lets time slices of a walk agree with git's order: read from `git rev-list --timestamp` (commits
 * only; fast with a commit-graph) up to the first commit older than the window. For a run whose
 * graph already proved the window comes first (generation.ts), so nothing in it follows.
 */
export async function windowDatesNeverGrow(ctx: GitContext, sha: string, exclude: string[], since: number, until: number): Promise<boolean> {
  const [lo, hi] = wholeSeconds(since, until);
  let verdict: boolean | null = null;
  let previous = Infinity;
  await streamLines(ctx, ['rev-list', '--no-merges', '--timestamp', ...revisions(sha, exclude)], (line) => {
    const t = Number(line.slice(0, line.indexOf(' ')));
    if (t < lo) verdict = true;
    else if (t > hi || t > previous) verdict = false;
    else previous = t;
    return verdict === null;
  });
  return verdict ?? true;
}
