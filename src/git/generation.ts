// Early stop for the windowed walk, proven by commit-graph generation data.
//
// git's commit-graph stores each commit's corrected committer date (the GDA2 chunk):
// gen(c) = max(date(c), gen(p) + 1 for each parent p). So gen(c) is at least the committer date
// of c and of every ancestor of c. A commit whose gen is before the window's start has nothing
// in the window in its whole ancestry: excluding it (`^c`) loses no commit of the window, and git
// no longer visits the years of history behind it. The frontier is every such commit that a
// commit inside the window region names as a parent; it is found by reading the graph files
// directly (chunk formats: git's gitformat-commit-graph), never by walking with git.
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';

const NO_PARENT = 0x70000000;
const EXTRA_EDGES = 0x80000000;

interface Layer {
  /** Position of this layer's first commit in the whole chain. */
  base: number;
  count: number;
  fanout: Uint32Array;
  oids: Buffer;
  data: Buffer;
  generations: Buffer;
  overflow: Buffer | null;
  edges: Buffer | null;
}

export class CommitGraph {
  private constructor(
    private readonly layers: Layer[],
    private readonly hashLen: number,
  ) {}

  /** The graph of a repository, or null where there is none or it lacks generation data. */
  static load(objectsDir: string): CommitGraph | null {
    const dir = join(objectsDir, 'info');
    const chain = join(dir, 'commit-graphs', 'commit-graph-chain');
    const files = existsSync(chain)
      ? readFileSync(chain, 'latin1').split('\n').filter(Boolean).map((h) => join(dir, 'commit-graphs', `graph-${h}.graph`))
      : existsSync(join(dir, 'commit-graph'))
        ? [join(dir, 'commit-graph')]
        : [];
    if (files.length === 0) return null;
    const layers: Layer[] = [];
    let hashLen = 0;
    for (const file of files) {
      const layer = readLayer(file, layers.reduce((n, l) => n + l.count, 0));
      if (!layer) return null;
      hashLen = layer.hashLen;
      layers.push(layer.layer);
    }
    return new CommitGraph(layers, hashLen);
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

  /** Corrected committer date, epoch seconds. */
  generation(pos: number): number {
    const l = this.layerOf(pos);
    const i = pos - l.base;
    const rec = i * (this.hashLen + 16) + this.hashLen;
    const time = (l.data.readUInt32BE(rec + 8) & 0x3) * 2 ** 32 + l.data.readUInt32BE(rec + 12);
    const off = l.generations.readUInt32BE(i * 4);
    if (off & EXTRA_EDGES) return time + Number(l.overflow!.readBigUInt64BE((off & ~EXTRA_EDGES) * 8));
    return time + off;
  }

  parents(pos: number): number[] {
    const l = this.layerOf(pos);
    const rec = (pos - l.base) * (this.hashLen + 16) + this.hashLen;
    const p1 = l.data.readUInt32BE(rec);
    const p2 = l.data.readUInt32BE(rec + 4);
    const out: number[] = [];
    if (p1 !== NO_PARENT) out.push(p1);
    if (p2 === NO_PARENT) return out;
    if (!(p2 & EXTRA_EDGES)) {
      out.push(p2);
      return out;
    }
    // An octopus merge: the rest of its parents are listed in the EDGE chunk.
    for (let k = p2 & ~EXTRA_EDGES; ; k++) {
      const e = l.edges!.readUInt32BE(k * 4);
      out.push(e & ~EXTRA_EDGES);
      if (e & EXTRA_EDGES) return out;
    }
  }

  private layerOf(pos: number): Layer {
    for (let k = this.layers.length - 1; k >= 0; k--) if (pos >= this.layers[k]!.base) return this.layers[k]!;
    throw new Error(`commit-graph position ${pos} out of range`);
  }
}

function readLayer(file: string, base: number): { layer: Layer; hashLen: number } | null {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    if (head.toString('latin1', 0, 4) !== 'CGPH' || head[4] !== 1) return null;
    const hashLen = head[5] === 2 ? 32 : 20;
    const toc = Buffer.alloc((head[6]! + 1) * 12);
    readSync(fd, toc, 0, toc.length, 8);
    const chunks = new Map<string, [number, number]>();
    for (let i = 0; i < head[6]!; i++) {
      const id = toc.toString('latin1', i * 12, i * 12 + 4);
      chunks.set(id, [Number(toc.readBigUInt64BE(i * 12 + 4)), Number(toc.readBigUInt64BE(i * 12 + 16))]);
    }
    const read = (id: string): Buffer | null => {
      const at = chunks.get(id);
      if (!at) return null;
      const buf = Buffer.alloc(at[1] - at[0]);
      readSync(fd, buf, 0, buf.length, at[0]);
      return buf;
    };
    const fanoutBuf = read('OIDF');
    const oids = read('OIDL');
    const data = read('CDAT');
    const generations = read('GDA2');
    if (!fanoutBuf || !oids || !data || !generations || fanoutBuf.length !== 1024 || fstatSync(fd).size === 0) return null;
    const fanout = new Uint32Array(256);
    for (let i = 0; i < 256; i++) fanout[i] = fanoutBuf.readUInt32BE(i * 4);
    const count = fanout[255]!;
    if (oids.length !== count * hashLen || data.length !== count * (hashLen + 16) || generations.length !== count * 4) return null;
    return { layer: { base, count, fanout, oids, data, generations, overflow: read('GDO2'), edges: read('EDGE') }, hashLen };
  } finally {
    closeSync(fd);
  }
}

/**
 * The commits to exclude so that a walk from `start` visits only what may hold commits dated
 * `since` or later: parents, met while walking the window region, whose corrected date is
 * before `since`. Null when the graph does not hold `start` (it is older than the commit).
 */
export function windowFrontier(graph: CommitGraph, start: string, since: number): string[] | null {
  const from = graph.find(start);
  if (from === -1) return null;
  if (graph.generation(from) < since) return [start];
  const seen = new Uint8Array(graph.size);
  const frontier: string[] = [];
  const queue = [from];
  seen[from] = 1;
  while (queue.length > 0) {
    const c = queue.pop()!;
    for (const p of graph.parents(c)) {
      if (seen[p]) continue;
      seen[p] = 1;
      if (graph.generation(p) < since) frontier.push(graph.oid(p));
      else queue.push(p);
    }
  }
  return frontier;
}
