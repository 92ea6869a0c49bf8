// A commit's figures limited to one path, for many (commit, path) pairs in three git processes.
//
// A path's own walk diffs the commit against its parent limited to the path, so rename
// detection sees the path's files only. Diffing the path's subtree in the parent against the
// path's subtree in the commit is the same diff: the same files, the same candidates, the same
// order. One `cat-file --batch-check` finds every subtree; one `diff-tree --stdin` diffs them.
// Pairs where the path is not a directory on both sides (a file, a submodule), or whose name
// holds a newline (the line protocols cannot carry it), take a walk limited to the path.
//
// The subtree diff names files relative to the path, and diff-tree, being plumbing, reads
// no porcelain diff settings. So the one such setting that changes numstat, diff.algorithm,
// is passed on; one `check-attr` finds the pairs whose files' `diff` attribute differs under
// the relative names (a pattern with a slash, a .gitattributes inside the path), and those
// take the path's walk; so does a pair holding a submodule, whose ignore setting git looks
// up by its full name.
import { GitError } from '../errors.js';
import { commitsForPath } from './history.js';
import { parseNumstat, type FileChange } from './log-parser.js';
import { NulSplitter } from './nul-split.js';
import { runGit, streamGit, type GitContext } from './run.js';

export interface CommitPath {
  sha: string;
  path: string;
  /** Take the path's own walk, not the subtree diff (a submodule changed under the path). */
  ownWalk?: boolean;
}

/** A repository's context, with `git config --list` when the caller has it (repo.ts). */
export type PairContext = GitContext & { config?: ReadonlyMap<string, string> };

/** The user's diff settings diff-tree would not read itself; git reads every other one (docs/signals.md). */
export function porcelainDiffOptions(config: ReadonlyMap<string, string> | undefined): string[] {
  const algorithm = config?.get('diff.algorithm');
  return algorithm === undefined ? [] : [`--diff-algorithm=${algorithm}`];
}

const OBJECT_LINE = /^([0-9a-f]{40,64}) (\w+) \d+$/;

/** `<oid> <type> <size>` per input line, or null where the object does not exist. */
export function parseBatchCheck(out: string): Array<{ oid: string; type: string } | null> {
  return out
    .split('\n')
    .slice(0, -1)
    .map((line) => {
      const m = OBJECT_LINE.exec(line);
      return m ? { oid: m[1]!, type: m[2]! } : null;
    });
}

/**
 * Parses `git diff-tree --stdin -z -r -M --numstat` given `<tree> <tree>` lines: each diff
 * opens with the line `<tree> <tree>\n`, then NUL-ended numstat records. git prints the line
 * even for an empty diff (two trees can differ in nothing -r shows, such as an empty subtree),
 * so one token may hold several such lines, and the output may end with one.
 */
export class PairDiffParser {
  private readonly records = new NulSplitter((tok) => this.token(tok));
  private key = '';
  private current: FileChange[] | null = null;
  private rename: FileChange | null = null;
  private renameFrom: Buffer | null = null;

  constructor(private readonly onPair: (key: string, files: FileChange[]) => void) {}

  push(chunk: Buffer): void {
    this.records.push(chunk);
  }

  end(): void {
    const tail = this.records.tail();
    if (this.rename || (tail && this.heads(tail).length > 0)) throw new GitError('git diff-tree output ended inside a record');
    this.flush();
  }

  /** Starts a pair at each `<tree> <tree>\n` line that opens `tok`; returns the rest. */
  private heads(tok: Buffer): Buffer {
    let rest = tok;
    for (let nl = rest.indexOf(10); nl !== -1; nl = rest.indexOf(10)) {
      const head = /^([0-9a-f]{40,64}) ([0-9a-f]{40,64})$/.exec(rest.subarray(0, nl).toString('latin1'));
      if (!head) break;
      this.flush();
      this.key = `${head[1]} ${head[2]}`;
      this.current = [];
      rest = rest.subarray(nl + 1);
    }
    return rest;
  }

  /** A pair is complete when the next one starts, or the output ends. */
  private flush(): void {
    if (this.current) this.onPair(this.key, this.current);
    this.current = null;
  }

  private token(tok: Buffer): void {
    if (this.rename) {
      if (this.renameFrom === null) {
        this.renameFrom = Buffer.from(tok);
      } else {
        this.current!.push({ ...this.rename, from: this.renameFrom, path: Buffer.from(tok) });
        this.rename = null;
        this.renameFrom = null;
      }
      return;
    }
    const rest = this.heads(tok);
    if (rest.length === 0 && rest !== tok) return;
    const change = this.current ? parseNumstat(rest) : null;
    if (!change) throw new GitError(`unexpected git diff-tree output: ${JSON.stringify(tok.subarray(0, 60).toString('latin1'))}`);
    if (change.path.length === 0) this.rename = change;
    else this.current!.push(change);
  }
}

/** The empty tree's object name, which depends on the repository's hash. */
const emptyTrees = new WeakMap<GitContext, Promise<string>>();
function emptyTree(ctx: GitContext): Promise<string> {
  let oid = emptyTrees.get(ctx);
  if (!oid) {
    oid = runGit(ctx, ['hash-object', '-t', 'tree', '--stdin'], { input: '' }).then((b) => b.toString('latin1').trim());
    emptyTrees.set(ctx, oid);
  }
  return oid;
}

/** Parses `git check-attr -z` output: `<path>\0<attribute>\0<value>\0` per path, in input order. */
export function parseCheckAttr(out: Buffer): string[] {
  const fields = out.toString('latin1').split('\0');
  const values: string[] = [];
  for (let k = 2; k < fields.length; k += 3) values.push(fields[k]!);
  return values;
}

/** The names a pair's files have in its subtree diff, and under the path (from the top). */
function fileNames(path: string, files: FileChange[]): Array<[Buffer, Buffer]> {
  const prefix = Buffer.from(`${path}/`);
  return files.flatMap((f) => (f.from ? [f.from, f.path] : [f.path])).map((rel) => [rel, Buffer.concat([prefix, rel])]);
}

/**
 * The pairs whose files git gives another `diff` attribute (binary or not, the diff driver)
 * under their names from the top than under their names in the subtree diff.
 */
async function attributesDiffer(ctx: GitContext, pairs: CommitPath[], diffs: Map<number, FileChange[]>): Promise<Set<number>> {
  const names = [...diffs].map(([i, files]) => [i, fileNames(pairs[i]!.path, files)] as const);
  const input = names.flatMap(([, both]) => both.flatMap(([rel, full]) => [rel, full]));
  const differ = new Set<number>();
  if (input.length === 0) return differ;
  const values = parseCheckAttr(await runGit(ctx, ['check-attr', '-z', '--stdin', 'diff'], { input: Buffer.concat(input.flatMap((n) => [n, Buffer.alloc(1)])) }));
  if (values.length !== input.length) throw new GitError(`git check-attr gave ${values.length} answers for ${input.length} names`);
  let k = 0;
  for (const [i, both] of names) {
    for (let n = 0; n < both.length; n++, k += 2) {
      if (values[k] !== values[k + 1]) differ.add(i);
    }
  }
  return differ;
}

export async function commitsForPaths(ctx: PairContext, pairs: CommitPath[], onPair: (i: number, files: FileChange[]) => void): Promise<void> {
  if (pairs.length === 0) return;
  const byLine = pairs.map((p, i) => ({ ...p, i })).filter((p) => !p.ownWalk && !p.path.includes('\n') && p.path !== '.');
  const fallback = new Set(pairs.map((_, i) => i));
  const empty = await emptyTree(ctx);
  const found = parseBatchCheck(
    (await runGit(ctx, ['cat-file', '--batch-check'], { input: byLine.map((p) => `${p.sha}^:${p.path}\n${p.sha}:${p.path}\n`).join('') })).toString('latin1'),
  );
  // Pairs waiting for each `<parent tree> <tree>` diff.
  const waiting = new Map<string, number[]>();
  byLine.forEach((p, k) => {
    const before = found[2 * k];
    const after = found[2 * k + 1];
    if ((before && before.type !== 'tree') || (after && after.type !== 'tree') || (!before && !after)) return;
    const key = `${before?.oid ?? empty} ${after?.oid ?? empty}`;
    fallback.delete(p.i);
    if (before?.oid === after?.oid) {
      onPair(p.i, []);
      return;
    }
    const list = waiting.get(key);
    if (list) list.push(p.i);
    else waiting.set(key, [p.i]);
  });
  if (waiting.size > 0) {
    const diffs = new Map<number, FileChange[]>();
    const parser = new PairDiffParser((key, files) => {
      for (const i of waiting.get(key) ?? []) diffs.set(i, files);
      waiting.delete(key);
    });
    const args = ['diff-tree', '--stdin', '-z', '-r', '-M', '--numstat', ...porcelainDiffOptions(ctx.config)];
    await streamGit(ctx, args, (c) => parser.push(c), { input: [...waiting.keys()].join('\n') + '\n' });
    parser.end();
    if (waiting.size > 0) throw new GitError(`git diff-tree gave no diff for ${waiting.size} changed directories`);
    const namedOtherwise = await attributesDiffer(ctx, pairs, diffs);
    for (const [i, files] of diffs) {
      if (namedOtherwise.has(i)) fallback.add(i);
      else onPair(i, files);
    }
  }
  // The rest, one walk limited to each path.
  const byPath = new Map<string, Map<string, number[]>>();
  for (const i of fallback) {
    const { sha, path } = pairs[i]!;
    const shas = byPath.get(path) ?? new Map<string, number[]>();
    shas.set(sha, [...(shas.get(sha) ?? []), i]);
    byPath.set(path, shas);
  }
  for (const [path, shas] of byPath) {
    await commitsForPath(ctx, [...shas.keys()], path, (c) => {
      for (const i of shas.get(c.sha) ?? []) onPair(i, c.files);
    });
  }
}

export interface QueuedPair extends CommitPath {
  onFiles: (files: FileChange[]) => void;
}

/** Pairs' figures kept from earlier runs (the index): a commit's figures for a path never change under the same settings. */
export interface PairCache {
  pair(sha: string, path: string): FileChange[] | undefined;
  keepPairs(pairs: ReadonlyArray<{ sha: string; path: string; files: FileChange[] }>): void;
}

/**
 * commitsForPaths in rounds, fed while a walk is still finding pairs: the diffs then run beside
 * the walk instead of after it. One round runs at a time; pairs found meanwhile wait for the
 * next, so rounds grow when git falls behind and each round's processes do more work.
 */
export class PairQueue {
  private waiting: QueuedPair[] = [];
  private running: Promise<void> | null = null;
  private failure: unknown = null;
  /** What git answered, for the cache. */
  private readonly read: Array<{ sha: string; path: string; files: FileChange[] }> = [];

  constructor(
    private readonly ctx: PairContext,
    /** Pairs that make a round worth its git processes. */
    private readonly round = 32,
    private readonly cache?: PairCache,
  ) {}

  add(pair: QueuedPair): void {
    // After a failed round the batch is lost: start no more git processes for it.
    if (this.failure !== null) return;
    // A submodule's figures hang on its settings, which the cache's key does not hold: always asked.
    const kept = this.cache && !pair.ownWalk ? this.cache.pair(pair.sha, pair.path) : undefined;
    if (kept) {
      pair.onFiles(kept);
      return;
    }
    this.waiting.push(pair);
    if (this.waiting.length >= this.round && !this.running) this.start();
  }

  /** Every pair added so far, done. */
  async end(): Promise<void> {
    while (this.failure === null && (this.running || this.waiting.length > 0)) {
      if (!this.running) this.start();
      await this.running;
    }
    if (this.failure !== null) throw this.failure;
    this.cache?.keepPairs(this.read.splice(0));
  }

  private start(): void {
    const pairs = this.waiting;
    this.waiting = [];
    this.running = commitsForPaths(this.ctx, pairs, (i, files) => {
      const pair = pairs[i]!;
      if (this.cache && !pair.ownWalk) this.read.push({ sha: pair.sha, path: pair.path, files });
      pair.onFiles(files);
    })
      .catch((e: unknown) => {
        this.failure ??= e;
      })
      .finally(() => {
        this.running = null;
        if (this.waiting.length >= this.round && this.failure === null) this.start();
      });
  }
}
