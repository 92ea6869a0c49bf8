// The command line: flags → options → analyze → render → stdout and an exit code.
// The only module that touches process.argv, stdout/stderr and exit codes.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { analyzeEach, type Progress, type RunPlan } from './analyze.js';
import { EXIT, KstatError, OutputError, UsageError } from './errors.js';
import { killAllGit } from './git/run.js';
import { normalizeOptions, parsePathList, parseWhole, type RawOptions } from './options.js';
import { prepareRepository } from './prepare.js';
import { FORMATS, renderers, type Format } from './render/index.js';
import { progressLine } from './render/progress.js';
import { parseSortKey, sortReports } from './signals/sort.js';
import type { PathReport } from './types.js';

const EXAMPLES = `
Examples:
  kstat drivers/vdpa/mlx5/core              the signals block, in a clone of linux.git
  kstat -C ~/src/linux drivers/gpu/drm/i915 another clone
  kstat --json drivers/vdpa/mlx5/core       JSON for pipelines
  kstat --each drivers --depth 2            a table of every drivers/*/* directory
  kstat --each drivers --depth 2 --sort commits --limit 20
  kstat --paths-from dirs.txt --csv         paths from a file (- for stdin), as CSV
  kstat --years 10 fs/reiserfs              a ten-year window
  kstat --since 2024-01-01 --until 2024-12-31 net/sched   all of 2024: 12 months
  kstat --rev v6.9 drivers/staging          history as of a tag
  kstat -- -dir-with-dash                   a path that starts with '-'
  kstat prepare                             write git's commit-graph with Bloom filters (faster walks)

Paths are relative to the repository top and literal (no globs); . is the whole tree.
One path prints a block, several a table; --format or --json/--ndjson/--csv/--table choose.
Exit codes: 0 ok, 2 usage, 3 not a repository, 4 unknown revision or a range, 5 git missing or too old,
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
  limit?: string;
  pathsFrom?: string;
  quiet?: boolean;
  color: boolean;
}

// No default array: commander would print it as `(default: [])`.
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function program(): Command {
  return new Command()
    .name('kstat')
    .description('How alive is this code? Exact git history signals for paths of a Linux kernel clone.')
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[path...]', 'repository-relative directories or files (. for the whole tree)')
    .option('-C, --repo <dir>', 'the repository (default: $KSTAT_REPO, else the one holding the current directory)')
    .option('--rev <rev>', 'read history reachable from this commit: a branch, tag or commit id, not a range (default: HEAD)')
    .addOption(new Option('--years <n>', 'window length in calendar years (default: 5)').conflicts('since'))
    .option('--since <date>', 'window start: 2024, 2024-06 or 2024-06-30 from its first second, or an ISO 8601 time; UTC unless a zone is given')
    .option('--until <date>', "window end: a year, month or day to its last second, or a time (default: the revision's committer date)")
    .option('--each <dir>', 'also every directory --depth levels under DIR (repeatable)', collect)
    .option('--depth <n>', 'levels under --each DIR (default: 1)')
    .option('--paths-from <file>', 'also the paths in FILE, one per line (- for stdin; # comments)')
    .addOption(new Option('--format <format>', 'output format (default: text for one path, table for several)').choices(FORMATS))
    .addOption(new Option('--json', 'JSON: one object, an array for several paths').conflicts(['ndjson', 'csv', 'table', 'format']))
    .addOption(new Option('--ndjson', 'one JSON object per line, each as soon as its path is done').conflicts(['csv', 'table', 'format']))
    .addOption(new Option('--csv', 'CSV, one row per path').conflicts(['table', 'format']))
    .addOption(new Option('--table', 'a table, one row per path').conflicts('format'))
    .option('--sort <key>', 'order paths by path, files, lines, commits, added, removed, churn, authors, active or last')
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

function readPathsFrom(file: string): string[] {
  try {
    return parsePathList(readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read --paths-from ${JSON.stringify(file)}: ${(e as NodeJS.ErrnoException).code ?? String(e)} (give a readable file, or - for standard input)`);
  }
}

function chosenFormat(flags: CliFlags): Format | undefined {
  if (flags.json) return 'json';
  if (flags.ndjson) return 'ndjson';
  if (flags.csv) return 'csv';
  if (flags.table) return 'table';
  return flags.format;
}

/** A progress line on a terminal's stderr, for walks that take a while. */
function progressReporter(enabled: boolean): { update: (p: Progress) => void; clear: () => void } {
  const start = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (!enabled || now - start < PROGRESS_AFTER_MS || now - last < PROGRESS_EVERY_MS) return;
      last = now;
      shown = true;
      process.stderr.write(`\r\u001b[K${progressLine(p, (now - start) / 1000).slice(0, (process.stderr.columns ?? 100) - 1)}`);
    },
    clear() {
      if (shown) process.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}

async function runSignals(args: string[], flags: CliFlags): Promise<number> {
  const paths = [...args, ...(flags.pathsFrom === undefined ? [] : readPathsFrom(flags.pathsFrom))];
  const options = normalizeOptions(paths, flags, process.env, process.cwd());
  const sortKey = flags.sort === undefined ? undefined : parseSortKey(flags.sort);
  const limit = flags.limit === undefined ? Infinity : parseWhole(flags.limit, '--limit', 1, Number.MAX_SAFE_INTEGER);
  const color = useColor(flags.color, process.env, process.stdout.isTTY);
  const started = Date.now();
  const progress = progressReporter(!flags.quiet && process.stderr.isTTY === true);
  let plan: RunPlan | undefined;
  const reports = analyzeEach(options, { onPlan: (p) => (plan = p), onProgress: progress.update });
  const format = chosenFormat(flags);

  const all: PathReport[] = [];
  const streamed = format === 'ndjson' && sortKey === undefined ? await renderers.ndjson() : null;
  try {
    for await (const r of reports) {
      // Streamed: each path as soon as it is done.
      if (streamed && all.length < limit) {
        progress.clear();
        out(streamed([r], { color }));
      }
      all.push(r);
    }
  } finally {
    progress.clear();
  }
  if (!streamed) {
    const shown = (sortKey ? sortReports(all, sortKey) : all).slice(0, limit);
    const render = await renderers[format ?? (all.length === 1 ? 'text' : 'table')]();
    out(render(shown, { color }));
  }
  const elapsed = Date.now() - started;
  if (!flags.quiet && plan && !plan.bloom && elapsed >= HINT_AFTER_MS) {
    process.stderr.write(
      `kstat: this took ${(elapsed / 1000).toFixed(1)} s without a commit-graph with changed-path Bloom filters; \`kstat prepare\` writes one (once per clone) and makes a one-path run up to 5× faster\n`,
    );
  }
  return EXIT.ok;
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
  // Commander adds no help command to a root command with an action, so `help` would be a path.
  cmd
    .command('help [command]')
    .description('show this help, or a command\'s (kstat help prepare)')
    .action((name?: string) => {
      const target = name === undefined ? cmd : cmd.commands.find((c) => c.name() === name);
      if (!target) throw new UsageError(`no command ${JSON.stringify(name)}: kstat's commands are ${cmd.commands.map((c) => c.name()).join(' and ')} (see kstat --help)`);
      target.outputHelp();
    });
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
  killAllGit();
  process.exit(EXIT.interrupted);
});
process.on('SIGTERM', () => {
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
