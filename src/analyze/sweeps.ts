// Which commits of a batch are sweeps for which of its paths (signals/sweep.ts), from every file
// each commit changes. The walk for last commits reads the window's commits first anyway: run with
// --full-diff it lists every file of each, at little cost beside it. A commit it does not reach
// (it stopped once every path had its last commit, or the batch is one path's own walk) is read
// by one `git diff-tree` instead, for the files outside the walk's pathspecs: the windowed walk
// lists those inside, and git need not descend where most commits change most.
import { ChangedFiles } from '../git/changed-files.js';
import type { CommitRecord, FileChange } from '../git/log-parser.js';
import type { GitContext } from '../git/run.js';
import { pathKey, type PathIndex } from '../signals/paths.js';
import { CommitSpread, sectionSweep, type SweepRule } from '../signals/sweep.js';
import type { Window } from '../types.js';
import type { TouchWatch } from './last-commits.js';

/** Whether a commit is a sweep for the path of that index. */
export type Swept = (path: number) => boolean;

const NONE: Swept = () => false;

/** The files the windowed walk lists for a commit, under its pathspecs; read only if diff-tree must answer. */
export type Inside = () => readonly string[];

export class SweepFinder implements TouchWatch {
  /** Answers from the last-commit walk not yet asked for. */
  private readonly known = new Map<string, Swept>();
  /** Commits asked for before that walk reached them. */
  private readonly waiting = new Map<string, Array<{ inside: Inside; answer: (swept: Swept) => void }>>();
  private walking: boolean;
  private walked!: () => void;
  /** Settles when the last-commit walk hands out no more commits (at once when it is not watched). */
  private readonly done = new Promise<void>((resolve) => (this.walked = resolve));
  private readonly changed: ChangedFiles;
  /** Each path as PathIndex keys it: the latin1 view of its UTF-8 bytes. */
  private readonly keys: string[];

  constructor(
    ctx: GitContext,
    /** The windowed walk's pathspecs: ask() is given the names it lists under them. */
    pathspecs: readonly string[],
    paths: readonly string[],
    private readonly index: PathIndex,
    private readonly window: Window,
    private readonly rule: SweepRule,
    /** Whether the last-commit walk reports its commits (watch()); if not, diff-tree answers all. */
    watched: boolean,
    /**
     * A --section, the batch's one path: diff-tree lists every file (git cannot exclude a set
     * given with excludes of its own), and those outside the section count at its depth.
     */
    private readonly section?: { inside: (name: string) => boolean; depth: number },
  ) {
    this.changed = new ChangedFiles(ctx, section ? [] : pathspecs);
    this.keys = paths.map(pathKey);
    this.walking = watched;
    if (!watched) this.walked();
  }

  /** The names a walk's records give a commit: both sides of a move, as diff-tree --no-renames lists them. */
  static names(files: readonly FileChange[]): string[] {
    return files.flatMap((f) => (f.from && f.status === 'R' ? [f.from.toString('latin1'), f.path.toString('latin1')] : [f.path.toString('latin1')]));
  }

  /** The answer for a commit whose files are all known (a walk over the whole tree). */
  static fromFiles(files: readonly FileChange[], keys: readonly string[], rule: SweepRule): Swept {
    const spread = new CommitSpread(SweepFinder.names(files));
    return (p) => spread.sweep(keys[p]!, rule);
  }

  /** `answer` gets, once known, which paths the commit is a sweep for; `inside`: the files the windowed walk lists for it. */
  ask(sha: string, inside: Inside, answer: (swept: Swept) => void): void {
    const known = this.known.get(sha);
    if (known) {
      this.known.delete(sha);
      answer(known);
    } else if (this.walking) {
      const list = this.waiting.get(sha);
      if (list) list.push({ inside, answer });
      else this.waiting.set(sha, [{ inside, answer }]);
    } else {
      this.diff(sha, inside, answer);
    }
  }

  /** Every answer given, once nothing more is asked; rejects with git's error. */
  async end(): Promise<void> {
    await this.done;
    await this.changed.end();
  }

  onCommit(c: CommitRecord): void {
    if (c.time < this.window.since || c.time > this.window.until) return;
    const swept = this.sweptBy(c);
    const list = this.waiting.get(c.sha);
    if (!list) {
      this.known.set(c.sha, swept);
      return;
    }
    this.waiting.delete(c.sha);
    for (const { answer } of list) answer(swept);
  }

  onEnd(): void {
    this.walking = false;
    for (const [sha, list] of this.waiting) for (const { inside, answer } of list) this.diff(sha, inside, answer);
    this.waiting.clear();
    this.walked();
  }

  /** Only the paths the commit touches are asked about; the answer keeps just the sweeps among them. */
  private sweptBy(c: CommitRecord): Swept {
    // Fewer files than K cannot lie in K directories.
    if (c.files.length < this.rule.dirs) return NONE;
    const touched = new Set<number>();
    for (const f of c.files) for (const p of this.index.match(f.path)) touched.add(p);
    if (touched.size === 0) return NONE;
    const spread = new CommitSpread(SweepFinder.names(c.files));
    const swept = [...touched].filter((p) => spread.sweep(this.keys[p]!, this.rule));
    return swept.length === 0 ? NONE : (p) => swept.includes(p);
  }

  private diff(sha: string, inside: Inside, answer: (swept: Swept) => void): void {
    const under = inside();
    this.changed.request(sha, (outside) => {
      if (this.section) {
        const { inside, depth } = this.section;
        answer(sectionSweep(outside, inside, depth, this.rule) ? () => true : NONE);
        return;
      }
      if (under.length + outside.length < this.rule.dirs) {
        answer(NONE);
        return;
      }
      const spread = new CommitSpread(under.length === 0 ? outside : [...under, ...outside]);
      answer((p) => spread.sweep(this.keys[p]!, this.rule));
    });
  }
}
