// What an ordinary commit touches: a directory picked by activity, files in it and around it,
// sometimes deletions, renames and new files, paced so the tree grows to --files.
import { Cumulative, type Rng } from './random.js';
import { Kind, type Dir, type FileRec, type Tree } from './tree.js';

/** A change to the tree: modify, delete, rename (with or without edits), add a file to a directory. */
export type Op =
  | { k: 'M'; f: number }
  | { k: 'D'; f: number }
  | { k: 'R'; f: number; to: number; modify: boolean }
  | { k: 'A'; dir: number };

/** Commit shape; see the brief in bench/README.md. */
export function commitSize(rng: Rng): number {
  const x = rng.float();
  if (x < 0.5) return 1;
  if (x < 0.7) return 2;
  if (x < 0.8) return 3;
  if (x < 0.935) return rng.range(4, 9);
  if (x < 0.9975) return rng.pareto(10, 100, 1.3);
  return rng.pareto(101, 1000, 1.2);
}

/** The directories each op writes in (a rename: both), by the area that claims them. */
export function opAreas(tree: Tree, op: Op): number[] {
  if (op.k === 'A') return [tree.dirs[op.dir]!.area];
  const a = tree.dirs[tree.files[op.f]!.dir]!.area;
  return op.k === 'R' ? [a, tree.dirs[op.to]!.area] : [a];
}

export class Planner {
  /** Live files after the initial import. */
  initialFiles = 0;
  private dirPick: Cumulative | null = null;
  private dirPickIds: number[] = [];
  private dirPickAt = -1;
  private includeLinux: Dir | null | undefined;

  constructor(
    private readonly tree: Tree,
    private readonly rng: Rng,
  ) {}

  /** Directory weights are stale: the tree's shape changed. */
  forget(): void {
    this.dirPick = null;
  }

  private liveness(d: Dir, step: number): number {
    if (d.files.length === 0) return 0;
    if (d.bornStep > step) return 0;
    return d.dormantFrom <= step ? 0.04 : 1;
  }

  private pickDir(step: number): Dir {
    if (this.dirPick === null || step - this.dirPickAt >= 500) {
      const ids: number[] = [];
      const ws: number[] = [];
      for (const d of this.tree.dirs) {
        const w = d.base * this.liveness(d, step);
        if (w > 0) {
          ids.push(d.id);
          ws.push(w);
        }
      }
      this.dirPick = new Cumulative(ws);
      this.dirPickIds = ids;
      this.dirPickAt = step;
    }
    for (;;) {
      const d = this.tree.dirs[this.dirPickIds[this.dirPick.sample(this.rng)]!]!;
      if (d.files.length > 0) return d;
      this.dirPick = null; // stale: rebuild
      return this.pickDir(step);
    }
  }

  private pickInDir(d: Dir): FileRec {
    let x = this.rng.float() * d.hotSum;
    for (const id of d.files) {
      const f = this.tree.files[id]!;
      x -= f.hot;
      if (x <= 0) return f;
    }
    return this.tree.files[d.files[d.files.length - 1]!]!;
  }

  normalPlan(step: number): { primary: Dir; ops: Op[] } {
    const rng = this.rng;
    const d = this.pickDir(step);
    const k = commitSize(rng);
    const chosen = new Set<number>();
    const add = (f: FileRec | null): void => {
      if (f && f.kind !== Kind.Mailmap) chosen.add(f.id);
    };
    if (k <= 9) {
      for (let i = 0; i < k * 3 && chosen.size < Math.min(k, d.files.length); i++) add(this.pickInDir(d));
      const scope = this.tree.dirs[d.parent] ?? d;
      for (let i = 0; i < k * 3 && chosen.size < k; i++) add(this.tree.randomIn(scope));
    } else {
      const scope = k <= 100 ? this.tree.ancestorAt(d, Math.min(d.depth, rng.chance(0.6) ? 3 : 2)) : this.tree.ancestorAt(d, 1);
      const n = Math.min(k, scope.count);
      for (let i = 0; i < n * 3 && chosen.size < n; i++) add(this.tree.randomIn(scope));
    }
    const ops: Op[] = [];
    for (const id of chosen) {
      const f = this.tree.files[id]!;
      const x = f.name === 'Kconfig' || f.name === 'Makefile' ? 1 : rng.float();
      if (x < 0.007 && this.tree.dirs[f.dir]!.files.length > 1) ops.push({ k: 'D', f: id });
      else if (x < 0.012) ops.push({ k: 'R', f: id, to: f.dir, modify: rng.chance(0.5) });
      else if (x < 0.015) {
        const par = this.tree.dirs[this.tree.dirs[f.dir]!.parent];
        const sib = par ? this.tree.dirs[rng.pick([par.id, ...par.children])]! : null;
        ops.push({ k: 'R', f: id, to: sib && sib.count > 0 ? sib.id : f.dir, modify: rng.chance(0.4) });
      } else ops.push({ k: 'M', f: id });
    }
    // New files, paced so the tree grows from its initial size to the target.
    const target = this.initialFiles + ((this.tree.targetFiles - this.initialFiles) * step) / this.tree.N;
    const deficit = target - this.tree.liveFiles;
    const pAdd = deficit > 0 ? Math.min(0.8, 0.06 + (0.06 * deficit) / (this.tree.targetFiles * 0.0005 + 2)) : 0.01;
    if (k <= 9 && rng.chance(pAdd)) {
      const n = rng.chance(0.7) ? 1 : rng.chance(0.85) ? rng.range(2, 3) : rng.range(4, 10);
      for (let i = 0; i < n; i++) ops.push({ k: 'A', dir: d.id });
      const mk = d.files.map((id) => this.tree.files[id]!).find((f) => f.name === 'Makefile');
      if (mk && !chosen.has(mk.id)) ops.push({ k: 'M', f: mk.id });
    }
    // Now and then a header in include/ or the MAINTAINERS file rides along.
    if (k <= 9 && rng.chance(0.04)) {
      this.includeLinux ??= this.tree.dirs.find((x) => x.path === 'include/linux') ?? null;
      const f = this.includeLinux ? this.tree.randomIn(this.includeLinux) : null;
      if (f && !chosen.has(f.id)) ops.push({ k: 'M', f: f.id });
    }
    if (k <= 9 && rng.chance(0.01)) {
      const m = this.tree.files[0]!;
      if (!chosen.has(m.id)) ops.push({ k: 'M', f: m.id });
    }
    return { primary: d, ops };
  }
}
