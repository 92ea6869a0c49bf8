// People named outside git's own fields (MAINTAINERS, commit trailers) mapped through the
// repository's mailmap by git itself, as `%aN`/`%aE` are: `git check-mailmap`, asked once for a batch or kept
// open during a walk.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { GitError } from '../errors.js';
import { runGit, streamLines, type GitContext } from './run.js';

export interface Contact {
  /** latin1 strings (every byte kept), as trailers and MAINTAINERS are read. */
  name: string;
  email: string;
}

/** Whether git can be given the contact as `Name <email>` and read it back: no `<`, `>`, newline or NUL in it. */
export const askable = (c: Contact): boolean => !/[<>\n\0]/.test(c.name + c.email);

/** The contact as one line of check-mailmap's input. */
const lineOf = (c: Contact): string => `${c.name} <${c.email}>\n`;

/** git's answer for `c` (`Name <email>`, or `<email>` without a name); `c` itself when the line is not one. */
function answerOf(line: string, c: Contact): Contact {
  const m = /^(.*?) ?<([^<>]*)>$/.exec(line);
  return m ? { name: m[1]!, email: m[2]! } : c;
}

/** git's answers kept from earlier runs (the index), valid while the mailmap is the same: `Name <email>` lines, latin1. */
export interface ContactCache {
  /** The answers it holds for these lines. */
  contacts(lines: readonly string[]): Map<string, string>;
  /** Keeps answers read from git. */
  keepContacts(answers: ReadonlyArray<[string, string]>): void;
}

/**
 * Each contact as the mailmap maps it (unchanged when it maps nothing), in order. A contact git
 * could not read back (not `askable`) is left as it is.
 */
export async function mapContacts(ctx: GitContext, contacts: readonly Contact[], mailmap: readonly string[], cache?: ContactCache): Promise<Contact[]> {
  if (mailmap.length === 0 || !contacts.some(askable)) return [...contacts];
  const lines = [...new Set(contacts.filter(askable).map(lineOf))];
  const answers = cache?.contacts(lines) ?? new Map<string, string>();
  const unknown = lines.filter((line) => !answers.has(line));
  if (unknown.length > 0) {
    const out = (await runGit(ctx, ['check-mailmap', '--stdin'], { input: Buffer.from(unknown.join(''), 'latin1') })).toString('latin1').split('\n');
    const read = unknown.map((line, k): [string, string] => [line, out[k] ?? '']);
    for (const [line, answer] of read) answers.set(line, answer);
    // An empty answer is git's stdout cut short: used once as the contact itself, never kept.
    cache?.keepContacts(read.filter(([, answer]) => answer !== ''));
  }
  return contacts.map((c) => (askable(c) ? answerOf(answers.get(lineOf(c))!, c) : c));
}

/**
 * `git check-mailmap --stdin` kept open during a walk: contacts asked as they appear, answers
 * (a line each, flushed by git per line) handed back in order.
 */
export class MailmapStream {
  private stdin: Writable | null = null;
  private readonly waiting: Array<(line: string) => void> = [];
  private unsent: string[] = [];
  /** Who waits for every answer asked so far (flushed()). */
  private readonly idle: Array<() => void> = [];
  readonly done: Promise<void>;

  constructor(ctx: GitContext) {
    this.done = streamLines(
      ctx,
      ['check-mailmap', '--stdin'],
      (line) => {
        this.waiting.shift()?.(line);
        if (this.waiting.length === 0) this.idle.splice(0).forEach((f) => f());
      },
      {
        feed: (stdin) => {
          this.stdin = stdin;
          this.send();
        },
      },
    );
    this.done.catch(() => {});
  }

  /** Asks for one `askable` contact; `answer` gets it as the mailmap maps it. */
  ask(contact: Contact, answer: (mapped: Contact) => void): void {
    this.waiting.push((line) => answer(answerOf(line, contact)));
    this.unsent.push(lineOf(contact));
    // One write for all the questions a piece of git log output raises, not one per question
    // (a write is a system call: thousands of them were most of the mailmap's cost).
    if (this.unsent.length === 1) queueMicrotask(() => this.send());
  }

  /** Resolves once every contact asked so far has its answer (or git has stopped). */
  flushed(): Promise<void> {
    if (this.waiting.length === 0) return Promise.resolve();
    this.send();
    return Promise.race([new Promise<void>((resolve) => this.idle.push(resolve)), this.done.then(() => {}, () => {})]);
  }

  async end(): Promise<void> {
    this.send();
    this.stdin?.end();
    await this.done;
    if (this.waiting.length > 0) throw new GitError(`git check-mailmap gave no answer for ${this.waiting.length} contacts`);
  }

  private send(): void {
    if (!this.stdin || this.unsent.length === 0) return;
    this.stdin.write(Buffer.from(this.unsent.join(''), 'latin1'));
    this.unsent = [];
  }
}

/**
 * Every e-mail the mailmap could map to one of `keys` (e-mails as mapped, lower case), lower case,
 * the keys themselves included: a superset, for telling which contacts may be one of them.
 * git maps an e-mail to another only by a line that holds both, so each line holding a key gives
 * all its `<...>` names; lines are not read as git reads them (comments are kept), which can only
 * add names. `sources` as repo.ts mailmapSources lists them.
 */
export async function mailmapAliases(ctx: GitContext, sources: readonly string[], keys: Iterable<string>): Promise<string[]> {
  const wanted = new Set(keys);
  const out = new Set(wanted);
  const texts = await Promise.all(
    sources.map(async (s) => {
      if (s.startsWith('blob:')) return (await runGit(ctx, ['cat-file', 'blob', s.slice('blob:'.length)])).toString('latin1');
      const file = mailmapFile(ctx.cwd, s);
      return existsSync(file) && lstatSync(file).isFile() ? readFileSync(file).toString('latin1') : '';
    }),
  );
  for (const line of texts.join('\n').split('\n')) {
    const names = [...line.matchAll(/<([^<>]*)>/g)].flatMap((m) => [m[1]!.toLowerCase(), m[1]!.trim().toLowerCase()]).filter((n) => n !== '');
    if (names.some((n) => wanted.has(n))) for (const n of names) out.add(n);
  }
  return [...out];
}

/** The file a `.mailmap` or `file:` source (repo.ts mailmapSources) names, from the work tree's top. */
export function mailmapFile(cwd: string, source: string): string {
  return source === '.mailmap' ? join(cwd, '.mailmap') : resolve(cwd, source.slice('file:'.length));
}
