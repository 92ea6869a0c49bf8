// The one door to git: every git process kstat starts goes through here, with the same
// global options, streamed stdout, bounded stderr, and a registry so Ctrl-C can stop them all.
import { spawn, type ChildProcess } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';
import type { Writable } from 'node:stream';
import { GIT_MISSING, GitFailure, GitMissingError, gitFailure } from '../errors.js';

export interface GitContext {
  /** Where git runs: the work tree's top level, or the git directory of a bare repository. */
  cwd: string;
  /** Stops every git process started with this context (a failed sibling walk, say). */
  signal?: AbortSignal;
  /**
   * How far the gits started with this context step back from kstat's own priority (0 or none:
   * not at all), all but the walk a run waits on (StreamOptions.foreground).
   */
  nice?: number;
}

/**
 * Options every git command gets. Paths are literal (no glob or magic), and user config
 * that would change the shape of log output or the commit set (follow, signatures) is off.
 */
const GLOBAL_ARGS = ['--literal-pathspecs', '-c', 'log.follow=false', '-c', 'log.showSignature=false', '-c', 'core.quotePath=false'];

/**
 * Never take locks or write: kstat reads repositories it does not own. A partial clone's lazy
 * fetch would write and could hang on the network: an empty protocol allow-list makes every
 * transport fail at once (any git), and GIT_NO_LAZY_FETCH says so plainly (git 2.44 and later).
 */
const GIT_ENV = { GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_ALLOW_PROTOCOL: '', GIT_NO_LAZY_FETCH: '1' };

/**
 * Variables that point git at another repository or change how it reads paths. They leak in
 * from git hooks and `git rebase -x`; kstat's repository is -C's and its paths are literal.
 * (User configuration, GIT_CONFIG_*, is kept: kstat's figures are the user's git's figures.)
 */
const FOREIGN_ENV = [
  'GIT_DIR', 'GIT_WORK_TREE', 'GIT_IMPLICIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_COMMON_DIR', 'GIT_PREFIX', 'GIT_SHALLOW_FILE', 'GIT_GRAFT_FILE',
  'GIT_NAMESPACE', 'GIT_GLOB_PATHSPECS', 'GIT_NOGLOB_PATHSPECS', 'GIT_ICASE_PATHSPECS', 'GIT_LITERAL_PATHSPECS',
];

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV };
  for (const key of FOREIGN_ENV) delete env[key];
  return env;
}

const live = new Set<ChildProcess>();

/** Stops every git child still running (Ctrl-C, a broken pipe, a failed sibling). */
export function killAllGit(): void {
  for (const child of live) child.kill('SIGTERM');
}

export interface StreamOptions {
  input?: Buffer | string;
  /** git's stdin, to write while git runs (and end): for questions that arrive during a walk. */
  feed?: (stdin: Writable) => void;
  /** Pathspecs carry their own magic (`:(exclude,literal)…`), each marked literal by the caller. */
  magic?: boolean;
  /** git's stderr as it comes (its own progress meter, say); it is still kept for errors. */
  onStderr?: (chunk: Buffer) => void;
  /** The walk a run waits on (history.ts): it keeps the user's priority, and the gits beside it yield to it. */
  foreground?: boolean;
}

/**
 * How far the gits beside a slow history walk step back (10: about a tenth of a core against it).
 * Without Bloom filters the walk is what a run waits on, and on two cores they shared its core:
 * coreboot's boards were 0.92x wall niced, one board 0.95x, indexed runs 0.98-0.99x (paired). With
 * them the walk is short and the maintainers' walks are the last to end: 1.05x niced, so not there.
 */
export const BESIDE_NICE = 10;

const STDERR_LIMIT = 64 * 1024;

/**
 * Runs git and hands each stdout chunk to `onData` as it arrives; resolves when git exits 0,
 * rejects with a GitError carrying git's own first error line otherwise. `onData` returning
 * false means it has what it needs: git is stopped and the call resolves.
 */
export function streamGit(ctx: GitContext, args: string[], onData: (chunk: Buffer) => boolean | void, opts: StreamOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      const global = opts.magic ? GLOBAL_ARGS.filter((a) => a !== '--literal-pathspecs') : GLOBAL_ARGS;
      child = spawn('git', [...global, ...args], {
        cwd: ctx.cwd,
        // git flushes stdout after every commit into a pipe: a system call each, and a wake-up of
        // kstat (a whole-history rev-list wrote 65,000 lines one at a time). Buffered unless kstat
        // asks as git answers (`feed`): there an answer held back would stall the walk asking,
        // whatever the user's own GIT_FLUSH says.
        env: { ...gitEnv(), GIT_FLUSH: opts.feed ? '1' : '0' },
        stdio: [opts.input === undefined && !opts.feed ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
    } catch (e) {
      reject(spawnError(e));
      return;
    }
    live.add(child);
    if (ctx.nice && !opts.foreground && child.pid !== undefined) {
      try {
        setPriority(child.pid, Math.min(19, getPriority() + ctx.nice));
      } catch {
        // Gone already, or a system that says no: it runs as it is.
      }
    }
    const abort = (): void => {
      child.kill('SIGTERM');
    };
    ctx.signal?.addEventListener('abort', abort, { once: true });
    if (ctx.signal?.aborted) abort();
    let stderr = '';
    let failed: unknown;
    let stopped = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      if (failed !== undefined || stopped) return;
      try {
        if (onData(chunk) === false) {
          stopped = true;
          child.kill('SIGTERM');
        }
      } catch (e) {
        // A consumer that cannot take git's output stops git too.
        failed = e;
        child.kill('SIGTERM');
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      opts.onStderr?.(chunk);
      if (stderr.length < STDERR_LIMIT) stderr += chunk.toString('utf8');
    });
    // git may exit before reading all of its input (an error); that is reported by its exit code.
    if (opts.input !== undefined || opts.feed) child.stdin!.on('error', () => {});
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    else opts.feed?.(child.stdin!);
    child.on('error', (e) => {
      live.delete(child);
      ctx.signal?.removeEventListener('abort', abort);
      reject(spawnError(e));
    });
    child.on('close', (code, signal) => {
      live.delete(child);
      ctx.signal?.removeEventListener('abort', abort);
      if (failed !== undefined) reject(failed);
      else if (code === 0 || stopped) resolve();
      else reject(gitFailure(args, code, signal, stderr));
    });
  });
}

/**
 * streamGit's output a line at a time (latin1 views of the bytes, without the newline), until
 * `onLine` returns false: git is stopped then, and no more lines are handed out.
 */
export async function streamLines(ctx: GitContext, args: string[], onLine: (line: string) => boolean | void, opts: StreamOptions = {}): Promise<void> {
  let rest = '';
  let more = true;
  await streamGit(
    ctx,
    args,
    (chunk) => {
      const lines = (rest + chunk.toString('latin1')).split('\n');
      rest = lines.pop()!;
      for (const line of lines) if (!(more = onLine(line) !== false)) return false;
      return true;
    },
    opts,
  );
  if (more && rest !== '') onLine(rest);
}

/** Runs git and returns its whole stdout: for answers known to be small. */
export async function runGit(ctx: GitContext, args: string[], opts: StreamOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await streamGit(
    ctx,
    args,
    (c) => {
      chunks.push(c);
    },
    opts,
  );
  return Buffer.concat(chunks);
}

/**
 * Like runGit, but git's refusal is an answer (`null`), not an error: for questions such as
 * "does this exist?". An object git cannot read (a partial or damaged clone) is still an error.
 */
export async function tryGit(ctx: GitContext, args: string[]): Promise<Buffer | null> {
  try {
    return await runGit(ctx, args);
  } catch (e) {
    if (e instanceof GitFailure) return null;
    throw e;
  }
}

function spawnError(e: unknown): Error {
  if ((e as NodeJS.ErrnoException)?.code === 'ENOENT') {
    return new GitMissingError(GIT_MISSING);
  }
  return e instanceof Error ? e : new Error(String(e));
}
