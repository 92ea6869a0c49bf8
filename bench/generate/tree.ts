// The synthetic tree: directories with planned sizes and activity, files with their content
// state, and the events (births, removals, moves, sweeps) planned over the history.
import { DRIVER_SUBSYS, DRIVER_LEAVES, ROOT_COMMITS, ROOT_FILES, STAGING_MOVED, STAGING_REMOVED, TOPS, type Flavor } from './layout.js';
import { FULL_COMMITS, LEAF_PATH, type GenParams } from './params.js';
import { zipfWeights, type Rng } from './random.js';
import { syllableWord } from './words.js';

export interface Dir {
  id: number;
  name: string;
  path: string; // '' for the root
  parent: number; // -1 for the root
  depth: number;
  children: number[];
  files: number[]; // live file ids directly here
  names: Set<string>;
  count: number; // live files in the subtree
  planned: number; // planned own files at HEAD
  base: number; // activity weight
  area: number; // the dir that claims this one for a maintainer branch (-1: master only)
  flavor: Flavor;
  bornStep: number; // 0: in the initial import
  dormantFrom: number; // steps from which activity drops (Infinity: never)
  hotSum: number;
}

/** File kinds. Text kinds differ only in the lines they are made of. */
export const enum Kind {
  Code = 0,
  Prose = 1,
  Kbuild = 2,
  Binary = 3,
  Link = 4,
  Mailmap = 5,
}

export interface FileRec {
  id: number;
  dir: number;
  name: string;
  kind: Kind;
  exec: boolean;
  version: number;
  mark: number; // fast-import mark of the blob of its current version
  hot: number;
  live: boolean;
  lineIds: Uint32Array | null;
  revs: Uint32Array | null;
  nextLine: number;
}

/** A change planned at a step of the history, made when the claims of open branches allow it. */
export interface PlannedEvent {
  step: number;
  kind: 'sweep' | 'birth' | 'remove' | 'move' | 'skew';
  dir: number; // birth/remove/move: the subtree; move: its source
  to: number; // move: the destination parent
  fraction: number; // sweep
}

export class Tree {
  readonly dirs: Dir[] = [];
  readonly files: FileRec[] = [];
  /** Planned events, by step. */
  readonly events: PlannedEvent[] = [];
  liveFiles = 0;
  readonly N: number;
  readonly targetFiles: number;

  constructor(
    readonly p: GenParams,
    private readonly rng: Rng,
  ) {
    this.N = p.commits;
    this.targetFiles = p.files;
    this.buildTree();
  }

  // --- construction ---------------------------------------------------------------------------

  newDir(name: string, parent: Dir | null, flavor: Flavor): Dir {
    const d: Dir = {
      id: this.dirs.length,
      name,
      path: parent === null ? '' : parent.path === '' ? name : `${parent.path}/${name}`,
      parent: parent?.id ?? -1,
      depth: parent === null ? 0 : parent.depth + 1,
      children: [],
      files: [],
      names: new Set(),
      count: 0,
      planned: 0,
      base: 0,
      area: -1,
      flavor,
      bornStep: 0,
      dormantFrom: Infinity,
      hotSum: 0,
    };
    this.dirs.push(d);
    if (parent) {
      parent.children.push(d.id);
      parent.names.add(name);
    }
    return d;
  }

  private childName(parent: Dir, names: string[], i: number): string {
    let name = names[i] ?? syllableWord(this.rng);
    while (parent.names.has(name)) name = `${name}${this.rng.int(10)}`;
    return name;
  }

  /** Splits a planned number of files over a directory and subdirectories, long-tailed. */
  private split(d: Dir, budget: number, names: string[] = []): void {
    const limit = 20 + this.rng.int(40);
    if (budget <= limit || d.depth >= 7) {
      d.planned += Math.max(1, Math.round(budget));
      return;
    }
    const own = Math.max(1, Math.round(budget * (0.04 + 0.2 * this.rng.float())));
    d.planned += own;
    const rest = budget - own;
    const m = Math.max(2, Math.min(40, Math.round(Math.sqrt(rest / 10))));
    const shares = this.rng.shuffle(zipfWeights(m, 1.0));
    const total = shares.reduce((a, b) => a + b, 0);
    for (let i = 0; i < m; i++) {
      const flavor = d.flavor === 'doc' && d.name === 'devicetree' ? 'bindings' : d.flavor;
      const c = this.newDir(this.childName(d, names, i), d, flavor);
      this.split(c, (rest * shares[i]!) / total);
    }
  }

  private buildTree(): void {
    const F = this.targetFiles;
    const root = this.newDir('', null, 'root');
    root.planned = ROOT_FILES.length + 1;
    for (const top of TOPS) {
      const t = this.newDir(top.name, root, top.flavor);
      const budget = F * top.files;
      if (top.name === 'drivers') {
        this.buildDrivers(t, budget);
        continue;
      }
      if (top.name === 'arch') {
        this.buildArch(t, budget, top.names);
        continue;
      }
      // Some files at the top of the directory, the rest in named subdirectories.
      const own = Math.max(1, Math.round(budget * 0.05));
      t.planned = own;
      const names = top.names.length > 0 ? top.names : [];
      const m = Math.max(names.length, Math.round(Math.sqrt(budget / 40)));
      if (budget - own < 2 || m === 0) {
        t.planned = Math.max(1, Math.round(budget));
        continue;
      }
      const shares = zipfWeights(m, 1.05);
      const total = shares.reduce((a, b) => a + b, 0);
      for (let i = 0; i < m; i++) {
        const c = this.newDir(this.childName(t, names, i), t, top.flavor === 'doc' && names[i] === 'devicetree' ? 'bindings' : top.flavor);
        this.split(c, ((budget - own) * shares[i]!) / total);
      }
    }
    this.assignAreasAndWeights(root);
  }

  private buildArch(t: Dir, budget: number, arches: string[]): void {
    t.planned = 2;
    const shares = zipfWeights(arches.length, 1.1);
    const total = shares.reduce((a, b) => a + b, 0);
    arches.forEach((name, i) => {
      const a = this.newDir(name, t, 'c');
      const b = (budget * shares[i]!) / total;
      a.planned = 2;
      const dtsHeavy = ['arm64', 'arm', 'riscv', 'powerpc', 'mips', 'loongarch'].includes(name);
      const parts: Array<[string, number, Flavor]> = [
        ['boot', dtsHeavy ? 0.55 : 0.08, dtsHeavy ? 'dts' : 'c'],
        ['kernel', 0.14, 'c'],
        ['mm', 0.04, 'c'],
        ['include', 0.12, 'include'],
        ['configs', 0.03, 'configs'],
        ['lib', 0.03, 'c'],
        ['crypto', 0.02, 'c'],
        ['kvm', 0.04, 'c'],
        ['platforms', dtsHeavy ? 0.03 : 0.3, 'c'],
      ];
      for (const [n, s, fl] of parts) {
        const d = this.newDir(n, a, fl);
        if (n === 'boot' && dtsHeavy) {
          d.planned = 2;
          const dts = this.newDir('dts', d, 'dts');
          this.split(dts, b * s);
        } else this.split(d, b * s);
      }
    });
  }

  /** drivers/<subsys>/<driver>: ~150 directories exactly two levels under drivers at HEAD. */
  private buildDrivers(t: Dir, budget: number): Dir {
    const rng = this.rng;
    t.planned = 2;
    const subs = DRIVER_SUBSYS;
    const sw = zipfWeights(subs.length, 1.0);
    const swTotal = sw.reduce((a, b) => a + b, 0);
    const leafW = sw.map((w) => Math.pow(w, 0.6));
    const leafTotal = leafW.reduce((a, b) => a + b, 0);
    const LEAVES = 150;
    const births = 20;
    let leafDirs: Dir[] = [];
    let mlx5: Dir | null = null;
    subs.forEach((name, i) => {
      const s = this.newDir(name, t, 'c');
      s.planned = 2 + rng.int(3); // Kconfig, Makefile, a core file or two
      const sb = (budget * sw[i]!) / swTotal;
      let nLeaves = Math.max(1, Math.round((LEAVES * leafW[i]!) / leafTotal));
      if (name === 'staging') nLeaves = Math.max(1, nLeaves - STAGING_MOVED.length); // they graduate into other subsystems
      const named = DRIVER_LEAVES[name] ?? [];
      if (name === 'vdpa') nLeaves = Math.max(nLeaves, 3);
      const shares = rng.shuffle(zipfWeights(nLeaves, 0.9));
      const total = shares.reduce((a, b) => a + b, 0);
      for (let k = 0; k < nLeaves; k++) {
        const d = this.newDir(this.childName(s, named, k), s, 'c');
        if (name === 'vdpa' && d.name === 'mlx5') {
          // The reference directory: core/ and net/ with three files each, plus a Makefile.
          mlx5 = d;
          d.planned = 1;
          this.newDir('core', d, 'c').planned = 3;
          this.newDir('net', d, 'c').planned = 3;
          continue;
        }
        this.split(d, Math.max(1, ((sb - s.planned) * shares[k]!) / total));
        leafDirs.push(d);
      }
      if (name === 'staging') {
        for (const gone of STAGING_REMOVED) {
          const d = this.newDir(gone, s, 'c');
          this.split(d, 4 + rng.int(20));
          this.events.push({ step: 0, kind: 'remove', dir: d.id, to: -1, fraction: 0 });
        }
        for (const [mover, dest] of STAGING_MOVED) {
          const d = this.newDir(mover, s, 'c');
          this.split(d, 5 + rng.int(25));
          this.events.push({ step: 0, kind: 'move', dir: d.id, to: -2 - subs.indexOf(dest), fraction: 0 }); // resolved below
        }
      }
    });
    // Some drivers arrive during the history (and most of those in the window).
    leafDirs = rng.shuffle(leafDirs.filter((d) => d.path.split('/')[1] !== 'staging'));
    for (const d of leafDirs.slice(0, births)) this.events.push({ step: 0, kind: 'birth', dir: d.id, to: -1, fraction: 0 });
    return mlx5!;
  }

  subtree(d: Dir, out: Dir[] = []): Dir[] {
    out.push(d);
    for (const c of d.children) this.subtree(this.dirs[c]!, out);
    return out;
  }

  private assignAreasAndWeights(root: Dir): void {
    const rng = this.rng;
    root.area = -1;
    const tops = new Map(TOPS.map((t) => [t.name, t]));
    for (const top of root.children.map((c) => this.dirs[c]!)) {
      const spec = tops.get(top.name)!;
      top.area = top.id;
      for (const c of top.children) {
        const sub = this.dirs[c]!;
        for (const d of this.subtree(sub)) d.area = spec.area === 'sub' ? sub.id : top.id;
      }
      // Activity: planned size^0.75 × a long-tailed factor, normalized to the top's share of commits.
      const all = this.subtree(top);
      for (const d of all) d.base = d.planned > 0 ? Math.pow(d.planned, 0.75) * rng.lognormal(1, 0.9) : 0;
      const sum = all.reduce((a, d) => a + d.base, 0);
      for (const d of all) d.base = (d.base / sum) * spec.commits;
      // Some driver and filesystem directories go quiet part-way through.
      for (const d of all) if (d.depth >= 2 && rng.chance(0.08)) d.dormantFrom = Math.floor(this.N * (0.2 + 0.75 * rng.float()));
    }
    root.base = ROOT_COMMITS;
    // The reference leaf: about 60–80 commits in five years at full scale, whatever the scale.
    const share = 70 / (0.88 * this.N * (5 / this.p.years));
    for (const d of this.dirs) {
      if (d.path === `${LEAF_PATH}/core` || d.path === `${LEAF_PATH}/net`) d.base = share * 0.45;
      if (d.path === LEAF_PATH) d.base = share * 0.1;
    }
    // Births, removals, moves and sweeps at steps spread over the history.
    for (const e of this.events) {
      if (e.kind === 'birth') e.step = Math.floor(this.N * (0.1 + 0.85 * rng.float()));
      else e.step = Math.floor(this.N * (0.15 + 0.8 * rng.float()));
      if (e.to <= -2) e.to = this.dirs.find((d) => d.depth === 2 && d.path === `drivers/${DRIVER_SUBSYS[-2 - e.to]}`)!.id;
      if (e.kind === 'birth') for (const d of this.subtree(this.dirs[e.dir]!)) d.bornStep = e.step;
    }
    const sweeps = Math.max(3, Math.round(24 * Math.sqrt(this.N / FULL_COMMITS)));
    for (let i = 0; i < sweeps; i++) {
      this.events.push({ step: Math.floor(this.N * (0.03 + 0.94 * ((i + rng.float()) / sweeps))), kind: 'sweep', dir: root.id, to: -1, fraction: rng.logUniform(0.02, 0.15) });
    }
    const skews = Math.max(1, Math.round(4 * (this.N / FULL_COMMITS)));
    for (let i = 0; i < skews; i++) this.events.push({ step: Math.floor(this.N * (0.35 + 0.6 * rng.float())), kind: 'skew', dir: -1, to: -1, fraction: 0 });
    this.events.sort((a, b) => a.step - b.step);
  }

  // --- files ----------------------------------------------------------------------------------

  newFile(d: Dir, special?: { name: string; kind: Kind; hot: number }): FileRec {
    const rng = this.rng;
    let name: string;
    let kind: Kind;
    let exec = false;
    if (special) {
      name = special.name;
      kind = special.kind;
    } else {
      [name, kind, exec] = this.fileName(d);
    }
    const f: FileRec = {
      id: this.files.length,
      dir: d.id,
      name,
      kind,
      exec,
      version: 0,
      mark: 0,
      hot: special?.hot ?? rng.lognormal(1, 1.2),
      live: true,
      lineIds: null,
      revs: null,
      nextLine: 0,
    };
    if (kind <= Kind.Kbuild) {
      const n = Math.max(1, Math.min(4000, Math.round(kind === Kind.Kbuild ? rng.lognormal(20, 0.8) : rng.lognormal(50, 0.9))));
      f.lineIds = new Uint32Array(n);
      for (let i = 0; i < n; i++) f.lineIds[i] = i;
      f.revs = new Uint32Array(n);
      f.nextLine = n;
    }
    this.files.push(f);
    this.attach(f, d);
    return f;
  }

  private fileName(d: Dir): [string, Kind, boolean] {
    const rng = this.rng;
    const has = (n: string): boolean => d.names.has(n);
    const x = rng.float();
    let stem = rng.chance(0.25) && d.name !== '' ? `${d.name.replace(/[^a-z0-9]+/gi, '_')}_${syllableWord(rng, 1, 2)}` : syllableWord(rng);
    let ext: string;
    let kind = Kind.Code;
    let exec = false;
    switch (d.flavor) {
      case 'c':
        if (d.depth >= 2 && !has('Kconfig') && rng.chance(0.5)) return ['Kconfig', Kind.Kbuild, false];
        if (d.depth >= 2 && !has('Makefile') && rng.chance(0.6)) return ['Makefile', Kind.Kbuild, false];
        ext = x < 0.004 ? '.bin' : x < 0.7 ? '.c' : x < 0.97 ? '.h' : '.S';
        if (ext === '.bin') kind = Kind.Binary;
        break;
      case 'include':
        ext = '.h';
        break;
      case 'doc':
        ext = x < 0.8 ? '.rst' : x < 0.9 ? '.txt' : x < 0.975 ? '.svg' : x < 0.99 ? '.png' : '.dot';
        kind = ext === '.png' ? Kind.Binary : Kind.Prose;
        break;
      case 'bindings':
        ext = x < 0.85 ? '.yaml' : x < 0.995 ? '.txt' : '.png';
        kind = ext === '.png' ? Kind.Binary : Kind.Prose;
        break;
      case 'dts':
        ext = x < 0.6 ? '.dts' : x < 0.995 ? '.dtsi' : '.link';
        kind = ext === '.link' ? Kind.Link : Kind.Prose;
        if (ext === '.link') ext = '.dtsi';
        break;
      case 'configs':
        stem = `${syllableWord(rng)}_defconfig`;
        ext = '';
        kind = Kind.Kbuild;
        break;
      case 'tools':
        ext = x < 0.55 ? '.c' : x < 0.7 ? '.h' : x < 0.88 ? '.sh' : x < 0.95 ? '.py' : x < 0.995 ? '.json' : '.link';
        exec = ext === '.sh' || ext === '.py';
        kind = ext === '.json' ? Kind.Prose : ext === '.link' ? Kind.Link : Kind.Code;
        if (ext === '.link') ext = '.h';
        break;
      case 'scripts':
        ext = x < 0.35 ? '.sh' : x < 0.55 ? '.pl' : x < 0.75 ? '.py' : '.c';
        exec = ext !== '.c';
        break;
      case 'rust':
        ext = '.rs';
        break;
      case 'root':
        ext = '';
        break;
    }
    let name = `${stem}${ext}`;
    while (has(name)) name = `${stem}${rng.int(100)}${ext}`;
    return [name, kind, exec];
  }

  attach(f: FileRec, d: Dir): void {
    f.dir = d.id;
    d.files.push(f.id);
    d.names.add(f.name);
    d.hotSum += f.hot;
    for (let x: Dir | undefined = d; x; x = this.dirs[x.parent]) x.count++;
    this.liveFiles++;
  }

  detach(f: FileRec): void {
    const d = this.dirs[f.dir]!;
    const i = d.files.indexOf(f.id);
    d.files.splice(i, 1);
    d.names.delete(f.name);
    d.hotSum -= f.hot;
    for (let x: Dir | undefined = d; x; x = this.dirs[x.parent]) x.count--;
    this.liveFiles--;
  }

  path(f: FileRec): string {
    const d = this.dirs[f.dir]!;
    return d.path === '' ? f.name : `${d.path}/${f.name}`;
  }

  /** A file of the subtree, uniformly. */
  randomIn(d: Dir): FileRec | null {
    if (d.count === 0) return null;
    for (;;) {
      const r = this.rng.int(d.count);
      if (r < d.files.length) return this.files[d.files[r]!]!;
      let rest = r - d.files.length;
      let next: Dir | null = null;
      for (const c of d.children) {
        const cd = this.dirs[c]!;
        if (rest < cd.count) {
          next = cd;
          break;
        }
        rest -= cd.count;
      }
      d = next!;
    }
  }

  ancestorAt(d: Dir, depth: number): Dir {
    while (d.depth > depth) d = this.dirs[d.parent]!;
    return d;
  }
}
