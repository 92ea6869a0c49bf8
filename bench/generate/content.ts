// File contents, computed when a blob is written: a text file is a list of line ids with a
// revision per line, and a line's text is a function of hash(file, line, revision).
import { mailmapText, type Author } from './people.js';
import { Rng, hash2, mix32 } from './random.js';
import { Kind, type FileRec } from './tree.js';
import { PROSE, WORDS } from './words.js';

// Line generation: fast, straight into a Buffer, with a token every few bytes so that no two
// files share long runs (fast-import deltas each blob against the previous one in the stream).

const HEX = Buffer.from('0123456789abcdef');
const enc = (s: string): Buffer => Buffer.from(s, 'utf8');

type Part = Buffer | 'W' | 'U' | 'C' | 'H4' | 'H8' | 'N' | 'T' | 'P';
function template(s: string): Part[] {
  const out: Part[] = [];
  for (const piece of s.split(/(\{[A-Z0-9]+\})/)) {
    if (piece === '') continue;
    const m = /^\{([A-Z0-9]+)\}$/.exec(piece);
    out.push(m ? (m[1] as Part) : enc(piece));
  }
  return out;
}
const CODE_LINES = [
  '',
  '',
  '',
  '{T}}',
  '{T}{W}_{H4} = {W}({W}, 0x{H4});',
  '{T}if ({W}->{W}_{H4} & {U}_{H4})',
  '{T}return {W}_{H4}({W});',
  'static int {W}_{H4}(struct {W} *{W})',
  'static void {W}_{W}_{H4}(struct {W}_{H4} *{W}, u32 {W})',
  '{',
  '{T}{W}->{W}_{H4} = {N};',
  '#define {U}_{U}_{H4}\t0x{H8}',
  '{T}/* {P} {P} {W} {P} {H4} */',
  '{T}struct {W} *{W}_{H4} = {W}_{W}({W});',
  '{T}if (!{W}_{H4})',
  '{T}{W}_{H4}({W}, {N});',
  '{T}int {W}_{H4};',
  '{T}goto err_{W}_{H4};',
  '{T}dev_err({W}->dev, "{P} {W} %d\\n", {W}_{H4});',
  '#include <linux/{W}_{H4}.h>',
  '{T}for (i = 0; i < {W}_{H4}; i++)',
  '{T}{W}_{H4} |= {U}_{W}({N});',
  '{T}spin_lock(&{W}->{W}_{H4});',
  '{T}} else {  /* {H4} */',
  '{T}case {U}_{H4}:',
  '{T}{W}[{N}] = {W}_{H4};',
  ' * {C} {P} {P} {W} {P} {W}_{H4}.',
  '{T}ret = {W}_{W}_{H4}({W}, {W}, {N});',
].map(template);
const PROSE_LINES = [
  '',
  '',
  '{C} {P} {P} {W}_{H4} {P} {P} {W} {P}.',
  '{P} {P} {W} {P} {H4} {P} {W} {P} {P}',
  '- {W}_{H4}: {P} {P} {W} {P}',
  '{C} {W} {P} {P} {W}_{H4} {P} {N} {P}.',
  '  {W}_{H4} = <{N} {N}>;',
  '{C}_{H4}',
  '{P} {W}_{H4} {P} {P} {P} {W}, {P} {P} {W}.',
  '.. {W}:: {W}_{H4}',
].map(template);
const KBUILD_LINES = [
  '',
  'config {U}_{U}_{H4}',
  '\ttristate "{C} {W} {P} {W}_{H4}"',
  '\tdepends on {U}_{H4} && {U}',
  '\thelp',
  '\t  {C} {P} {P} {W}_{H4} {P} {W}.',
  'obj-$(CONFIG_{U}_{H4}) += {W}_{H4}.o',
  '{W}-y := {W}_{H4}.o {W}_{N}.o',
  'ccflags-y += -I$(src)/{W}_{H4}',
].map(template);

const WORD_BUFS = WORDS.map(enc);
const UPPER_BUFS = WORDS.map((w) => enc(w.toUpperCase()));
const CAP_BUFS = [...WORDS, ...PROSE].map((w) => enc(w[0]!.toUpperCase() + w.slice(1)));
const PROSE_BUFS = PROSE.map(enc);

export class Writer {
  buf = Buffer.allocUnsafe(1 << 20);
  pos = 0;

  reset(): void {
    this.pos = 0;
  }
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  put(b: Buffer): void {
    const n = b.length;
    this.ensure(n);
    if (n < 48) {
      const buf = this.buf;
      let p = this.pos;
      for (let i = 0; i < n; i++) buf[p++] = b[i]!;
    } else b.copy(this.buf, this.pos);
    this.pos += n;
  }
  byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }
  hex(v: number, digits: number): void {
    this.ensure(digits);
    for (let i = digits - 1; i >= 0; i--) {
      this.buf[this.pos + i] = HEX[v & 15]!;
      v >>>= 4;
    }
    this.pos += digits;
  }
  /** 0 ≤ v < 1000. */
  dec(v: number): void {
    this.ensure(3);
    if (v >= 100) this.buf[this.pos++] = 48 + Math.floor(v / 100);
    if (v >= 10) this.buf[this.pos++] = 48 + (Math.floor(v / 10) % 10);
    this.buf[this.pos++] = 48 + (v % 10);
  }
}

/** One line of a text file, as a function of a 32-bit hash (its identity and revision). */
function writeLine(w: Writer, kind: Kind, h: number): void {
  const lines = kind === Kind.Prose ? PROSE_LINES : kind === Kind.Kbuild ? KBUILD_LINES : CODE_LINES;
  const tpl = lines[h % lines.length]!;
  let x = hash2(h, 0x51ed27);
  for (let i = 0; i < tpl.length; i++) {
    const part = tpl[i]!;
    if (typeof part !== 'string') {
      w.put(part);
      continue;
    }
    x = mix32((x + 0x6d2b79f5) >>> 0);
    if (part === 'W') w.put(WORD_BUFS[x % WORD_BUFS.length]!);
    else if (part === 'U') w.put(UPPER_BUFS[x % UPPER_BUFS.length]!);
    else if (part === 'C') w.put(CAP_BUFS[x % CAP_BUFS.length]!);
    else if (part === 'P') w.put(PROSE_BUFS[x % PROSE_BUFS.length]!);
    else if (part === 'H4') w.hex(x, 4);
    else if (part === 'H8') w.hex(x, 8);
    else if (part === 'N') w.dec(x % 1000);
    else if (part === 'T') {
      const n = 1 + (x % 3);
      for (let k = 0; k < n; k++) w.byte(9);
    }
  }
  w.byte(10);
}

/** The next version of a text file: a few hunks of modified, inserted and deleted lines. */
export function evolve(f: FileRec, seed: number): void {
  f.version++;
  if (f.kind > Kind.Kbuild) return;
  const rng = new Rng(hash2(hash2(seed ^ 0x77, f.id), f.version));
  let ids = f.lineIds!;
  let revs = f.revs!;
  const rewrite = rng.chance(0.01);
  const hunks = rewrite ? 1 : rng.chance(0.55) ? 1 : rng.chance(0.55) ? 2 : rng.chance(0.75) ? rng.range(3, 5) : rng.range(6, 12);
  for (let h = 0; h < hunks; h++) {
    const n = ids.length;
    const at = rng.int(n + 1);
    const t = rng.float();
    if (rewrite) {
      for (let i = 0; i < n; i++) if (rng.chance(0.3)) revs[i]!++;
    } else if (t < 0.55 || (t >= 0.8 && n <= 3) || (t < 0.8 && t >= 0.55 && n >= 4000)) {
      const size = rng.chance(0.5) ? 1 : rng.chance(0.6) ? rng.range(2, 3) : rng.chance(0.75) ? rng.range(4, 10) : rng.range(11, 40);
      const start = Math.min(at, Math.max(0, n - size));
      for (let i = start; i < Math.min(n, start + size); i++) revs[i]!++;
    } else if (t < 0.8) {
      const size = rng.chance(0.55) ? rng.range(1, 3) : rng.chance(0.78) ? rng.range(4, 15) : rng.range(16, 80);
      const ni = new Uint32Array(n + size);
      const nr = new Uint32Array(n + size);
      ni.set(ids.subarray(0, at), 0);
      nr.set(revs.subarray(0, at), 0);
      for (let i = 0; i < size; i++) ni[at + i] = f.nextLine++;
      ni.set(ids.subarray(at), at + size);
      nr.set(revs.subarray(at), at + size);
      ids = ni;
      revs = nr;
    } else {
      const size = Math.min(n - 1, rng.chance(0.6) ? rng.range(1, 3) : rng.chance(0.9) ? rng.range(4, 15) : rng.range(16, 40));
      const start = Math.min(at, n - size);
      const ni = new Uint32Array(n - size);
      const nr = new Uint32Array(n - size);
      ni.set(ids.subarray(0, start), 0);
      nr.set(revs.subarray(0, start), 0);
      ni.set(ids.subarray(start + size), start);
      nr.set(revs.subarray(start + size), start);
      ids = ni;
      revs = nr;
    }
  }
  f.lineIds = ids;
  f.revs = revs;
}

/** Writes the current version's bytes into `w`. */
export function writeContent(w: Writer, f: FileRec, seed: number, authors: Author[]): void {
  w.reset();
  const fh = hash2(seed ^ 0x1234, f.id);
  if (f.kind === Kind.Mailmap) {
    w.put(mailmapText(authors));
  } else if (f.kind === Kind.Link) {
    w.put(Buffer.from('../'));
    w.put(WORD_BUFS[hash2(fh, f.version) % WORD_BUFS.length]!);
    w.byte(0x2f);
    w.hex(hash2(fh, f.version + 7), 6);
    w.put(Buffer.from('.dtsi'));
  } else if (f.kind === Kind.Binary) {
    const vh = hash2(fh, f.version);
    const size = 64 + (vh % 6000);
    w.put(Buffer.from([0x7f, 0x46, 0x57, 0x00]));
    w.ensure(size);
    let x = vh | 1;
    for (let i = 0; i < size; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      w.buf[w.pos++] = x & 0xff;
    }
  } else {
    const ids = f.lineIds!;
    const revs = f.revs!;
    for (let i = 0; i < ids.length; i++) writeLine(w, f.kind, hash2(hash2(fh, ids[i]!), revs[i]!));
  }
}

export function fileMode(f: FileRec): string {
  return f.kind === Kind.Link ? '120000' : f.exec ? '100755' : '100644';
}
