// The command line: flags → options → analyze → render → stdout and an exit code.
// The only module that touches process.argv, stdout/stderr and exit codes.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { analyze } from './analyze.js';
import { EXIT, KstatError } from './errors.js';
import { killAllGit } from './git/run.js';
import { normalizeOptions, type RawOptions } from './options.js';
import { renderers, type Format } from './render/index.js';

const EXAMPLES = `
Examples:
  kstat drivers/vdpa/mlx5/core              the signals block, in a clone of linux.git
  kstat -C ~/src/linux drivers/gpu/drm/i915 another clone
  kstat --json drivers/vdpa/mlx5/core       JSON for pipelines
  kstat --years 10 fs/reiserfs              a ten-year window
  kstat --since 2024-01-01 --until 2025-01-01 net/sched
  kstat --rev v6.9 drivers/staging          history as of a tag
  kstat -- -dir-with-dash                   a path that starts with '-'

Paths are relative to the repository top and literal (no globs); . is the whole tree.
Exit codes: 0 ok, 2 usage, 3 not a repository, 4 unknown revision, 5 git missing or too old,
6 git failed, 130 interrupted, 1 a bug in kstat.`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

interface CliFlags extends RawOptions {
  json?: boolean;
  ndjson?: boolean;
  color: boolean;
}

function program(): Command {
  return new Command()
    .name('kstat')
    .description('How alive is this code? Exact git history signals for paths of a Linux kernel clone.')
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('<path...>', 'repository-relative directories or files (. for the whole tree)')
    .option('-C, --repo <dir>', 'the repository (default: $KSTAT_REPO, else the one holding the current directory)')
    .option('--rev <rev>', 'read history reachable from this revision (default: HEAD)')
    .addOption(new Option('--years <n>', 'window length in calendar years (default: 5)').conflicts('since'))
    .option('--since <date>', 'window start, ISO 8601, UTC unless a zone is given')
    .option('--until <date>', "window end (default: the revision's committer date)")
    .addOption(new Option('--json', 'JSON: one object, an array for several paths').conflicts('ndjson'))
    .option('--ndjson', 'one JSON object per line')
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

export function useColor(flag: boolean, env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== '') return true;
  return isTTY === true;
}

async function main(argv: string[]): Promise<number> {
  const cmd = program();
  try {
    cmd.parse(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    throw e;
  }
  const flags = cmd.opts<CliFlags>();
  const options = normalizeOptions(cmd.args, flags, process.env, process.cwd());
  const reports = await analyze(options);
  const format: Format = flags.json ? 'json' : flags.ndjson ? 'ndjson' : 'text';
  process.stdout.write(renderers[format](reports, { color: useColor(flags.color, process.env, process.stdout.isTTY) }));
  return EXIT.ok;
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

process.on('SIGINT', () => {
  killAllGit();
  process.exit(EXIT.interrupted);
});
// `kstat … | head -1`: the reader left, so stop quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') {
    killAllGit();
    process.exit(EXIT.ok);
  }
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
