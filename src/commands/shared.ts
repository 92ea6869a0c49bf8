// What every command that reads paths shares: the root options (repository, revision, window,
// path sources, jobs), how they become a request to analyze(), and the progress line.
import { Option, type Command } from 'commander';
import type { Progress, RunPlan } from '../analyze/index.js';
import { DEFAULT_AUTHORS } from '../analyze/open.js';
import { DEFAULT_SWEEP_DIRS } from '../signals/sweep.js';
import { DEFAULT_RELEASE_TAGS, DEFAULT_RELEASES } from '../kernel/releases.js';
import { normalizeOptions, type AnalyzeOptions, type RawOptions } from '../options.js';
import { progressLine } from '../render/progress.js';
import type { Io } from './io.js';
import { readPathsFrom } from './paths-from.js';

export interface SharedFlags extends RawOptions {
  pathsFrom?: string;
  width?: string;
  quiet?: boolean;
  color: boolean;
}

// No default array: commander would print it as `(default: [])`.
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Options of the root command: commander reads them before or after any command's name. */
export function addSharedOptions(root: Command): Command {
  return root
    .option('-C, --repo <dir>', 'the repository (default: $KSTAT_REPO, else the one holding the current directory)')
    .option('--rev <rev>', 'read history reachable from this commit: a branch, tag or commit id, not a range (default: HEAD)')
    .addOption(new Option('--years <n>', 'window length in calendar years (default: 5)').conflicts('since'))
    .option('--since <date>', 'window start: 2024, 2024-06 or 2024-06-30 from its first second, or an ISO 8601 time; UTC unless a zone is given')
    .option('--until <date>', "window end: a year, month or day to its last second, or a time (default: the revision's committer date)")
    .option('--each <dir>', 'also every directory --depth levels under DIR (repeatable)', collect)
    .option('--depth <n>', 'levels under --each DIR (default: 1)')
    .option('--paths-from <file>', 'also the paths in FILE, one per line (- for stdin; # comments)')
    .option('--section <name>', "also a MAINTAINERS section's files (its F: less its X:) as one path, MAINTAINERS:NAME (repeatable)", collect)
    .option('--sweep-dirs <k>', `a commit changing files in K or more other directories at a path's depth is a sweep, not the path's own work (default: ${DEFAULT_SWEEP_DIRS})`)
    .option('--authors <n>', `top authors and e-mail domains listed per path (default: ${DEFAULT_AUTHORS}; 0 for none)`)
    .option('--release-tags <regex>', `tags that name releases, a JavaScript regular expression over the tag name (default: ${DEFAULT_RELEASE_TAGS})`)
    .option('--releases <n>', `the newest releases counted for "changed in N of the last M releases" (default: ${DEFAULT_RELEASES})`)
    .option('--width <n>', "columns to fit, 20 to 1000 (default: the terminal's; unlimited in a pipe)")
    .option('-j, --jobs <n>', 'git walks at once (default: the number of cores); a large walk is cut into time slices to use them')
    .option('--strategy <name>', 'auto, per-path or shared: how paths are split into git walks (figures are the same)')
    .option('--index-dir <dir>', 'where indexes live (default: $XDG_CACHE_HOME/kstat, else ~/.cache/kstat); see kstat index')
    .option('--no-index', "walk history even where the repository has an index")
    .option('-q, --quiet', 'no progress or hints on stderr')
    .option('--no-color', 'plain text even on a terminal (NO_COLOR works too)');
}

export interface Request {
  options: AnalyzeOptions;
  /** The request could name several paths: the output is a list (a table, an array), even of one. */
  many: boolean;
}

/** The paths and window asked for, as analyze() takes them; `extra` are paths a command adds (--changed). */
export async function request(args: string[], flags: SharedFlags, io: Io, extra?: string[]): Promise<Request> {
  const fromList = flags.pathsFrom === undefined ? undefined : await readPathsFrom(flags.pathsFrom, io.stdin);
  const listed = fromList || extra ? [...(fromList ?? []), ...(extra ?? [])] : undefined;
  const options = normalizeOptions(args, flags, io.env, io.cwd, listed);
  // The output's shape follows the request, never the data: what could name several paths gets a list.
  const named = args.length + (options.sections?.length ?? 0);
  return { options, many: named > 1 || options.each !== undefined || listed !== undefined };
}

/** Progress shows only for walks that outlast this (KSTAT_PROGRESS_DELAY_MS overrides), and is redrawn at most this often. */
const PROGRESS_AFTER_MS = 1500;
const PROGRESS_EVERY_MS = 100;

export interface ProgressReporter {
  update: (p: Progress) => void;
  /** Wipes the line, if one is showing. */
  clear: () => void;
}

/** A progress line on a terminal's stderr, for walks that take a while; wiped by signals too. */
export function progressReporter(io: Io, enabled: boolean): ProgressReporter {
  const start = Date.now();
  const after = Number(io.env.KSTAT_PROGRESS_DELAY_MS ?? PROGRESS_AFTER_MS);
  let last = 0;
  let shown = false;
  const clear = (): void => {
    if (shown) io.err('\r\u001b[K');
    shown = false;
  };
  io.onInterrupt(clear);
  return {
    update(p) {
      const now = Date.now();
      if (!enabled || now - start < after || now - last < PROGRESS_EVERY_MS) return;
      last = now;
      shown = true;
      io.err(`\r\u001b[K${progressLine(p, (now - start) / 1000).slice(0, (io.stderr.columns ?? 100) - 1)}`);
    },
    clear,
  };
}

/** Whether the run reads the index, or why it could not: one line on stderr, unless --quiet. */
export function indexHint(plan: RunPlan, flags: { quiet?: boolean }, io: Io): void {
  if (plan.index !== null && !flags.quiet) io.err(`${plan.index}\n`);
}
