// Early stop for the windowed walk, proven by commit-graph generation data.
//
// git's commit-graph stores each commit's corrected committer date (the GDA2 chunk):
// gen(c) = max(date(c), gen(p) + 1 for each parent p). So gen(c) is at least the committer date
// of c and of every ancestor of c. A commit whose gen is before the window's start has nothing
// in the window in its whole ancestry: excluding it (`^c`) loses no commit of the window, and git
// no longer visits the years of history behind it. The frontier is every such commit that a
// commit inside the window region names as a parent; it is found by reading the graph files
// directly (chunk formats: git's gitformat-commit-graph), never by walking with git.
//
// The files are read as untrusted bytes: every offset, size, count and position is checked
// before use, and anything out of range makes the graph unusable with the reason why (never
// an exception), as git itself ignores a damaged graph.
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';

const NO_PARENT = 0x70000000;
const EXTRA_EDGES = 0x80000000;
const HEADER = 8;
const TOC_ENTRY = 12;
const FANOUT = 256 * 4;
/** The commit date field holds the low 34 bits of the date. */
const DATE_BITS = 2 ** 34;

/** Bytes of one graph file, read at offsets already checked against `size`. */
export interface GraphFile {
  size: number;
  read(at: number, length: number): Buffer;
}

export interface GraphLayerFile {
  /** How the damage report names it. */
  name: string;
  /** The hash the chain names it by (its trailing checksum); null for a lone commit-graph file. */
  hash: string | null;
  file: GraphFile;
}

/** A graph, or why there is none: `damage` says what is wrong; null where there is simply no graph with generation data. */
export type GraphLoad = { graph: CommitGraph; damage: null } | { graph: null; damage: string | null };

/**
 * The frontier, or none: `damage` as in GraphLoad; null where the graph does not hold the start.
 * `windowFirst`: every commit of the region the walk keeps (corrected date from `since` on) has its
 * own date in the window [since, until], so git lists every commit of the window before any older
 * one (below), and a path's first commit in the windowed walk is its newest.
 */
export type FrontierResult = { frontier: string[]; damage: null; windowFirst: boolean } | { frontier: null; damage: string | null };

/** A value in the graph that cannot be right. */
class Damage extends Error {}

/** A Buffer read out of bounds: a check above was missed. Still damage, never a crash. */
export const MISSED_CHECK = 'a value out of range';

function damageOf(e: unknown): string {
  if (e instanceof Damage) return e.message;
  if (e instanceof RangeError) return MISSED_CHECK;
  throw e;
}

interface Layer {
  /** Position of this layer's first commit in the whole chain. */
  base: number;
  count: number;
  fanout: Uint32Array;
  oids: Buffer;
  data: Buffer;
  /** Null when the layer has no generation data (written by git before 2.31, say). */
  generations: Buffer | null;
  overflow: Buffer | null;
  edges: Buffer | null;
}

export class CommitGraph {
  private constructor(
    private readonly layers: Layer[],
    private readonly hashLen: number,
  ) {}

  /** The graph of a repository, read from `objectsDir`/info. */
  static load(objectsDir: string): GraphLoad {
    const dir = join(objectsDir, 'info');
    const chain = join(dir, 'commit-graphs', 'commit-graph-chain');
    const single = join(dir, 'commit-graph');
    const fds: number[] = [];
    try {
      let names: Array<{ path: string; name: string; hash: string | null }>;
      if (existsSync(chain)) {
        const hashes = readFileSync(chain, 'latin1').split('\n').filter(Boolean);
        const bad = hashes.find((h) => !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(h));
        if (bad !== undefined) return { graph: null, damage: `commit-graph-chain names ${JSON.stringify(bad.slice(0, 70))}, not a hash` };
        names = hashes.map((h) => ({ path: join(dir, 'commit-graphs', `graph-${h}.graph`), name: `graph-${h}.graph`, hash: h }));
      } else {
        names = existsSync(single) ? [{ path: single, name: 'commit-graph', hash: null }] : [];
      }
      const files: GraphLayerFile[] = [];
      for (const n of names) {
        if (!existsSync(n.path)) return { graph: null, damage: `${n.name}, named in commit-graph-chain, is missing` };
        const fd = openSync(n.path, 'r');
        fds.push(fd);
        files.push({ name: n.name, hash: n.hash, file: fileAt(fd, n.name) });
      }
      return CommitGraph.parse(files);
    } catch (e) {
      // A file that cannot be opened or read is one git cannot use either.
      if (e instanceof Error && 'syscall' in e) return { graph: null, damage: e.message };
      return { graph: null, damage: damageOf(e) };
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  }

  /** The graph held by these files, a split graph's layers base first (its chain's order). */
  static parse(files: GraphLayerFile[]): GraphLoad {
    if (files.length === 0) return { graph: null, damage: null };
    try {
      const layers: Layer[] = [];
      let hashLen = 0;
      for (const [k, f] of files.entries()) {
        const base = layers.reduce((n, l) => n + l.count, 0);
        const read = readLayer(f, base, files.slice(0, k));
        if (k > 0 && read.hashLen !== hashLen) throw new Damage(`${f.name} uses another hash than the layers below it`);
        hashLen = read.hashLen;
        layers.push(read.layer);
      }
      // git uses corrected dates only when every layer has them.
      if (layers.some((l) => l.generations === null)) return { graph: null, damage: null };
      return { graph: new CommitGraph(layers, hashLen), damage: null };
    } catch (e) {
      return { graph: null, damage: damageOf(e) };
    }
  }

  get size(): number {
    const last = this.layers[this.layers.length - 1]!;
    return last.base + last.count;
  }

  /** Position of a commit, or -1 when the graph does not hold it. */
  find(oid: string): number {
    const want = Buffer.from(oid, 'hex');
    if (want.length !== this.hashLen) return -1;
    for (const l of this.layers) {
      // The fanout is checked non-decreasing and at most the count, so the search stays inside the list.
      let lo = want[0]! === 0 ? 0 : l.fanout[want[0]! - 1]!;
      let hi = l.fanout[want[0]!]!;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = l.oids.compare(want, 0, this.hashLen, mid * this.hashLen, (mid + 1) * this.hashLen);
        if (c === 0) return l.base + mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
      }
    }
    return -1;
  }

  oid(pos: number): string {
    const l = this.layerOf(pos);
    const i = pos - l.base;
    return l.oids.toString('hex', i * this.hashLen, (i + 1) * this.hashLen);
  }

  /** The committer date as the graph holds it: its low 34 bits. */
  date(pos: number): number {
    const l = this.layerOf(pos);
    const rec = (pos - l.base) * (this.hashLen + 16) + this.hashLen;
    return (l.data.readUInt32BE(rec + 8) & 0x3) * 2 ** 32 + l.data.readUInt32BE(rec + 12);
  }

  /** Corrected committer date, epoch seconds. */
  generation(pos: number): number {
    const l = this.layerOf(pos);
    const i = pos - l.base;
    const off = l.generations!.readUInt32BE(i * 4);
    if (!(off & EXTRA_EDGES)) return this.date(pos) + off;
    const at = (off & ~EXTRA_EDGES) * 8;
    if (!l.overflow || at + 8 > l.overflow.length) throw new Damage(`commit ${this.oid(pos)}'s corrected date points past the GDO2 chunk`);
    return this.date(pos) + Number(l.overflow.readBigUInt64BE(at));
  }

  parents(pos: number): number[] {
    const l = this.layerOf(pos);
    const rec = (pos - l.base) * (this.hashLen + 16) + this.hashLen;
    const p1 = l.data.readUInt32BE(rec);
    const p2 = l.data.readUInt32BE(rec + 4);
    // A layer names commits of its own and of the layers below it only.
    const limit = l.base + l.count;
    const parent = (p: number): number => {
      if (p >= limit) throw new Damage(`commit ${this.oid(pos)} names parent position ${p} of ${limit}`);
      return p;
    };
    const out: number[] = [];
    if (p1 === NO_PARENT) {
      if (p2 !== NO_PARENT) throw new Damage(`commit ${this.oid(pos)} has a second parent and no first`);
      return out;
    }
    out.push(parent(p1));
    if (p2 === NO_PARENT) return out;
    if (!(p2 & EXTRA_EDGES)) {
      out.push(parent(p2));
      return out;
    }
    // An octopus merge: the rest of its parents are listed in the EDGE chunk, the last one marked.
    const entries = l.edges ? l.edges.length / 4 : 0;
    for (let k = p2 & ~EXTRA_EDGES; k < entries; k++) {
      const e = l.edges!.readUInt32BE(k * 4);
      out.push(parent(e & ~EXTRA_EDGES));
      if (e & EXTRA_EDGES) return out;
    }
    throw new Damage(`commit ${this.oid(pos)}'s parent list runs past the EDGE chunk`);
  }

  private layerOf(pos: number): Layer {
    if (Number.isInteger(pos) && pos >= 0) {
      for (let k = this.layers.length - 1; k >= 0; k--) {
        const l = this.layers[k]!;
        if (pos >= l.base) {
          if (pos < l.base + l.count) return l;
          break;
        }
      }
    }
    throw new Damage(`position ${pos} is outside the graph`);
  }
}

function fileAt(fd: number, name: string): GraphFile {
  return {
    size: fstatSync(fd).size,
    read(at, length) {
      const buf = Buffer.alloc(length);
      let got = 0;
      while (got < length) {
        const n = readSync(fd, buf, got, length - got, at + got);
        if (n === 0) throw new Damage(`${name} ended while being read`);
        got += n;
      }
      return buf;
    },
  };
}

/**
 * One graph file's chunks, each checked: header, table of contents in bounds and in order,
 * chunk sizes that match the commit count, a non-decreasing fanout, and for a layer of a split
 * graph, the layers below it as its header and BASE chunk name them.
 */
function readLayer(f: GraphLayerFile, base: number, below: GraphLayerFile[]): { layer: Layer; hashLen: number } {
  const { name, file } = f;
  const fail = (why: string): never => {
    throw new Damage(`${name}: ${why}`);
  };
  if (file.size < HEADER) fail('truncated');
  const head = file.read(0, HEADER);
  if (head.toString('latin1', 0, 4) !== 'CGPH') fail('not a commit-graph file');
  if (head[4] !== 1) fail(`unknown version ${head[4]}`);
  const hashLen = head[5] === 1 ? 20 : head[5] === 2 ? 32 : fail(`unknown hash version ${head[5]}`);
  const chunkCount = head[6]!;
  if (head[7] !== below.length) fail(`names ${head[7]} base graphs where the chain has ${below.length}`);
  const tocEnd = HEADER + (chunkCount + 1) * TOC_ENTRY;
  // Chunks lie between the table of contents and the trailing checksum.
  const end = file.size - hashLen;
  if (tocEnd > end) fail('truncated');
  if (f.hash !== null && f.hash.length !== hashLen * 2) fail(`named by a hash of another length than its own`);
  if (f.hash !== null && file.read(end, hashLen).toString('hex') !== f.hash) fail('its checksum is not the hash the chain names it by');
  const toc = file.read(HEADER, tocEnd - HEADER);
  const chunks = new Map<string, { at: number; length: number }>();
  let prev = BigInt(tocEnd);
  let prevId = '';
  for (let i = 0; i <= chunkCount; i++) {
    const id = toc.toString('latin1', i * TOC_ENTRY, i * TOC_ENTRY + 4);
    const at = toc.readBigUInt64BE(i * TOC_ENTRY + 4);
    if (at < prev || at > BigInt(end)) fail(`chunk offset ${at} out of order or past the end (truncated?)`);
    if (i > 0) chunks.set(prevId, { at: Number(prev), length: Number(at - prev) });
    const last = i === chunkCount;
    if (last !== (id === '\0\0\0\0')) fail(last ? 'its table of contents does not end' : 'its table of contents ends early');
    if (!last && chunks.has(id)) fail(`two ${JSON.stringify(id)} chunks`);
    prev = at;
    prevId = id;
  }
  const chunk = (id: string, length?: number): Buffer | null => {
    const at = chunks.get(id);
    if (!at) return null;
    if (length !== undefined && at.length !== length) fail(`${id} chunk is ${at.length} bytes, not ${length}`);
    return file.read(at.at, at.length);
  };
  const required = (id: string, length?: number): Buffer => chunk(id, length) ?? fail(`no ${id} chunk`);

  const fanoutBuf = required('OIDF', FANOUT);
  const fanout = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    fanout[i] = fanoutBuf.readUInt32BE(i * 4);
    if (i > 0 && fanout[i]! < fanout[i - 1]!) fail('its OID fanout decreases');
  }
  const count = fanout[255]!;
  const oids = required('OIDL', count * hashLen);
  const data = required('CDAT', count * (hashLen + 16));
  const generations = chunk('GDA2', count * 4);
  const overflow = chunk('GDO2');
  if (overflow && overflow.length % 8 !== 0) fail('GDO2 chunk is not whole 8-byte entries');
  const edges = chunk('EDGE');
  if (edges && edges.length % 4 !== 0) fail('EDGE chunk is not whole 4-byte entries');
  const bases = chunk('BASE', below.length * hashLen);
  if (below.length > 0) {
    const named = (bases ?? fail('no BASE chunk')).toString('hex');
    if (named !== below.map((b) => b.hash).join('')) fail('its BASE chunk names other layers than the chain');
  } else if (bases && bases.length > 0) {
    fail('a BASE chunk in a graph without base graphs');
  }
  return { layer: { base, count, fanout, oids, data, generations, overflow, edges }, hashLen };
}

/**
 * The commits to exclude so that a walk from `start` visits only what may hold commits dated
 * `since` or later: parents, met while walking the window region, whose corrected date is
 * before `since`. No frontier when the graph does not hold `start` (it is older than the
 * commit), or when what it says cannot be right: `start`'s entry disagrees with the commit
 * itself (`real`, read from the object), or a corrected date does not grow from parent to child.
 *
 * Why windowFirst holds: git log pops commits newest date first, each entering the queue when a
 * child is popped. If every commit reachable from the start with a date before the window has only
 * such commits as ancestors (no commit out of the window with one inside it in its ancestry, which
 * is what a corrected date before `since` says), then once git pops a commit older than the window
 * nothing in the window is left to reach: all of the window came first.
 */
export function windowFrontier(graph: CommitGraph, start: string, since: number, real?: { date: number; parents: string[] }, until = Infinity): FrontierResult {
  try {
    const from = graph.find(start);
    if (from === -1) return { frontier: null, damage: null };
    if (real) {
      const parents = graph.parents(from).map((p) => graph.oid(p));
      const date = ((real.date % DATE_BITS) + DATE_BITS) % DATE_BITS;
      if (graph.date(from) !== date || parents.join(' ') !== real.parents.join(' ')) {
        return { frontier: null, damage: `its entry for ${start} disagrees with the commit` };
      }
    }
    if (graph.generation(from) < since) return { frontier: [start], damage: null, windowFirst: false };
    const seen = new Uint8Array(graph.size);
    const frontier: string[] = [];
    const queue = [from];
    seen[from] = 1;
    let windowFirst = true;
    while (queue.length > 0) {
      const c = queue.pop()!;
      const gen = graph.generation(c);
      const date = graph.date(c);
      if (date < since || date > until) windowFirst = false;
      for (const p of graph.parents(c)) {
        if (graph.generation(p) >= gen) return { frontier: null, damage: `corrected date of ${graph.oid(c)} is not above its parent's` };
        if (seen[p]) continue;
        seen[p] = 1;
        if (graph.generation(p) < since) frontier.push(graph.oid(p));
        else queue.push(p);
      }
    }
    return { frontier, damage: null, windowFirst };
  } catch (e) {
    return { frontier: null, damage: damageOf(e) };
  }
}
