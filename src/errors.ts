// Every failure a user can cause or meet has a class here, a one-line message that names
// the problem and the fix, and an exit code of its own (README "Exit codes").

export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  notARepository: 3,
  badRevision: 4,
  gitMissing: 5,
  gitFailed: 6,
  output: 7,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class KstatError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags, dates or paths: the user can fix the command line. */
export class UsageError extends KstatError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export class NotARepositoryError extends KstatError {
  constructor(message: string) {
    super(message, EXIT.notARepository);
  }
}

export class RevisionError extends KstatError {
  constructor(message: string) {
    super(message, EXIT.badRevision);
  }
}

export class GitMissingError extends KstatError {
  constructor(message: string) {
    super(message, EXIT.gitMissing);
  }
}

/** git itself failed: a damaged repository, a missing object, an unexpected answer. */
export class GitError extends KstatError {
  constructor(message: string) {
    super(message, EXIT.gitFailed);
  }
}

/** git exited non-zero. `stderr` is kept for callers that turn known failures into better errors. */
export class GitFailure extends GitError {
  constructor(
    readonly args: string[],
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''} failed: ${firstGitLine(stderr) || (signal ? `killed by ${signal}` : `exit code ${code}`)}`);
  }
}

/** git's most telling line: the first `fatal:`/`error:` line, else the first line. */
export function firstGitLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? '').replace(/^(fatal|error):\s*/, '');
}

/** git printed something kstat's parsers cannot read. */
export class LogParseError extends GitError {}

export const GIT_MISSING = 'git not found: install git 2.37 or newer and make sure it is on PATH';

/** stdout could not take the result (a full disk, a closed file). */
export class OutputError extends KstatError {
  constructor(code: string) {
    super(`cannot write the output: ${code} (check the disk or the pipe kstat writes to)`, EXIT.output);
  }
}
