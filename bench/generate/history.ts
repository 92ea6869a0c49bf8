// The history: master and the maintainer branches that claim a subsystem and are merged back,
// the planned events, and the commits written to the fast-import stream as they are made.
import { Planner, opAreas, type Op } from './changes.js';
import { Clock } from './clock.js';
import { Writer, evolve, fileMode, writeContent } from './content.js';
import type { FastImport } from './fast-import.js';
import { ROOT_FILES } from './layout.js';
import type { GenParams } from './params.js';
import { People } from './people.js';
import { Rng, hash2 } from './random.js';
import { Kind, Tree, type Dir, type FileRec, type PlannedEvent } from './tree.js';
import { syllableWord } from './words.js';

/** Maintainer branches open at once (fast-import keeps each one's tree loaded). */
export const MAX_OPEN = 160;

interface Branch {
  slot: number;
  area: number;
  tipMark: number;
  openedStep: number;
  commits: number;
  target: number;
  touched: Set<number>;
  deleted: Set<string>;
  maintainer: number;
  bigSkew: boolean;
}

export interface GenStats {
  commits: number;
  merges: number;
  sideCommits: number;
  filesAtHead: number;
  blobs: number;
  streamBytes: number;
  authors: number;
  dirs: number;
  driverLeaves: number;
}

export class Generator {
  readonly rng: Rng;
  readonly N: number;
  readonly people: People;
  readonly tree: Tree;
  readonly clock: Clock;
  readonly planner: Planner;
  readonly w = new Writer();
  out!: FastImport;

  private nextBlobMark: number;
  private masterMark = 0;
  private readonly open: Branch[] = [];
  private readonly claimed = new Map<number, Branch>();
  private readonly freeSlots: number[] = [];
  private slotCount = 0;
  private opened = 0;
  readonly stats: GenStats;
  private pendingSkew = 0;

  constructor(readonly p: GenParams) {
    this.rng = new Rng(hash2(p.seed, 0x6b737461));
    this.N = p.commits;
    this.clock = new Clock(p, this.rng);
    this.nextBlobMark = this.N + 1;
    this.people = new People(p.seed, this.rng, this.N);
    this.tree = new Tree(p, this.rng);
    this.planner = new Planner(this.tree, this.rng);
    this.stats = { commits: 0, merges: 0, sideCommits: 0, filesAtHead: 0, blobs: 0, streamBytes: 0, authors: this.people.authors.length, dirs: this.tree.dirs.length, driverLeaves: 0 };
  }

  /** Emits the blob of a file's current version with a fresh mark. */
  private async blob(f: FileRec): Promise<void> {
    writeContent(this.w, f, this.p.seed, this.people.authors);
    f.mark = this.nextBlobMark++;
    this.out.text(`blob\nmark :${f.mark}\ndata ${this.w.pos}\n`);
    this.out.bytes(this.w.buf, this.w.pos);
    this.out.text('\n');
    this.stats.blobs++;
    await this.out.pace();
  }

  // --- emitting commits ---------------------------------------------------------------------

  /** Applies ops to the state, emits their blobs, and returns fast-import file commands. */
  private async apply(ops: Op[], branch: Branch | null): Promise<string[]> {
    const cmds: string[] = [];
    for (const op of ops) {
      if (op.k === 'M') {
        const f = this.tree.files[op.f]!;
        if (!f.live) continue;
        evolve(f, this.p.seed);
        await this.blob(f);
        cmds.push(`M ${fileMode(f)} :${f.mark} ${this.tree.path(f)}`);
        branch?.touched.add(f.id);
      } else if (op.k === 'D') {
        const f = this.tree.files[op.f]!;
        if (!f.live) continue;
        const p = this.tree.path(f);
        this.tree.detach(f);
        f.live = false;
        f.lineIds = f.revs = null;
        cmds.push(`D ${p}`);
        branch?.deleted.add(p);
        branch?.touched.add(f.id);
      } else if (op.k === 'R') {
        const f = this.tree.files[op.f]!;
        if (!f.live) continue;
        const old = this.tree.path(f);
        const to = this.tree.dirs[op.to]!;
        this.tree.detach(f);
        if (to.id === this.tree.dirs[f.dir]!.id || to.names.has(f.name)) {
          let name = f.name;
          const dot = name.lastIndexOf('.');
          const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
          while (to.names.has(name) || name === f.name) name = `${stem}_${syllableWord(this.rng, 1, 2)}${ext}`;
          f.name = name;
        }
        this.tree.attach(f, to);
        if (op.modify) {
          evolve(f, this.p.seed);
          await this.blob(f);
        }
        cmds.push(`D ${old}`, `M ${fileMode(f)} :${f.mark} ${this.tree.path(f)}`);
        branch?.deleted.add(old);
        branch?.touched.add(f.id);
      } else {
        const d = this.tree.dirs[op.dir]!;
        const f = this.tree.newFile(d);
        await this.blob(f);
        cmds.push(`M ${fileMode(f)} :${f.mark} ${this.tree.path(f)}`);
        branch?.touched.add(f.id);
      }
    }
    return cmds;
  }

  private commitHeader(ref: string, mark: number, author: string, dates: { author: number; committer: number }, committer: string, authorTz: string, committerTz: string, msg: string): void {
    const o = this.out;
    o.text(`commit ${ref}\nmark :${mark}\nauthor ${author} ${dates.author} ${authorTz}\ncommitter ${committer} ${dates.committer} ${committerTz}\n`);
    o.text(`data ${Buffer.byteLength(msg)}\n${msg}\n`);
  }

  private async emit(step: number, target: Branch | null, primary: Dir, ops: Op[], isNew: boolean, skew = false): Promise<void> {
    const cmds = await this.apply(ops, target);
    const area = primary.area;
    const authorIdx = this.people.author(area);
    const committerIdx = target ? target.maintainer : this.people.committer(authorIdx);
    const dates = this.clock.dates(step, skew);
    const mark = step + 1;
    const ref = target ? `refs/heads/wip/${target.slot}` : 'refs/heads/master';
    const a = this.people.authors[authorIdx]!;
    const c = this.people.authors[committerIdx]!;
    this.commitHeader(ref, mark, this.people.ident(authorIdx, step), dates, this.people.ident(committerIdx, step), a.tz, c.tz, this.people.message(primary.path, authorIdx, committerIdx));
    if (target && isNew) this.out.text(`from :${this.masterMark}\n`);
    for (const c of cmds) this.out.text(c + '\n');
    this.out.text('\n');
    if (target) {
      target.tipMark = mark;
      target.commits++;
      this.stats.sideCommits++;
    } else this.masterMark = mark;
    this.stats.commits++;
    await this.out.pace();
  }

  private async merge(step: number, b: Branch): Promise<void> {
    const mark = step + 1;
    const m = this.people.authors[b.maintainer]!;
    const area = this.tree.dirs[b.area]!;
    const committed = this.clock.dates(step, false).committer;
    const dates = { author: committed, committer: committed };
    const msg = `Merge tag '${area.name}-${step}' of git://git.kernel.org/pub/scm/linux/kernel/git/${m.email.split('@')[0] || 'maint'}/${area.name}\n\nPull ${area.path} updates from ${m.name}:\n\n - ${b.commits} commit${b.commits === 1 ? '' : 's'}\n`;
    this.commitHeader('refs/heads/master', mark, this.people.ident(0, step), dates, this.people.ident(0, step), this.people.authors[0]!.tz, this.people.authors[0]!.tz, msg);
    this.out.text(`merge :${b.tipMark}\n`);
    // The merge's tree is master's plus the branch's changes (disjoint by construction).
    for (const p of b.deleted) this.out.text(`D ${p}\n`);
    for (const id of b.touched) {
      const f = this.tree.files[id]!;
      if (f.live) this.out.text(`M ${fileMode(f)} :${f.mark} ${this.tree.path(f)}\n`);
    }
    this.out.text('\n');
    this.masterMark = mark;
    this.open.splice(this.open.indexOf(b), 1);
    this.claimed.delete(b.area);
    this.freeSlots.push(b.slot);
    this.stats.commits++;
    this.stats.merges++;
    await this.out.pace();
  }

  private openBranch(area: number, step: number): Branch {
    const rng = this.rng;
    const x = rng.float();
    const target = x < 0.35 ? 1 : x < 0.65 ? rng.range(2, 3) : x < 0.9 ? rng.range(4, 10) : x < 0.99 ? rng.range(11, 40) : rng.range(41, 100);
    const b: Branch = {
      slot: this.freeSlots.pop() ?? this.slotCount++,
      area,
      tipMark: 0,
      openedStep: step,
      commits: 0,
      target,
      touched: new Set(),
      deleted: new Set(),
      maintainer: this.people.regulars(area)[0]!,
      bigSkew: false,
    };
    this.open.push(b);
    this.claimed.set(area, b);
    this.opened++;
    return b;
  }

  /** Sends ops to the branch that owns their area, or to master; opens branches to keep ~12% merges. */
  private async route(step: number, primary: Dir, ops: Op[], masterOnly = false): Promise<boolean> {
    const remaining = this.N - step;
    const pa = primary.area;
    const owner = pa >= 0 ? this.claimed.get(pa) : undefined;
    if (owner && !masterOnly) {
      const mine = ops.filter((op) => opAreas(this.tree, op).every((a) => a === pa));
      if (mine.length === 0) return false;
      await this.emit(step, owner, primary, mine, owner.commits === 0, this.takeSkew(owner));
      return true;
    }
    const free = ops.filter((op) => opAreas(this.tree, op).every((a) => !this.claimed.has(a)));
    if (free.length === 0) return false;
    const single = pa >= 0 && free.every((op) => opAreas(this.tree, op).every((a) => a === pa));
    const wantMerges = 0.12 * (step + 1);
    if (!masterOnly && single && this.opened < wantMerges && this.open.length < MAX_OPEN && remaining > this.open.length + 3) {
      const b = this.openBranch(pa, step);
      await this.emit(step, b, primary, free, true, this.takeSkew(b));
      return true;
    }
    await this.emit(step, null, primary, free, false);
    return true;
  }

  private takeSkew(b: Branch): boolean {
    if (this.pendingSkew > 0 && !b.bigSkew) {
      this.pendingSkew--;
      b.bigSkew = true;
      return true;
    }
    return false;
  }

  /** A scheduled event, if the claims of open branches allow it now. */
  private async event(step: number, e: PlannedEvent): Promise<'placed' | 'blocked' | 'void'> {
    const rng = this.rng;
    if (e.kind === 'skew') {
      this.pendingSkew++;
      return 'void'; // the next new maintainer branch gets a commit with a broken clock
    }
    const placed = (ok: boolean): 'placed' | 'void' => (ok ? 'placed' : 'void');
    if (e.kind === 'sweep') {
      const ops: Op[] = [];
      for (const f of this.tree.files) {
        if (f.live && f.kind !== Kind.Mailmap && rng.chance(e.fraction) && !this.claimed.has(this.tree.dirs[f.dir]!.area)) ops.push({ k: 'M', f: f.id });
      }
      return placed(await this.route(step, this.tree.dirs[0]!, ops, true));
    }
    const d = this.tree.dirs[e.dir]!;
    if (e.kind === 'birth') {
      const ops: Op[] = [];
      for (const x of this.tree.subtree(d)) {
        const n = Math.max(1, Math.round(x.planned * (0.25 + 0.2 * rng.float())));
        for (let i = 0; i < n; i++) ops.push({ k: 'A', dir: x.id });
      }
      const parent = this.tree.dirs[d.parent]!;
      for (const id of parent.files) if (this.tree.files[id]!.kind === Kind.Kbuild) ops.push({ k: 'M', f: id });
      return placed(await this.route(step, d, ops));
    }
    if (e.kind === 'remove') {
      const ops: Op[] = [];
      for (const x of this.tree.subtree(d)) for (const id of x.files) ops.push({ k: 'D', f: id });
      const parent = this.tree.dirs[d.parent]!;
      for (const id of parent.files) if (this.tree.files[id]!.kind === Kind.Kbuild) ops.push({ k: 'M', f: id });
      if (ops.length === 0) return 'void';
      return placed(await this.route(step, d, ops));
    }
    // move: the whole subtree under a new parent, most files unchanged (exact renames).
    const dest = this.tree.dirs[e.to]!;
    if (d.count === 0) return 'void';
    if (this.claimed.has(d.area) || this.claimed.has(dest.area)) return 'blocked';
    const ops: Op[] = [];
    const copy = (src: Dir, parent: Dir): void => {
      let name = src.name;
      while (parent.names.has(name)) name = `${src.name}${rng.int(10)}`;
      const nd = this.tree.newDir(name, parent, src.flavor);
      nd.area = dest.area;
      nd.base = src.base;
      nd.planned = src.planned;
      for (const id of [...src.files]) ops.push({ k: 'R', f: id, to: nd.id, modify: rng.chance(0.1) });
      for (const c of src.children) copy(this.tree.dirs[c]!, nd);
    };
    copy(d, dest);
    for (const x of this.tree.subtree(d)) x.base = 0;
    this.planner.forget();
    return placed(await this.route(step, dest, ops, true));
  }

  // --- the whole run --------------------------------------------------------------------------

  async run(out: FastImport): Promise<GenStats> {
    this.out = out;
    const rng = this.rng;
    // Step 0: the initial import, on master.
    const root = this.tree.dirs[0]!;
    const initial: FileRec[] = [];
    this.tree.newFile(root, { name: 'MAINTAINERS', kind: Kind.Prose, hot: 1 });
    const maint = this.tree.files[0]!;
    maint.lineIds = new Uint32Array(2000).map((_, i) => i);
    maint.revs = new Uint32Array(2000);
    maint.nextLine = 2000;
    initial.push(maint);
    initial.push(this.tree.newFile(root, { name: '.mailmap', kind: Kind.Mailmap, hot: 0 }));
    for (const n of ROOT_FILES.slice(1)) initial.push(this.tree.newFile(root, { name: n, kind: n === 'Makefile' || n === 'Kconfig' ? Kind.Kbuild : Kind.Prose, hot: 0.2 }));
    // About 60% of the planned tree exists at the start; the rest is added over the years.
    const planned = this.tree.dirs.reduce((a, d) => a + (d.bornStep > 0 ? 0 : d.planned), 0);
    const fill = Math.min(1, (0.6 * this.tree.targetFiles) / planned) / 0.625;
    for (const d of this.tree.dirs) {
      if (d.id === 0 || d.bornStep > 0) continue;
      const n = d.planned <= 3 ? d.planned : Math.max(1, Math.round(d.planned * fill * (0.45 + 0.35 * rng.float())));
      for (let i = 0; i < n; i++) initial.push(this.tree.newFile(d));
    }
    this.planner.initialFiles = this.tree.liveFiles;
    for (const f of initial) await this.blob(f);
    this.commitHeader('refs/heads/master', 1, this.people.ident(0, 0), { author: this.clock.T0, committer: this.clock.T0 }, this.people.ident(0, 0), '+0000', '+0000', 'Initial import of the synthetic kernel tree\n');
    for (const f of initial) this.out.text(`M ${fileMode(f)} :${f.mark} ${this.tree.path(f)}\n`);
    this.out.text('\n');
    this.masterMark = 1;
    this.stats.commits++;

    const progressEvery = Math.max(1, Math.floor(this.N / 20));
    const maxAge = Math.max(50, Math.floor((this.N / (this.p.years * 365)) * 30)); // ~30 days
    for (let step = 1; step < this.N; step++) {
      if (step % progressEvery === 0) process.stderr.write(`generate: ${step}/${this.N} commits (${Math.round((100 * step) / this.N)}%), ${this.tree.liveFiles} files, ${this.open.length} open branches\n`);
      const remaining = this.N - step;
      // 1. Merge a branch that is done, or old, or every branch before the end.
      const due =
        remaining <= this.open.length
          ? this.open[0]
          : this.open.find((b) => (b.commits >= b.target || step - b.openedStep >= maxAge) && b.commits > 0);
      if (due) {
        await this.merge(step, due);
        continue;
      }
      // 2. A scheduled event (births, removals, moves, sweeps), if it can go now.
      // A blocked event (a move whose subsystems a branch holds) stays queued and is tried again.
      let done = false;
      for (let i = 0; !done && i < this.tree.events.length && this.tree.events[i]!.step <= step && step < this.N - 1; ) {
        const r = await this.event(step, this.tree.events[i]!);
        if (r === 'blocked') i++;
        else {
          this.tree.events.splice(i, 1);
          done = r === 'placed';
        }
      }
      if (done) continue;
      // 3. An ordinary commit.
      for (;;) {
        const { primary, ops } = this.planner.normalPlan(step);
        if (ops.length === 0) continue;
        if (await this.route(step, primary, ops, step === this.N - 1)) break;
      }
    }
    this.stats.filesAtHead = this.tree.liveFiles;
    this.stats.driverLeaves = this.tree.dirs.filter((d) => d.depth === 3 && d.path.startsWith('drivers/') && d.count > 0).length;
    this.out.text('done\n');
    await this.out.end();
    this.stats.streamBytes = this.out.bytesOut;
    return this.stats;
  }
}
