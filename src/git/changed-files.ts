// Every file a commit changes, for telling sweeps from a path's own work (signals/sweep.ts): one
// `git diff-tree --stdin` beside the walk, fed commit ids as the walk finds them. Tree diffs only,
// never blobs: raw records carry object names, not contents, and renames are not looked for.
import type { Writable } from 'node:stream';
import { GitError } from '../errors.js';
import { NulSplitter } from './nul-split.js';
import { streamGit, type GitContext } from './run.js';

/**
 * `-r` every file, `--root` a root commit against the empty tree, `--no-renames` both names of a
 * move, `--always` a header for a commit that changes nothing, every submodule change whatever the
 * user's ignore settings (a moved submodule is a changed file). Each commit opens with `/<id>`: no
 * file name starts with `/`. Its first name follows a newline.
 */
const ARGS = ['diff-tree', '--stdin', '-z', '-r', '--root', '--no-renames', '--always', '--ignore-submodules=none', '--name-only', '--format=/%H'];
const SLASH = 0x2f;
const LF = 0x0a;

/** Commit ids sent to git at once: fewer, larger writes. */
const BATCH = 64;

interface Asked {
  sha: string;
  onNames: (names: string[]) => void;
}

/**
 * Asks git for the files of commits one at a time while a walk runs; each answer comes back in
 * order, as the latin1 views of the names' bytes (the view PathIndex keys paths with).
 */
export class ChangedFiles {
  private readonly asked: Asked[] = [];
  private answered = 0;
  private unsent: string[] = [];
  private stdin: Writable | null = null;
  private running: Promise<void> | null = null;
  private names: string[] | null = null;

  /**
   * `outside`: names under these pathspecs are left out (the walk beside already lists them), so
   * git does not descend into the largest part of most commits. `within`: only names under these
   * pathspecs, which carry their own magic (`:(literal)…`, `:(glob)…`).
   */
  constructor(
    private readonly ctx: GitContext,
    private readonly outside: readonly string[] = [],
    private readonly within: readonly string[] = [],
  ) {}

  /** `onNames` gets every file `sha` changes against its parent. */
  request(sha: string, onNames: (names: string[]) => void): void {
    this.asked.push({ sha, onNames });
    this.unsent.push(sha);
    if (!this.running) {
      this.running = this.start();
      // Observed by end(); a batch that fails elsewhere first stops git and never asks.
      this.running.catch(() => {});
    }
    if (this.unsent.length >= BATCH) this.send();
  }

  /** Sends what was asked so far now, rather than with the next full batch. */
  hurry(): void {
    this.send();
  }

  /** Every answer given; rejects with git's error. */
  async end(): Promise<void> {
    if (!this.running) return;
    this.send();
    this.stdin?.end();
    await this.running;
  }

  private send(): void {
    if (!this.stdin || this.unsent.length === 0) return;
    this.stdin.write(`${this.unsent.join('\n')}\n`);
    this.unsent = [];
  }

  private start(): Promise<void> {
    const records = new NulSplitter((tok) => this.token(tok));
    const limits = [...this.within, ...this.outside.map((p) => `:(exclude,literal)${p}`)];
    const args = limits.length > 0 ? [...ARGS, '--', ...limits] : ARGS;
    return streamGit(this.ctx, args, (chunk) => records.push(chunk), {
      magic: limits.length > 0,
      feed: (stdin) => {
        this.stdin = stdin;
        this.send();
      },
    }).then(() => {
      if (records.tail() !== null) throw new GitError('git diff-tree output ended inside a record');
      this.flush();
      if (this.answered !== this.asked.length) throw new GitError(`git diff-tree gave no answer for ${this.asked.length - this.answered} commits`);
    });
  }

  private token(tok: Buffer): void {
    if (tok[0] === SLASH) {
      this.flush();
      const next = this.asked[this.answered];
      const sha = tok.toString('latin1', 1);
      if (!next || next.sha !== sha) throw new GitError(`git diff-tree answered for ${JSON.stringify(sha.slice(0, 64))}, expected ${next?.sha ?? 'nothing'}`);
      this.names = [];
      return;
    }
    if (!this.names) throw new GitError(`unexpected git diff-tree output: ${JSON.stringify(tok.toString('latin1', 0, 60))}`);
    this.names.push(tok.toString('latin1', this.names.length === 0 && tok[0] === LF ? 1 : 0));
  }

  /** Hands the commit read so far its names, and forgets it. */
  private flush(): void {
    if (!this.names) return;
    const asked = this.asked[this.answered++]!;
    // Answered commits are not kept: a walk asks about every commit of its window.
    if (this.answered >= 1024) {
      this.asked.splice(0, this.answered);
      this.answered = 0;
    }
    const names = this.names;
    this.names = null;
    asked.onNames(names);
  }
}
