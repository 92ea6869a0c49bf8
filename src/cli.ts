// The command line: parse, dispatch to a command (src/commands/), map errors to exit codes.
// The only module that touches process.argv, stdout/stderr, signals and exit codes.
import { CommanderError } from 'commander';
import { program } from './commands/index.js';
import type { Io } from './commands/io.js';
import { EXIT, KstatError, OutputError } from './errors.js';
import { killAllGit } from './git/run.js';

/** What a command has left to undo when a signal stops kstat: a progress line to wipe, a temporary file to remove. */
const undo = new Set<() => void>();
const wipe = (): void => undo.forEach((w) => w());

const io: Io = {
  out(text) {
    try {
      process.stdout.write(text);
    } catch (e) {
      throw new OutputError((e as NodeJS.ErrnoException).code ?? String(e));
    }
  },
  err: (text) => void process.stderr.write(text),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  onInterrupt(w) {
    undo.add(w);
    return () => void undo.delete(w);
  },
};

async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program(io, (c) => (code = c)).parseAsync(argv);
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

// Ctrl-C, or a CI job cancelled: no git child may outlive kstat, and no progress line or temporary file is left behind.
process.on('SIGINT', () => {
  wipe();
  killAllGit();
  process.exit(EXIT.interrupted);
});
process.on('SIGTERM', () => {
  wipe();
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
