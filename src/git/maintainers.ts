// What MAINTAINERS needs from git: the file as the revision holds it, the revision's directories
// (get_maintainer.pl asks whether a pattern names one), and a walk that says who touched which
// files, newest first, for when each maintainer was last seen (docs/signals.md).
import { GitError } from '../errors.js';
import { NulSplitter } from './nul-split.js';
import { runGit, streamGit, type GitContext } from './run.js';
import { gitDate, revisions, wholeSeconds } from './history.js';
import { TreeParser, treeDirectoryNames } from './tree.js';

/** A file of the revision's top: its bytes, or why there are none. */
export type TopFile = { bytes: Buffer } | { missing: 'absent' | 'not a file' };

/** The file `name` at the top of the tree of `sha`, read from the revision, never the work tree. */
export async function readTopFile(ctx: GitContext, sha: string, name: string): Promise<TopFile> {
  let entry: { mode: string; type: string; oid: string } | null = null;
  const parser = new TreeParser((e) => {
    if (e.path.toString('latin1') === name) entry = e;
  });
  await streamGit(ctx, ['ls-tree', '-z', '--full-tree', sha, '--', name], (c) => parser.push(c));
  parser.end();
  const found = entry as { mode: string; type: string; oid: string } | null;
  if (found === null) return { missing: 'absent' };
  // A symbolic link's blob is the link's target, not the file.
  if (found.type !== 'blob' || found.mode === '120000') return { missing: 'not a file' };
  return { bytes: await runGit(ctx, ['cat-file', 'blob', found.oid]) };
}

/** Every directory of the tree of `sha`, as latin1 views of its name's bytes. */
export async function treeDirectories(ctx: GitContext, sha: string): Promise<Set<string>> {
  return new Set(await treeDirectoryNames(ctx, sha));
}

/** One commit of the seen walk: its people as git maps them, its trailers, and every file it changes. */
export interface SeenCommit {
  sha: string;
  /** Committer date, epoch seconds. */
  time: number;
  authorEmail: string;
  committerEmail: string;
  /** `%(trailers:only,unfold)`: `Key: value` lines, latin1. */
  trailers: Buffer;
  /** Every file the commit changes under the pathspecs, both names of a move, latin1. */
  files: string[];
}

const SEEN_FORMAT = '/%H%x00%ct%x00%aE%x00%cE%x00%(trailers:only,unfold)';
const HEADER = 5;

/** Parses `git log -z --name-only --format=SEEN_FORMAT`. Pure: push chunks, end() flushes the last commit. */
export class SeenParser {
  private readonly records = new NulSplitter((tok) => this.token(tok));
  private header: Buffer[] = [];
  private current: SeenCommit | null = null;
  private first = false;

  constructor(private readonly onCommit: (c: SeenCommit) => void) {}

  push(chunk: Buffer): void {
    this.records.push(chunk);
  }

  end(): void {
    if (this.records.tail() !== null || this.header.length > 0) throw new GitError('git log output ended inside a commit');
    this.flush();
  }

  private token(tok: Buffer): void {
    if (this.header.length > 0) {
      this.header.push(tok);
      if (this.header.length === HEADER) this.open();
      return;
    }
    // The first name follows a newline; no file name starts with `/`, every commit's first field does.
    const t = this.first && tok[0] === 0x0a ? tok.subarray(1) : tok;
    this.first = false;
    if (t[0] === 0x2f) {
      this.flush();
      this.header.push(t);
      return;
    }
    if (!this.current) throw new GitError(`unexpected git log output: ${JSON.stringify(tok.toString('latin1', 0, 60))}`);
    this.current.files.push(t.toString('latin1'));
  }

  private open(): void {
    const [sha, time, aE, cE, trailers] = this.header as [Buffer, Buffer, Buffer, Buffer, Buffer];
    this.header = [];
    this.first = true;
    this.current = { sha: sha.toString('latin1', 1), time: Number(time.toString('latin1')), authorEmail: aE.toString('latin1'), committerEmail: cE.toString('latin1'), trailers, files: [] };
  }

  private flush(): void {
    if (this.current) this.onCommit(this.current);
    this.current = null;
  }
}

/** What the walks of the seen figures are asked: the revision, its window's end, a shallow clone's cut. */
export interface SeenQuery {
  sha: string;
  until: number;
  exclude: string[];
}

/** git log's revision arguments and bounds, shared by both walks so that they walk alike. */
function seenRange(q: SeenQuery): string[] {
  return ['--full-history', '--no-merges', `--until=${gitDate(wholeSeconds(0, q.until)[1])}`, ...revisions(q.sha, q.exclude)];
}

/**
 * Streams `git log` through a SeenParser until `more()` turns false (checked as git's output
 * arrives) or history ends; `onChunk` runs after each piece of output is read. True when
 * `more()` stopped it.
 */
async function walkParsed(ctx: GitContext, args: string[], onCommit: (c: SeenCommit) => void, more: () => boolean, onChunk?: () => void, magic = false): Promise<boolean> {
  const parser = new SeenParser((c) => {
    if (more()) onCommit(c);
  });
  let stopped = false;
  await streamGit(ctx, args, (chunk) => {
    parser.push(chunk);
    onChunk?.();
    stopped = !more();
    return !stopped;
  }, { magic });
  if (!stopped) parser.end();
  return stopped;
}

/**
 * Non-merge commits reachable from `sha` up to `until` that change files under the pathspecs
 * (with magic), newest first as git log orders them, each with every file it changes there,
 * until `more()` turns false (then true) or history ends. `--root`: a root commit's files are
 * its whole tree, whatever the user's log.showRoot, as git diff-tree --root lists them (git/changed-files.ts).
 */
export async function walkSeen(ctx: GitContext, q: SeenQuery & { pathspecs: string[] }, onCommit: (c: SeenCommit) => void, more: () => boolean): Promise<boolean> {
  const args = ['log', '-z', '--no-color', '--encoding=UTF-8', `--format=${SEEN_FORMAT}`, '--root', '--name-only', '--no-renames', '--ignore-submodules=none', ...seenRange(q), '--', ...q.pathspecs];
  return walkParsed(ctx, args, onCommit, more, undefined, true);
}

/**
 * The same commits' people, every non-merge commit up to `until` whatever it changes, without
 * files (`files` is empty): git reads each commit but compares no trees, several times cheaper
 * than walkSeen over a wide part of the tree. The order is walkSeen's: with --full-history a
 * pathspec limits what git prints, never the order in which it walks.
 */
export async function walkNamed(ctx: GitContext, q: SeenQuery, onCommit: (c: SeenCommit) => void, more: () => boolean, onChunk: () => void): Promise<void> {
  const args = ['log', '-z', '--no-color', '--encoding=UTF-8', `--format=${SEEN_FORMAT}`, ...seenRange(q), '--'];
  await walkParsed(ctx, args, onCommit, more, onChunk);
}
