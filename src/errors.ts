// Every failure a user can cause or meet has a class here, a one-line message that names
// the problem and the fix, and an exit code of its own (README "Exit codes").

export const EXIT = {
  ok: 0,
  /** A `kstat check` rule set as an error does not hold (as every CI tool says "found something"). */
  checkFailed: 1,
  usage: 2,
  notARepository: 3,
  badRevision: 4,
  gitMissing: 5,
  gitFailed: 6,
  output: 7,
  partialClone: 8,
  damaged: 9,
  /** Some paths of a run failed; their errors stand in the output in their place. */
  somePathsFailed: 10,
  /** git refuses its configuration (a bad value, an unknown extension, a broken line). */
  gitConfig: 11,
  /** The index cannot be used: better-sqlite3 is not installed (`kstat index`), or an index damaged past what opening it checks. */
  indexUnavailable: 12,
  /** A bug in kstat (EX_SOFTWARE). */
  internal: 70,
  interrupted: 130,
  terminated: 143,
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

  /** A stable word for scripts (a failed path's JSON `error.code`): its exit code's name, in kebab case. */
  get errorCode(): string {
    const name = (Object.keys(EXIT) as Array<keyof typeof EXIT>).find((k) => EXIT[k] === this.exitCode) ?? 'internal';
    return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  }
}

/** The exit code a failed path's `error.code` stands for (KstatError.errorCode read back). */
export function exitCodeOf(code: string): ExitCode {
  if (code === PathNotFoundError.CODE) return EXIT.usage;
  const key = code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof typeof EXIT;
  return EXIT[key] ?? EXIT.internal;
}

/** Bad flags, dates or paths: the user can fix the command line. */
export class UsageError extends KstatError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** A path neither in the revision's tree nor in its history. */
export class PathNotFoundError extends UsageError {
  static readonly CODE = 'not-found';
  override get errorCode(): string {
    return PathNotFoundError.CODE;
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

/** git itself failed, or answered what kstat cannot read. */
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

/** git refuses its configuration: a bad value, a broken line, an unknown repository extension. */
export class GitConfigError extends KstatError {
  constructor(readonly words: string) {
    super(`git configuration error: ${words} (fix the setting git names, e.g. git config --unset KEY)`, EXIT.gitConfig);
  }
}

/**
 * git's words when it refuses its configuration (config.c, setup.c, date.c, diff.c, as git
 * 2.39 prints them). git dies at the first bad setting, before reading any object.
 */
const CONFIG_FAILURE = [
  /^bad (?:numeric|boolean) config value /,
  /^bad config (?:line \d+ in |variable '|value for ')/,
  /^unknown repository extensions? found:/,
  /^repo version is \d+, but v1-only extensions? found:/,
  /^Expected git repo version <= \d+, found /,
  /^unknown date format /,
  /^bad zlib compression level /,
  /^invalid value for '[^']+': /,
  /^unknown value for config '/,
  /^missing value for '/,
  /^bad --ignore-submodules argument: /,
  /^unable to parse command-line config/,
  /^bogus (?:count|format) in GIT_CONFIG_/,
  /^missing config (?:key|value) GIT_CONFIG_/,
];

/**
 * git's error and fatal messages, one line each: a message's indented lines (the names of
 * unknown extensions, say) are joined to it.
 */
export function gitMessages(stderr: string): string[] {
  const messages: Array<{ text: string; more: string[] }> = [];
  let last: { text: string; more: string[] } | null = null;
  for (const line of stderr.split('\n')) {
    const m = /^(fatal|error|warning): ?(.*)$/.exec(line);
    if (m) {
      last = m[1] === 'warning' ? null : { text: m[2]!.trim(), more: [] };
      if (last) messages.push(last);
    } else if (last && /^\s/.test(line) && line.trim()) {
      last.more.push(line.trim());
    } else {
      last = null;
    }
  }
  return messages.map(({ text, more }) => (more.length === 0 ? text : `${text} ${more.join(text.endsWith(':') ? ', ' : ' ')}`));
}

/** The configuration error in git's stderr, in git's words (every error line it printed), or null. */
export function configFailure(stderr: string): GitConfigError | null {
  const messages = gitMessages(stderr);
  return messages.some((m) => CONFIG_FAILURE.some((re) => re.test(m))) ? new GitConfigError(messages.join('; ')) : null;
}

/** An object a partial clone left on its promisor remote: kstat never fetches (nor writes). */
export class PartialCloneError extends KstatError {
  constructor(readonly oid: string) {
    super(
      `object ${oid} is not in this partial clone, and kstat never fetches: make a full clone (git clone without --filter), or fetch every object with git fetch --refetch after git config --unset remote.<name>.partialclonefilter`,
      EXIT.partialClone,
    );
  }
}

/** An object that is missing or corrupt where git expected it. */
export class DamagedRepositoryError extends KstatError {
  constructor(readonly oid: string, detail: string) {
    super(`damaged repository: object ${oid} cannot be read (${detail}): run git fsck, and restore the object from another clone`, EXIT.damaged);
  }
}

const OID = /\b[0-9a-f]{40}(?:[0-9a-f]{24})?\b/;

/**
 * git's failure as the error a user can act on: a configuration git refuses, a partial clone's
 * missing object, a damaged object, or else git's own first error line. Lazy fetches are
 * refused (run.ts), so a partial clone's missing object shows as a fetch that failed, or
 * (git 2.44 and later) a read that did.
 */
export function gitFailure(args: string[], code: number | null, signal: NodeJS.Signals | null, stderr: string): KstatError {
  // Messages are matched from their start, so a revision git quotes back cannot pass for one.
  const config = configFailure(stderr);
  if (config) return config;
  // A line quoting one of kstat's arguments (`bad revision '…'`) is about that text, not an object.
  const lines = stderr.split('\n').filter((l) => !args.some((a) => a.length > 0 && l.includes(`'${a}`)));
  const fetch = lines.find((l) => /could not fetch [0-9a-f]+ from promisor remote/.test(l)) ?? (lines.some((l) => /lazy fetching disabled/.test(l)) ? lines.find((l) => OID.test(l)) : undefined);
  const fetched = fetch && OID.exec(fetch);
  if (fetched) return new PartialCloneError(fetched[0]);
  const damage = lines.find((l) => DAMAGE.test(l) && OID.test(l));
  if (damage) return new DamagedRepositoryError(OID.exec(damage)![0], firstGitLine(stderr));
  return new GitFailure(args, code, signal, stderr);
}

/** git's words for an object it cannot read (object-file.c, packfile.c, tree-walk.c, revision.c). */
const DAMAGE = /unable to read|is corrupt|unable to unpack|inflate:|could not read|bad tree object|missing (?:blob|tree|commit) object|is empty|unable to parse/i;

/** git printed something kstat's parsers cannot read. */
export class LogParseError extends GitError {}

export const GIT_MISSING = 'git not found: install git 2.37 or newer and make sure it is on PATH';

/** stdout could not take the result (a full disk, a closed file). */
export class OutputError extends KstatError {
  constructor(code: string) {
    super(`cannot write the output: ${code} (check the disk or the pipe kstat writes to)`, EXIT.output);
  }
}

/** The fix for each way writing a file (--svg) fails, by the system's error code. */
const WRITE_FIXES: Record<string, string> = {
  ENOENT: 'its directory does not exist: create it, or name a file in a directory that does',
  ENOTDIR: 'a part of its directory is not a directory: name a file in a directory',
  EACCES: 'permission denied: name a file in a directory you can write to',
  EPERM: 'permission denied: name a file in a directory you can write to',
  EROFS: 'the file system is read-only: name a file on a writable one',
  ENOSPC: 'the disk is full: free some space, or write to another disk',
  EDQUOT: 'the disk quota is used up: free some space, or write to another disk',
  EISDIR: 'it is a directory: name a file',
  EFBIG: 'the file is larger than this file system or the file-size limit (ulimit -f) allows: raise the limit, or write to another disk',
};

/** A file kstat was asked to write (--svg) could not be written; nothing half-written is left. */
export class FileWriteError extends KstatError {
  constructor(
    readonly file: string,
    readonly code: string,
  ) {
    super(`cannot write ${file}: ${WRITE_FIXES[code] ?? `${code} (check the disk and the directory)`}`, EXIT.output);
  }
}
