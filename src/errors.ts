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

/** stdout could not take the result (a full disk, a closed file). */
export class OutputError extends KstatError {
  constructor(code: string) {
    super(`cannot write the output: ${code} (check the disk or the pipe kstat writes to)`, EXIT.output);
  }
}
