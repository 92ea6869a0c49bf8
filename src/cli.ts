// The command line: flags → options → analyze → render → stdout and an exit code.
// The only module that touches process.argv, stdout/stderr and exit codes.
import { constants, createReadStream, fstatSync, openSync, readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { Command, CommanderError, Option } from 'commander';
import { analyzeEach, type Progress, type RunPlan } from './analyze.js';
import { SCHEMA_COMMAND_DESCRIPTION, schemaText } from './commands/schema.js';
import { EXIT, exitCodeOf, KstatError, OutputError, UsageError } from './errors.js';
import { killAllGit } from './git/run.js';
import { normalizeOptions, outputWidth, parsePathList, parseWhole, type RawOptions } from './options.js';
import { prepareRepository } from './prepare.js';
import { FORMATS, renderers, streams, type Format } from './render/index.js';
import { progressLine } from './render/progress.js';
import { parseSort, sortReports } from './signals/sort.js';
import { grouped } from './render/format.js';
import { isFailure, type PathResult } from './types.js';

const EXAMPLES = `
Examples:
  kstat drivers/vdpa/mlx5/core              the signals block, in a clone of linux.git
  kstat -C ~/src/linux drivers/gpu/drm/i915 another clone
  kstat --json drivers/vdpa/mlx5/core       JSON for pipelines
  kstat --each drivers --depth 2            a table of every drivers/*/* directory
  kstat --each drivers --depth 2 --sort commits --limit 20
  kstat --paths-from dirs.txt --csv         paths from a file (- for stdin), as CSV
  kstat --years 10 fs/reiserfs              a ten-year window
  kstat --since 2024-01-01 --until 2025-01-01 net/sched
  kstat --rev v6.9 drivers/staging          history as of a tag
  kstat -- -dir-with-dash                   a path that starts with '-'
  kstat prepare                             write git's commit-graph with Bloom filters (faster walks)
  kstat schema signals                      the JSON Schema of --json and --ndjson output

Paths are relative to the repository top and literal (no globs); . is the whole tree.
One path prints a block, several a table; --format or --json/--ndjson/--csv/--table choose.
Exit codes: 0 ok, 2 usage, 3 not a repository, 4 unknown revision, 5 git missing or too old,
6 git failed, 7 output failed, 8 partial clone lacks an object, 9 damaged repository,
10 some paths failed (the others are exact), 11 git configuration error,
130 interrupted (143 terminated), 1 a bug in kstat.`;

/** Progress shows only for walks that outlast this (KSTAT_PROGRESS_DELAY_MS overrides), and is redrawn at most this often. */
const PROGRESS_AFTER_MS = Number(process.env.KSTAT_PROGRESS_DELAY_MS ?? 1500);
const PROGRESS_EVERY_MS = 100;
/** Runs longer than this (KSTAT_HINT_AFTER_MS overrides) without Bloom filters suggest `kstat prepare`. */
const HINT_AFTER_MS = Number(process.env.KSTAT_HINT_AFTER_MS ?? 5000);

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

interface CliFlags extends RawOptions {
  json?: boolean;
  ndjson?: boolean;
  csv?: boolean;
  table?: boolean;
  format?: Format;
  sort?: string;
  order?: string;
  width?: string;
  limit?: string;
  pathsFrom?: string;
  quiet?: boolean;
  color: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function program(): Command {
  return new Command()
    .name('kstat')
    .description('How alive is this code? Exact git history signals for paths of a Linux kernel clone.')
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[path...]', 'repository-relative directories or files (. for the whole tree)')
    .option('-C, --repo <dir>', 'the repository (default: $KSTAT_REPO, else the one holding the current directory)')
    .option('--rev <rev>', 'read history reachable from this revision (default: HEAD)')
    .addOption(new Option('--years <n>', 'window length in calendar years (default: 5)').conflicts('since'))
    .option('--since <date>', 'window start, ISO 8601, UTC unless a zone is given')
    .option('--until <date>', "window end (default: the revision's committer date)")
    .option('--each <dir>', 'also every directory --depth levels under DIR (repeatable)', collect, [])
    .option('--depth <n>', 'levels under --each DIR (default: 1)')
    .option('--paths-from <file>', 'also the paths in FILE, one per line (- for stdin; # comments)')
    .addOption(new Option('--format <format>', 'output format (default: text for one path, table for several)').choices(FORMATS))
    .addOption(new Option('--json', 'JSON: an object for one path, an array when the request can name several').conflicts(['ndjson', 'csv', 'table', 'format']))
    .addOption(new Option('--ndjson', 'one JSON object per line, each as soon as its path is done').conflicts(['csv', 'table', 'format']))
    .addOption(new Option('--csv', 'CSV, one row per path').conflicts(['table', 'format']))
    .addOption(new Option('--table', 'a table, one row per path').conflicts('format'))
    .option('--sort <key>', 'order paths by path, files, lines, commits, added, removed, churn, authors, active or last')
    .option('--order <order>', 'asc (least first) or desc (most first) for --sort (default: desc, path asc)')
    .option('--width <n>', 'columns to fit, 20 to 1000 (default: the terminal\'s; unlimited in a pipe)')
    .option('--limit <n>', 'only the first N paths (after --sort)')
    .option('-j, --jobs <n>', 'git walks at once (default: the number of cores); a large walk is cut into time slices to use them')
    .option('--strategy <name>', 'auto, per-path or shared: how paths are split into git walks (figures are the same)')
    .option('-q, --quiet', 'no progress or hints on stderr')
    .option('--no-color', 'plain text even on a terminal (NO_COLOR works too)')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      // One line, ours: commander's "error: ..." plus where to look.
      outputError: (s, write) => write(`kstat: ${s.replace(/^error:\s*/, '').trim().replace(/\s*\n\s*/g, ' ')} (see kstat --help)\n`),
    });
}

/** The result goes out here; a file that cannot take it is an error, not a silent success. */
function out(text: string): void {
  try {
    process.stdout.write(text);
  } catch (e) {
    throw new OutputError((e as NodeJS.ErrnoException).code ?? String(e));
  }
}

function useColor(flag: boolean, env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== '') return true;
  return isTTY === true;
}

/** A list's line longer than any path a file system takes is not a path: the input is something else. */
const MAX_LIST_LINE = 4096;
/** More paths than this in one run is a mistake, or a run to split (kstat's memory grows with the paths). */
export const MAX_LIST_PATHS = 100_000;

/** A list's bytes. A FIFO is read through the event loop: opening one blocks until a writer comes, and a wait in node's thread pool would outlast Ctrl-C. */
function listStream(file: string): NodeJS.ReadableStream {
  if (file === '-') return process.stdin;
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  if (fstatSync(fd).isFIFO()) return new Socket({ fd, readable: true, writable: false });
  return createReadStream('', { fd });
}

/**
 * The paths in a --paths-from list (one per line, `-` for standard input; parsePathList's rules),
 * read as a stream: a pipe that never ends or a FIFO without a writer leaves kstat answering
 * Ctrl-C, and a line or list without bound is refused before it fills memory.
 */
async function readPathsFrom(file: string): Promise<string[]> {
  const what = `--paths-from ${JSON.stringify(file)}`;
  const paths: string[] = [];
  let line = 0;
  const take = (bytes: Buffer): void => {
    line++;
    paths.push(...parsePathList(bytes.toString('utf8')));
    if (paths.length > MAX_LIST_PATHS) {
      throw new UsageError(`${what} names more than ${grouped(MAX_LIST_PATHS)} paths: split the list and run kstat once per part`);
    }
  };
  let rest = Buffer.alloc(0);
  try {
    for await (const chunk of listStream(file)) {
      const buf = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
      let start = 0;
      for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, start)) {
        take(buf.subarray(start, nl));
        start = nl + 1;
      }
      rest = Buffer.from(buf.subarray(start));
      if (rest.length > MAX_LIST_LINE) {
        throw new UsageError(`${what}: line ${line + 1} is longer than ${grouped(MAX_LIST_LINE)} bytes, so it is no path: give a list of paths, one per line`);
      }
    }
  } catch (e) {
    if (e instanceof KstatError) throw e;
    throw new UsageError(`cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? String(e)} (give a readable file, or - for standard input)`);
  }
  if (rest.length > 0) take(rest);
  return paths;
}

function chosenFormat(flags: CliFlags): Format | undefined {
  if (flags.json) return 'json';
  if (flags.ndjson) return 'ndjson';
  if (flags.csv) return 'csv';
  if (flags.table) return 'table';
  return flags.format;
}

/** Wipes the progress line, if one is showing; signals call it too, so none is left behind. */
let clearProgress = (): void => {};

/** A progress line on a terminal's stderr, for walks that take a while. */
function progressReporter(enabled: boolean): { update: (p: Progress) => void; clear: () => void } {
  const start = Date.now();
  let last = 0;
  let shown = false;
  clearProgress = () => {
    if (shown) process.stderr.write('\r\u001b[K');
    shown = false;
  };
  return {
    update(p) {
      const now = Date.now();
      if (!enabled || now - start < PROGRESS_AFTER_MS || now - last < PROGRESS_EVERY_MS) return;
      last = now;
      shown = true;
      process.stderr.write(`\r\u001b[K${progressLine(p, (now - start) / 1000).slice(0, (process.stderr.columns ?? 100) - 1)}`);
    },
    clear: () => clearProgress(),
  };
}

async function runSignals(args: string[], flags: CliFlags): Promise<number> {
  const listed = flags.pathsFrom === undefined ? undefined : await readPathsFrom(flags.pathsFrom);
  const options = normalizeOptions(args, flags, process.env, process.cwd(), listed);
  // The output's shape follows the request, never the data: what could name several paths gets a list.
  const many = args.length > 1 || options.each !== undefined || listed !== undefined;
  const sort = parseSort(flags.sort, flags.order);
  const width = outputWidth(flags.width, process.stdout);
  const limit = flags.limit === undefined ? Infinity : parseWhole(flags.limit, '--limit', 1, Number.MAX_SAFE_INTEGER);
  const color = useColor(flags.color, process.env, process.stdout.isTTY);
  const started = Date.now();
  const progress = progressReporter(!flags.quiet && process.stderr.isTTY === true);
  let plan: RunPlan | undefined;
  const results = analyzeEach(options, { onPlan: (p) => (plan = p), onProgress: progress.update });
  const format = chosenFormat(flags) ?? (many ? 'table' : 'text');

  const opts = { color, many, width };
  const stream = streams[format] ? await streams[format](opts) : null;
  // Written as each path is done, and not kept: unless the order must be known first.
  const live = stream && sort === undefined ? stream : null;
  const kept: PathResult[] = [];
  let count = 0;
  let failed = false;
  try {
    for await (const r of results) {
      // One path asked for alone: its failure is the run's.
      if (!many && isFailure(r)) throw new KstatError(r.error.message, exitCodeOf(r.error.code));
      failed ||= isFailure(r);
      if (!live) kept.push(r);
      else if (count < limit) {
        progress.clear();
        out(live.item(r, count++));
      }
    }
  } finally {
    progress.clear();
  }
  if (live) out(live.end(count));
  else {
    const shown = (sort ? sortReports(kept, sort.key, sort.order) : kept).slice(0, limit);
    if (stream) {
      shown.forEach((r, i) => out(stream.item(r, i)));
      out(stream.end(shown.length));
    } else {
      out((await renderers[format]())(shown, opts));
    }
  }
  const elapsed = Date.now() - started;
  if (!flags.quiet && plan && !plan.bloom && elapsed >= HINT_AFTER_MS) {
    process.stderr.write(
      `kstat: this took ${(elapsed / 1000).toFixed(1)} s without a commit-graph with changed-path Bloom filters; \`kstat prepare\` writes one (once per clone) and makes a one-path run up to 5× faster\n`,
    );
  }
  return failed ? EXIT.somePathsFailed : EXIT.ok;
}

async function runPrepare(repo: string | undefined): Promise<number> {
  const dir = repo ?? (process.env.KSTAT_REPO || process.cwd());
  const started = Date.now();
  process.stderr.write('kstat prepare: writing git\'s commit-graph with changed-path Bloom filters (the only kstat command that writes to a repository)\n');
  const r = await prepareRepository(dir, { progress: process.stderr.isTTY === true, onStderr: (c) => process.stderr.write(c) });
  process.stderr.write(`kstat prepare: done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.location}/commit-graph${r.after.bloom ? ' with Bloom filters' : ''}\n`);
  return EXIT.ok;
}

async function main(argv: string[]): Promise<number> {
  const cmd = program();
  let code: number = EXIT.ok;
  cmd.action(async (args: string[], flags: CliFlags) => {
    code = await runSignals(args, flags);
  });
  cmd
    .command('prepare')
    .description('write git\'s commit-graph with changed-path Bloom filters, so later runs walk faster (writes to the repository)')
    .option('-C, --repo <dir>', 'the repository (default: $KSTAT_REPO, else the one holding the current directory)')
    .action(async (flags: { repo?: string }) => {
      code = await runPrepare(flags.repo ?? cmd.opts<CliFlags>().repo);
    });
  cmd
    .command('schema')
    .description(SCHEMA_COMMAND_DESCRIPTION)
    .argument('<name>', 'which schema')
    .action((name: string) => out(schemaText(name)));
  try {
    await cmd.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    throw e;
  }
  return code;
}

function fail(e: unknown): number {
  if (e instanceof KstatError) {
    process.stderr.write(`kstat: ${e.message}\n`);
    return e.exitCode;
  }
  const detail = process.env.KSTAT_DEBUG && e instanceof Error ? `\n${e.stack}` : '';
  process.stderr.write(`kstat: internal error: ${e instanceof Error ? e.message : String(e)} (a bug in kstat: please report it with the command line; KSTAT_DEBUG=1 shows more)${detail}\n`);
  return EXIT.internal;
}

// Ctrl-C, or a CI job cancelled: no git child may outlive kstat.
process.on('SIGINT', () => {
  clearProgress();
  killAllGit();
  process.exit(EXIT.interrupted);
});
process.on('SIGTERM', () => {
  clearProgress();
  killAllGit();
  process.exit(EXIT.terminated);
});
// `kstat … | head -1`: the reader left, so stop quietly. Any other write error is a failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  killAllGit();
  process.exit(e.code === 'EPIPE' ? EXIT.ok : fail(new OutputError(e.code ?? String(e))));
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    killAllGit();
    process.exitCode = fail(e);
  },
);
