// Releases: the tags that name them (for-each-ref), and a path's object id in each release's tree
// (cat-file --batch-check), for docs/signals.md "Releases".
import { GitError } from '../errors.js';
import { parseTreeEntry } from './tree.js';
import { runGit, streamGit, streamLines, type GitContext } from './run.js';

export interface Release {
  /** The tag's name without `refs/tags/`. */
  name: string;
  /** The tag's object: a commit, or an annotated tag that `<oid>:<path>` peels. */
  oid: string;
}

/**
 * The tags whose name `pattern` matches and whose commit `sha` reaches, oldest version first
 * (git's `version:refname` order, as `git tag --sort=version:refname` lists them), and how many
 * tags `sha` reaches at all.
 */
export async function releaseTags(ctx: GitContext, sha: string, pattern: RegExp, reached?: Reached): Promise<{ releases: Release[]; tags: number }> {
  const tags = await mergedTags(ctx, sha, reached);
  return { releases: tags.filter((r) => pattern.test(r.name)), tags: tags.length };
}

/**
 * Whether `sha` reaches a commit, where that is known without a walk (the index): the index
 * places every commit the revision reaches, so one it does not place is not reached once git has
 * read it (`known` true). null where it is not known (a commit git has not read, a shallow clone's cut).
 */
export type Reached = (commit: string, known: boolean) => boolean | null;

/**
 * The tags `sha` reaches (each peeled to a commit; a tag of a tree or blob is reached by none).
 * Where `reached` knows a tag's commit (the index), it says; the others are found by one walk of
 * `sha`'s history that stops once it has met them all. Not git's `for-each-ref --merged`: without
 * a commit-graph it goes by dates, and misses a tag whose commit is dated after commits that
 * reach it (clock skew), where the index, which knows, would count it.
 */
async function mergedTags(ctx: GitContext, sha: string, reached?: Reached): Promise<Release[]> {
  const out = (await runGit(ctx, ['for-each-ref', '--sort=version:refname', '--format=%(objecttype) %(*objecttype) %(*objectname) %(objectname) %(refname)', 'refs/tags/'])).toString('utf8');
  const verdicts: Array<{ tag: Release; commit: string | null; merged: boolean | null }> = [];
  const nested: Array<{ tag: Release; commit: string | null; merged: boolean | null }> = [];
  for (const line of out.split('\n').filter((l) => l !== '')) {
    const m = /^(\S+) (\S*) ([0-9a-f]*) ([0-9a-f]{40}(?:[0-9a-f]{24})? refs\/tags\/.+)$/.exec(line);
    if (!m) throw new GitError(`unexpected git for-each-ref line: ${JSON.stringify(line.slice(0, 120))}`);
    const [tag] = parseTagList(m[4]!);
    // The commit a tag names: itself, or the object an annotated tag points at when that is a commit.
    const commit = m[1] === 'commit' ? tag!.oid : m[1] === 'tag' && m[2] === 'commit' ? m[3]! : null;
    const verdict = { tag: tag!, commit, merged: commit === null ? false : (reached?.(commit, false) ?? null) };
    verdicts.push(verdict);
    // A tag of a tag: git peels it to the end.
    if (m[1] === 'tag' && m[2] === 'tag') nested.push(verdict);
  }
  if (nested.length > 0) {
    const peeled = (await runGit(ctx, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: nested.map((v) => `${v.tag.oid}^{commit}\n`).join('') })).toString('latin1').split('\n');
    nested.forEach((v, i) => {
      const [oid, type] = (peeled[i] ?? '').split(' ');
      if (type === 'commit') {
        v.commit = oid!;
        v.merged = reached?.(oid!, false) ?? null;
      }
    });
  }
  // Commits the index does not place: the ones git can read are commits of the repository, and not reached.
  const asked = reached ? [...new Set(verdicts.filter((v) => v.merged === null).map((v) => v.commit!))] : [];
  if (asked.length > 0) {
    const lines = (await runGit(ctx, ['log', '--no-walk=unsorted', '--format=%H', '--stdin'], { input: `${asked.join('\n')}\n` })).toString('latin1').split('\n');
    const read = new Set(lines.filter((l) => l !== ''));
    for (const v of verdicts) if (v.merged === null && read.has(v.commit!)) v.merged = reached!(v.commit!, true);
  }
  const unknown = new Set(verdicts.filter((v) => v.merged === null).map((v) => v.commit!));
  if (unknown.size > 0) {
    const found = await reachedAmong(ctx, sha, unknown);
    for (const v of verdicts) if (v.merged === null) v.merged = found.has(v.commit!);
  }
  return verdicts.filter((v) => v.merged).map((v) => v.tag);
}

/** Which of `commits` `sha` reaches: git's walk from it, until it has met them all. */
async function reachedAmong(ctx: GitContext, sha: string, commits: ReadonlySet<string>): Promise<Set<string>> {
  const found = new Set<string>();
  await streamLines(ctx, ['rev-list', sha], (c) => {
    if (commits.has(c)) found.add(c);
    return found.size < commits.size;
  });
  return found;
}

/** `<oid> refs/tags/<name>` lines (a ref name holds no newline or space). */
export function parseTagList(text: string): Release[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const m = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) refs\/tags\/(.+)$/.exec(line);
      if (!m) throw new GitError(`unexpected git for-each-ref line: ${JSON.stringify(line.slice(0, 120))}`);
      return { oid: m[1]!, name: m[2]! };
    });
}

/**
 * A name `git cat-file --batch-check` cannot be asked for line by line: it reads up to a newline
 * and drops a CR before it (`-z` would take them, but only from git 2.38). Asked with ls-tree.
 */
const odd = (path: string): boolean => /[\n\r]/.test(path);

/** `<rev>:<path>` as git reads it; the whole tree is `<rev>:`. */
const objectName = (rev: string, path: string): string => `${rev}:${path === '.' ? '' : path}`;

/** What `<tag>:<path>` names, kept from earlier runs (the index): a tag's tree never changes. */
export interface ObjectNameCache {
  /** The ids of those it keeps: null for a name of nothing. */
  objectNames(names: readonly string[]): Map<string, string | null>;
  keepObjectNames(found: ReadonlyArray<[string, string | null]>): void;
}

/**
 * Each path's object id in each release's tree, null where it is not there: `ids[path][release]`.
 * One cat-file process for the lot; a name holding a newline or CR is asked with one ls-tree per
 * release. A path that is a submodule (gitlink) reads as absent: cat-file cannot see its commit.
 */
export async function pathIds(ctx: GitContext, releases: readonly Release[], paths: readonly string[], cache?: ObjectNameCache): Promise<Array<Array<string | null>>> {
  const ids = paths.map(() => releases.map((): string | null => null));
  const plain = paths.flatMap((p, i) => (odd(p) ? [] : [i]));
  const asked: string[] = [];
  const slots: Array<[number, number]> = [];
  const keptIds = cache?.objectNames(plain.flatMap((i) => releases.map((r) => objectName(r.oid, paths[i]!)))) ?? new Map<string, string | null>();
  for (const i of plain) {
    for (const [j, r] of releases.entries()) {
      const name = objectName(r.oid, paths[i]!);
      const kept = keptIds.get(name);
      if (kept !== undefined) ids[i]![j] = kept;
      else {
        asked.push(name);
        slots.push([i, j]);
      }
    }
  }
  const answers = asked.length === 0 ? [] : await resolveNames(ctx, slots.map(([i, j]) => ({ rev: releases[j]!.oid, path: paths[i]! })));
  slots.forEach(([i, j], k) => (ids[i]![j] = answers[k]!));
  cache?.keepObjectNames(asked.map((name, k) => [name, answers[k]!]));
  for (const [i, path] of paths.entries()) {
    if (!odd(path)) continue;
    for (const [j, r] of releases.entries()) {
      const out = await runGit(ctx, ['ls-tree', '-z', '--full-tree', r.oid, '--', path]);
      const want = Buffer.from(path, 'utf8');
      const entry = out.length === 0 ? null : out.subarray(0, -1).toString('latin1').split('\0').map((rec) => parseTreeEntry(Buffer.from(rec, 'latin1'))).find((e) => e.path.equals(want));
      ids[i]![j] = entry ? entry.oid : null;
    }
  }
  return ids;
}

/**
 * What `<rev>:<path>` names for each pair (no newline in a path), in order; null where git finds
 * nothing. git resolves such a name from the root tree down, so the trees above many paths were
 * read again for each (coreboot's 319 boards in 20 releases: 25,000 tree reads, 0.3 s of CPU).
 * Here each path's directory is asked once, then the path as one entry of that tree:
 * `<tree>:<name>` is the last step of `<rev>:<path>`. As git does, only a tree is looked into:
 * below a file, a symlink or a submodule there is nothing. Two questions in turn, not one per
 * depth: each waits on kstat to read the answer before.
 */
async function resolveNames(ctx: GitContext, pairs: ReadonlyArray<{ rev: string; path: string }>): Promise<Array<string | null>> {
  // Each pair as the name of its directory and its name in it; a top-level path (or '.') as itself.
  const steps = pairs.map(({ rev, path }) => {
    const slash = path.lastIndexOf('/');
    return slash === -1 ? { first: objectName(rev, path), name: null } : { first: objectName(rev, path.slice(0, slash)), name: path.slice(slash + 1) };
  });
  const firsts = [...new Set(steps.map((s) => s.first))];
  const answers = await batchCheck(ctx, firsts);
  const found = new Map(firsts.map((name, k) => [name, answers[k]!]));
  // A directory unchanged from one release to the next is one tree: its entry is asked once.
  const entryOf = (s: (typeof steps)[number]): string | null => {
    const tree = found.get(s.first);
    return s.name !== null && tree?.type === 'tree' ? `${tree.oid}:${s.name}` : null;
  };
  const entries = [...new Set(steps.map(entryOf).filter((e): e is string => e !== null))];
  const second = await batchCheck(ctx, entries);
  const last = new Map(entries.map((name, k) => [name, second[k]!]));
  return steps.map((s) => {
    if (s.name === null) return found.get(s.first)?.oid ?? null;
    const entry = entryOf(s);
    return entry === null ? null : (last.get(entry)?.oid ?? null);
  });
}

/** An object as `git cat-file --batch-check` names it. */
interface Found {
  oid: string;
  type: string;
}

/** The objects `names` (`<rev>:<path>`, no newline) name, in order; null for a name git cannot resolve. */
async function batchCheck(ctx: GitContext, names: readonly string[]): Promise<Array<Found | null>> {
  if (names.length === 0) return [];
  const reader = new BatchCheckReader(names);
  await streamGit(ctx, ['cat-file', '--batch-check=%(objectname) %(objecttype)', '--buffer'], (chunk) => reader.push(chunk), {
    feed: (stdin) => {
      // Written in slices as git reads: a large batch asks for millions of bytes.
      let at = 0;
      const write = (): void => {
        while (at < names.length) {
          const slice = names.slice(at, at + 4096);
          at += slice.length;
          if (!stdin.write(`${slice.join('\n')}\n`)) {
            stdin.once('drain', write);
            return;
          }
        }
        stdin.end();
      };
      write();
    },
  });
  return reader.end();
}

/**
 * Reads `git cat-file --batch-check='%(objectname) %(objecttype)'` answers to known questions, in
 * order: the id and type, or the question echoed with ` missing` (the path is not in that tree).
 * Pure, any chunking.
 */
export class BatchCheckReader {
  private readonly ids: Array<Found | null> = [];
  private rest = '';

  constructor(private readonly names: readonly string[]) {}

  push(chunk: Buffer): void {
    // Names were written as UTF-8; latin1 keeps every byte as one character, so lengths match bytes.
    const text = this.rest + chunk.toString('latin1');
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  end(): Array<Found | null> {
    if (this.rest !== '') throw new GitError('git cat-file output ended inside a line');
    if (this.ids.length !== this.names.length) throw new GitError(`git cat-file gave ${this.ids.length} answers to ${this.names.length} questions`);
    return this.ids;
  }

  private line(line: string): void {
    const name = this.names[this.ids.length];
    if (name === undefined) throw new GitError('git cat-file answered more than it was asked');
    const m = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) ([a-z]+)$/.exec(line);
    if (m) this.ids.push({ oid: m[1]!, type: m[2]! });
    else if (line === `${Buffer.from(name, 'utf8').toString('latin1')} missing`) this.ids.push(null);
    else throw new GitError(`unexpected git cat-file answer: ${JSON.stringify(line.slice(0, 120))}`);
  }
}
