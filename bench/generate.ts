// A synthetic Linux-like repository for the benchmark, written by ONE `git fast-import` whose
// stdin is streamed chunk by chunk (with backpressure), so memory stays bounded at any scale.
//
//   node dist/bench/generate.js --dir DIR [--scale 0.1] [--commits N] [--files N] [--years Y]
//                               [--seed S] [--head ISO] [--checkout] [--compression L]
//
// Deterministic: every choice comes from a seeded PRNG, dates from --head; no clock, no
// Math.random. File contents are a function of (file id, version): each version applies a few
// hunks (modify / insert / delete lines) chosen by hash(seed, id, version) to the previous one.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { hermeticGitEnv } from '../fixtures/git-env.js';

/** Bump when the generated history changes, so cached benchmark repositories are rebuilt. */
export const GENERATOR_VERSION = 3;
export const FULL_COMMITS = 450_000;
export const FULL_FILES = 75_000;
export const DEFAULT_HEAD = '2026-04-21T00:00:00Z';
export const DEFAULT_YEARS = 7;
export const DEFAULT_SEED = 1;
/** The small leaf directory the benchmark times (always generated, at every scale). */
export const LEAF_PATH = 'drivers/vdpa/mlx5';

export interface GenParams {
  commits: number;
  files: number;
  years: number;
  seed: number;
  head: string;
  /** zlib level of the pack (git's pack.compression): 1 by default, fast to write; -1 = git's default. */
  compression: number;
}

export function paramsFor(scale: number, over: Partial<GenParams> = {}): GenParams {
  return {
    commits: Math.max(200, Math.round(FULL_COMMITS * scale)),
    files: Math.max(400, Math.round(FULL_FILES * scale)),
    years: DEFAULT_YEARS,
    seed: DEFAULT_SEED,
    head: DEFAULT_HEAD,
    compression: 1,
    ...over,
  };
}

/** Directory name for a cached repository with these parameters. */
export function repoName(p: GenParams): string {
  return `linuxlike-v${GENERATOR_VERSION}-c${p.commits}-f${p.files}-y${p.years}-s${p.seed}-h${p.head.slice(0, 10)}-z${p.compression}`;
}

// ---------------------------------------------------------------------------------------------
// Randomness

function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

export function hash2(a: number, b: number): number {
  return mix32((Math.imul(a ^ 0x5bd1e995, 0x9e3779b1) ^ mix32((b ^ 0x27d4eb2f) >>> 0)) >>> 0);
}

/** sfc32: small, fast, good enough, and the same on every platform. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;
  private spare: number | null = null;

  constructor(seed: number) {
    this.a = mix32(seed ^ 0xa5a5a5a5);
    this.b = mix32((seed + 0x3c6ef372) >>> 0);
    this.c = mix32(seed ^ 0x1b873593);
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  float(): number {
    return this.u32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.float();
    const v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  logUniform(lo: number, hi: number): number {
    return Math.exp(Math.log(lo) + this.float() * (Math.log(hi) - Math.log(lo)));
  }

  /** Pareto-distributed integer in [lo, hi]: a long tail. */
  pareto(lo: number, hi: number, alpha: number): number {
    for (;;) {
      const x = Math.floor(lo / Math.pow(1 - this.float(), 1 / alpha));
      if (x <= hi) return x;
    }
  }

  pick<T>(arr: readonly T[]): T {
    return arr[this.int(arr.length)]!;
  }

  shuffle<T>(arr: T[]): T[] {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [arr[i], arr[j]] = [arr[j]!, arr[i]!];
    }
    return arr;
  }
}

/** Weighted choice by binary search over cumulative weights. */
class Cumulative {
  private readonly cum: Float64Array;
  readonly total: number;
  constructor(weights: ArrayLike<number>) {
    this.cum = new Float64Array(weights.length);
    let s = 0;
    for (let i = 0; i < weights.length; i++) {
      s += Math.max(0, weights[i]!);
      this.cum[i] = s;
    }
    this.total = s;
  }
  sample(rng: Rng): number {
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function zipfWeights(n: number, s: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));
}

// ---------------------------------------------------------------------------------------------
// Words and names

const SYLLABLES = (
  'ab ac ad al am an ar as at ax ba be bi bo bu ca ce ci co cu da de di do du el em en er es ex ' +
  'fa fe fi fo ga ge gi go ha he hi ho il im in io ir is ka ke ki ko ku la le li lo lu ma me mi mo mu ' +
  'na ne ni no nu ol om on or os pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu ul um un ur ' +
  'va ve vi vo xa xe ya yo za ze zi'
).split(' ');

function syllableWord(rng: Rng, min = 2, max = 3): string {
  let s = '';
  const n = rng.range(min, max);
  for (let i = 0; i < n; i++) s += rng.pick(SYLLABLES);
  if (rng.chance(0.3)) s += rng.pick(['x', 'n', 'r', 's', 't', 'c', 'm']);
  return s;
}

const WORDS = (
  'dev priv buf len ret err irq reg val addr data ctx queue ring desc skb page node list lock flags ' +
  'mask count state mode cfg ops info port link phy dma map cmd req resp hdr offset size idx entry ' +
  'table timer work event status level index pool slot chan clk rate freq power reset init probe ' +
  'remove open close read write start stop enable disable config setup alloc free get put update check ' +
  'handle process submit complete wait wake sync flush attach detach bind unbind register parse ' +
  'vq mr mkey umem vport vlan mtu rx tx cq eq qp wqe doorbell feature vector iova'
).split(' ');

const PROSE = (
  'the a this that driver device support for with when which is are be can may must should not of to ' +
  'in on by from into each every all any some one two value register interrupt memory buffer kernel ' +
  'user mode option default enabled disabled used returns called after before during only also see ' +
  'note example following describes provides handles'
).split(' ');

const FIRST = (
  'Alex Andrew Anna Arnd Ben Bjorn Boris Chris Christoph Dan Daniel David Dmitry Eric Florian Greg ' +
  'Hans Heiko Herbert Ingo Jakub Jan Jason Jens Jiri Johannes John Jonathan Josef Julia Kees Konrad ' +
  'Krzysztof Laurent Leon Linus Marc Mark Martin Mauro Michael Miguel Mike Nathan Neil Nick Oleg Paolo ' +
  'Paul Peter Rafael Rob Russell Sakari Sean Sebastian Shawn Stefan Stephen Steven Takashi Tejun ' +
  'Thomas Tony Uwe Vinod Vlastimil Wei Will Yang Yu Zhang Jürgen Łukasz Søren José Ilpo Tvrtko Ville ' +
  'Maíra Andrés Ondřej Guðni Mateusz'
).split(' ');
const LAST = (
  'Smith Kroah Torvalds Bergmann Carpenter Williams Miller Vetter Rothwell Hellwig Axboe Kicinski ' +
  'Gleixner Petkov Molnar Zijlstra Morton Hocko Viro Tso Brauner Sterba Chinner Wong Bottomley Jones ' +
  'Kara Iwai Brown Walleij Deacon Zyngier Shevchenko Pinchart Ailus Chehab Rutland Abeni Dumazet ' +
  'Leon Gunthorpe Tsirkin Wang Li Chen Liu Zhao Huang Wu Xu Sun Ma Kumar Singh Patel Nguyen Kim Park ' +
  'Tanaka Suzuki Müller Schmidt Schneider Fischer Weber Wagner Becker Hoffmann Nowak Kowalski Novák ' +
  'Dvořák Jensen Nielsen Hansen Larsen Rossi Russo Ferrari García Fernández López Martínez Sánchez'
).split(' ');
const DOMAINS = (
  'kernel.org intel.com redhat.com google.com linaro.org suse.com arm.com amd.com nvidia.com ibm.com ' +
  'oracle.com huawei.com meta.com microsoft.com collabora.com bootlin.com pengutronix.de gmail.com ' +
  'samsung.com qualcomm.com quicinc.com nxp.com st.com ti.com renesas.com broadcom.com mediatek.com ' +
  'linux.dev linutronix.de canonical.com'
).split(' ');
const TIMEZONES = ['+0000', '+0100', '+0200', '+0300', '+0530', '+0800', '+0900', '-0400', '-0500', '-0700', '-0800', '+1000'];

// ---------------------------------------------------------------------------------------------
// The tree: directories with planned sizes and activity, files with their content state

/** How a directory's files are named and written. */
type Flavor = 'c' | 'doc' | 'bindings' | 'include' | 'tools' | 'scripts' | 'rust' | 'dts' | 'configs' | 'root';

interface Dir {
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
const enum Kind {
  Code = 0,
  Prose = 1,
  Kbuild = 2,
  Binary = 3,
  Link = 4,
  Mailmap = 5,
}

interface FileRec {
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

interface TopSpec {
  name: string;
  files: number; // share of files
  commits: number; // share of commits
  flavor: Flavor;
  area: 'sub' | 'self';
  names: string[];
}

const DRIVER_SUBSYS = (
  'net gpu media staging usb scsi infiniband iio pinctrl clk phy soc hid input platform mmc mtd spi i2c ' +
  'tty pci nvme md firmware crypto thermal power regulator remoteproc vfio vdpa virtio acpi base dma ' +
  'edac hwmon leds misc watchdog bluetooth cpufreq mfd rtc interconnect accel cxl hv iommu perf'
).split(' ');

const DRIVER_LEAVES: Record<string, string[]> = {
  net: 'ethernet wireless phy can dsa usb ipa wwan pcs team bonding hyperv ipvlan vxlan ppp mdio'.split(' '),
  gpu: 'drm host1x ipu-v3 trace vga'.split(' '),
  media: 'platform usb i2c pci dvb-frontends rc tuners common v4l2-core cec'.split(' '),
  staging: 'rtl8723bs media greybus vc04_services fbtft iio most nvec octeon sm750fb vme_user axis-fifo'.split(' '),
  usb: 'core host gadget dwc3 typec serial storage misc musb cdns3 chipidea class'.split(' '),
  scsi: 'lpfc qla2xxx mpt3sas megaraid ufs smartpqi be2iscsi hisi_sas'.split(' '),
  infiniband: 'hw core ulp sw'.split(' '),
  vdpa: 'mlx5 vdpa_sim ifcvf alibaba octeon_ep pds solidrun virtio_pci vdpa_user'.split(' '),
  iio: 'adc dac imu light accel pressure temperature magnetometer'.split(' '),
  soc: 'qcom fsl samsung mediatek tegra ti renesas rockchip'.split(' '),
  platform: 'x86 chrome mellanox surface'.split(' '),
};
/** Staging drivers that leave the tree over time, and ones that graduate into a subsystem. */
const STAGING_REMOVED = 'wlan-ng ks7010 emxx_udc pi433 qlge rts5208 gdm724x rtl8188eu mt7621-dma kpc2000'.split(' ');
const STAGING_MOVED: Array<[string, string]> = [
  ['wfx', 'net'],
  ['atomisp', 'media'],
  ['ad7280a', 'iio'],
  ['gasket', 'misc'],
  ['hikey9xx', 'phy'],
  ['mfd-tps', 'mfd'],
];

const TOPS: TopSpec[] = [
  { name: 'drivers', files: 0.42, commits: 0.5, flavor: 'c', area: 'sub', names: DRIVER_SUBSYS },
  {
    name: 'arch',
    files: 0.21,
    commits: 0.12,
    flavor: 'c',
    area: 'sub',
    names: 'arm64 x86 arm powerpc riscv mips s390 loongarch sparc m68k parisc sh xtensa alpha csky hexagon microblaze nios2 openrisc arc um'.split(' '),
  },
  {
    name: 'Documentation',
    files: 0.095,
    commits: 0.05,
    flavor: 'doc',
    area: 'sub',
    names: 'devicetree admin-guide driver-api filesystems networking translations userspace-api process core-api arch ABI gpu sound trace dev-tools mm virt power scsi usb hwmon'.split(' '),
  },
  {
    name: 'include',
    files: 0.065,
    commits: 0.05,
    flavor: 'include',
    area: 'sub',
    names: 'linux uapi net dt-bindings drm sound trace media asm-generic kvm rdma scsi crypto soc video xen acpi clocksource keys target'.split(' '),
  },
  {
    name: 'tools',
    files: 0.065,
    commits: 0.06,
    flavor: 'tools',
    area: 'sub',
    names: 'testing perf lib include bpf arch power net objtool build scripts tracing virtio memory-model'.split(' '),
  },
  { name: 'sound', files: 0.033, commits: 0.03, flavor: 'c', area: 'sub', names: 'soc pci usb core hda drivers isa firewire i2c spi'.split(' ') },
  {
    name: 'fs',
    files: 0.033,
    commits: 0.06,
    flavor: 'c',
    area: 'sub',
    names: 'ext4 btrfs xfs nfs f2fs smb ceph ocfs2 gfs2 nfsd overlayfs fuse proc erofs bcachefs jfs udf ntfs3 exfat afs 9p ext2 fat isofs nilfs2 squashfs ubifs orangefs hfsplus netfs iomap quota notify crypto verity kernfs debugfs tracefs'.split(' '),
  },
  {
    name: 'net',
    files: 0.026,
    commits: 0.055,
    flavor: 'c',
    area: 'sub',
    names: 'core ipv4 ipv6 mac80211 bluetooth netfilter sched wireless mptcp tipc xfrm sctp smc bridge openvswitch dsa rxrpc sunrpc can batman-adv unix packet vmw_vsock ethtool devlink netlink 8021q l2tp mpls nfc psample qrtr rds'.split(' '),
  },
  { name: 'kernel', files: 0.007, commits: 0.025, flavor: 'c', area: 'self', names: 'sched bpf trace time locking rcu irq printk cgroup events power dma futex'.split(' ') },
  { name: 'mm', files: 0.003, commits: 0.015, flavor: 'c', area: 'self', names: 'kasan damon kfence kmsan'.split(' ') },
  { name: 'lib', files: 0.008, commits: 0.01, flavor: 'c', area: 'self', names: 'crypto zstd kunit math xz raid6 vdso'.split(' ') },
  { name: 'scripts', files: 0.008, commits: 0.009, flavor: 'scripts', area: 'self', names: 'kconfig mod dtc gdb coccinelle package basic kernel-doc'.split(' ') },
  { name: 'security', files: 0.004, commits: 0.006, flavor: 'c', area: 'sub', names: 'selinux apparmor smack integrity keys landlock tomoyo'.split(' ') },
  { name: 'crypto', files: 0.003, commits: 0.004, flavor: 'c', area: 'self', names: 'asymmetric_keys async_tx'.split(' ') },
  { name: 'block', files: 0.0015, commits: 0.004, flavor: 'c', area: 'self', names: 'partitions'.split(' ') },
  { name: 'samples', files: 0.004, commits: 0.002, flavor: 'c', area: 'self', names: 'bpf kprobes ftrace vfio-mdev rust'.split(' ') },
  { name: 'rust', files: 0.002, commits: 0.003, flavor: 'rust', area: 'self', names: 'kernel macros bindings uapi'.split(' ') },
  { name: 'virt', files: 0.0008, commits: 0.002, flavor: 'c', area: 'self', names: 'kvm lib'.split(' ') },
  { name: 'io_uring', files: 0.0006, commits: 0.003, flavor: 'c', area: 'self', names: [] },
  { name: 'init', files: 0.0003, commits: 0.001, flavor: 'c', area: 'self', names: [] },
  { name: 'ipc', files: 0.0002, commits: 0.0005, flavor: 'c', area: 'self', names: [] },
  { name: 'usr', files: 0.0002, commits: 0.0002, flavor: 'c', area: 'self', names: [] },
  { name: 'certs', files: 0.0002, commits: 0.0002, flavor: 'c', area: 'self', names: [] },
];
const ROOT_COMMITS = 0.012;
const ROOT_FILES = ['MAINTAINERS', 'Makefile', 'README', 'COPYING', 'CREDITS', 'Kconfig', '.gitignore', '.clang-format', '.get_maintainer.ignore', '.cocciconfig'];

/** Commit shape; see the brief in bench/README.md. */
function commitSize(rng: Rng): number {
  const x = rng.float();
  if (x < 0.5) return 1;
  if (x < 0.7) return 2;
  if (x < 0.8) return 3;
  if (x < 0.935) return rng.range(4, 9);
  if (x < 0.9975) return rng.pareto(10, 100, 1.3);
  return rng.pareto(101, 1000, 1.2);
}

// ---------------------------------------------------------------------------------------------
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

class Writer {
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

// ---------------------------------------------------------------------------------------------
// Authors and .mailmap

interface Author {
  name: string;
  email: string;
  /** An older address (and sometimes name) used before `switchStep`; .mailmap joins them. */
  alias: string | null;
  aliasName: string | null;
  switchStep: number;
  upperCase: boolean; // sometimes writes the address in mixed case
  tz: string;
}

function makeAuthors(n: number, steps: number, rng: Rng): Author[] {
  const used = new Set<string>();
  const out: Author[] = [];
  for (let i = 0; i < n; i++) {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let key = `${first} ${last}`;
    for (let k = 2; used.has(key); k++) {
      first = rng.pick(FIRST);
      last = rng.pick(LAST);
      key = k > 4 ? `${first} ${last} ${syllableWord(rng, 1, 2)}` : `${first} ${last}`;
    }
    used.add(key);
    const local = key
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/[^a-z0-9]+/g, '.');
    const email = i === 0 ? 'torvalds@linux-foundation.org' : `${local}@${rng.pick(DOMAINS)}`;
    const hasAlias = i > 0 && rng.chance(0.09);
    out.push({
      name: i === 0 ? 'Linus Torvalds' : key,
      email,
      alias: hasAlias ? `${local.split('.')[0]}@${rng.pick(DOMAINS)}` : null,
      aliasName: hasAlias && rng.chance(0.25) ? key.split(' ')[0]!.toUpperCase() + ' ' + last : null,
      switchStep: rng.int(steps),
      upperCase: rng.chance(0.01),
      tz: rng.pick(TIMEZONES),
    });
  }
  // Two people who never set an e-mail address; the key is then their name.
  for (const k of [Math.min(n - 1, 40), Math.min(n - 1, 120)]) {
    const a = out[k]!;
    a.email = '';
    a.alias = null;
  }
  return out;
}

function mailmapText(authors: Author[]): Buffer {
  const lines = ['# Synthetic .mailmap for the kstat benchmark repository.', '#'];
  for (const a of authors) {
    if (a.alias === null || a.alias === a.email) continue;
    lines.push(a.aliasName ? `${a.name} <${a.email}> ${a.aliasName} <${a.alias}>` : `${a.name} <${a.email}> <${a.alias}>`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

// ---------------------------------------------------------------------------------------------
// The fast-import stream, with backpressure

/**
 * Chunks about the size of the pipe's buffer (64 KB on Linux): while git reads one, the next is
 * generated. Larger chunks make the two take turns, as the generator writes nothing while it
 * computes (no event-loop turn), and git waits on an empty pipe.
 */
const CHUNK = 64 * 1024;
/** Maintainer branches open at once (fast-import keeps each one's tree loaded). */
const MAX_OPEN = 160;

class FastImport {
  private chunk = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private ok = true;
  bytesOut = 0;

  constructor(
    private readonly sink: Writable,
    private readonly dead: Promise<never>,
  ) {}

  private room(n: number): void {
    if (this.pos + n <= this.chunk.length) return;
    this.push();
    if (n > this.chunk.length) this.chunk = Buffer.allocUnsafe(n);
  }

  private push(): void {
    if (this.pos === 0) return;
    // The written chunk is handed to the stream; a fresh one is used from here on.
    const out = this.chunk.subarray(0, this.pos);
    this.bytesOut += out.length;
    if (!this.sink.write(out)) this.ok = false;
    this.chunk = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
  }

  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.chunk.write(s, this.pos, 'utf8');
  }

  bytes(b: Buffer, len = b.length): void {
    this.room(len);
    b.copy(this.chunk, this.pos, 0, len);
    this.pos += len;
  }

  /** Hands a full chunk to git, and waits while git's pipe is full (backpressure). */
  async pace(): Promise<void> {
    if (this.pos >= CHUNK - 4096) this.push();
    if (!this.ok) {
      await Promise.race([once(this.sink, 'drain'), this.dead]);
      this.ok = true;
    }
  }

  async end(): Promise<void> {
    this.push();
    await this.pace();
  }
}

// ---------------------------------------------------------------------------------------------
// The history

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

type Op =
  | { k: 'M'; f: number }
  | { k: 'D'; f: number }
  | { k: 'R'; f: number; to: number; modify: boolean }
  | { k: 'A'; dir: number };

interface Event {
  step: number;
  kind: 'sweep' | 'birth' | 'remove' | 'move' | 'skew';
  dir: number; // birth/remove/move: the subtree; move: its source
  to: number; // move: the destination parent
  fraction: number; // sweep
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

class Generator {
  readonly rng: Rng;
  readonly dirs: Dir[] = [];
  readonly files: FileRec[] = [];
  readonly authors: Author[];
  readonly authorPick: Cumulative;
  readonly N: number;
  readonly T0: number;
  readonly T1: number;
  readonly w = new Writer();
  out!: FastImport;

  private nextBlobMark: number;
  private masterMark = 0;
  private masterLive = 0;
  private readonly open: Branch[] = [];
  private readonly claimed = new Map<number, Branch>();
  private readonly freeSlots: number[] = [];
  private slotCount = 0;
  private opened = 0;
  private events: Event[] = [];
  private dirPick: Cumulative | null = null;
  private dirPickIds: number[] = [];
  private dirPickAt = -1;
  private liveFiles = 0;
  private readonly targetFiles: number;
  private initialFiles = 0;
  private readonly areaRegulars = new Map<number, number[]>();
  readonly stats: GenStats;
  private pendingSkew = 0;
  private includeLinux: Dir | null | undefined;

  constructor(readonly p: GenParams) {
    this.rng = new Rng(hash2(p.seed, 0x6b737461));
    this.N = p.commits;
    this.T1 = Math.floor(Date.parse(p.head) / 1000);
    const t0 = new Date(p.head);
    t0.setUTCFullYear(t0.getUTCFullYear() - p.years);
    this.T0 = Math.floor(t0.getTime() / 1000);
    this.nextBlobMark = this.N + 1;
    this.targetFiles = p.files;
    const nAuthors = Math.max(60, Math.round(4000 * Math.pow(p.commits / FULL_COMMITS, 0.55)));
    this.authors = makeAuthors(nAuthors, this.N, new Rng(hash2(p.seed, 0xa07)));
    this.authorPick = new Cumulative(zipfWeights(nAuthors, 1.05));
    this.buildTree();
    this.stats = { commits: 0, merges: 0, sideCommits: 0, filesAtHead: 0, blobs: 0, streamBytes: 0, authors: nAuthors, dirs: this.dirs.length, driverLeaves: 0 };
  }

  // --- tree construction -------------------------------------------------------------------

  private newDir(name: string, parent: Dir | null, flavor: Flavor): Dir {
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

  private subtree(d: Dir, out: Dir[] = []): Dir[] {
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

  private newFile(d: Dir, special?: { name: string; kind: Kind; hot: number }): FileRec {
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

  private attach(f: FileRec, d: Dir): void {
    f.dir = d.id;
    d.files.push(f.id);
    d.names.add(f.name);
    d.hotSum += f.hot;
    for (let x: Dir | undefined = d; x; x = this.dirs[x.parent]) x.count++;
    this.liveFiles++;
  }

  private detach(f: FileRec): void {
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

  /** The next version of a text file: a few hunks of modified, inserted and deleted lines. */
  private evolve(f: FileRec): void {
    f.version++;
    if (f.kind > Kind.Kbuild) return;
    const rng = new Rng(hash2(hash2(this.p.seed ^ 0x77, f.id), f.version));
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

  /** Writes the current version's bytes into this.w. */
  private content(f: FileRec): void {
    const w = this.w;
    w.reset();
    const fh = hash2(this.p.seed ^ 0x1234, f.id);
    if (f.kind === Kind.Mailmap) {
      w.put(mailmapText(this.authors));
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

  /** Emits the blob of a file's current version with a fresh mark. */
  private async blob(f: FileRec): Promise<void> {
    this.content(f);
    f.mark = this.nextBlobMark++;
    this.out.text(`blob\nmark :${f.mark}\ndata ${this.w.pos}\n`);
    this.out.bytes(this.w.buf, this.w.pos);
    this.out.text('\n');
    this.stats.blobs++;
    await this.out.pace();
  }

  private mode(f: FileRec): string {
    return f.kind === Kind.Link ? '120000' : f.exec ? '100755' : '100644';
  }

  // --- people and messages --------------------------------------------------------------

  private regulars(area: number): number[] {
    let r = this.areaRegulars.get(area);
    if (!r) {
      const rng = new Rng(hash2(this.p.seed ^ 0xa4ea, area));
      r = [];
      const n = 2 + rng.int(11);
      // The first is the maintainer (never the one who merges into master).
      for (let i = 0; i < n; i++) r.push(1 + (this.authorPick.sample(rng) % (this.authors.length - 1)));
      this.areaRegulars.set(area, r);
    }
    return r;
  }

  private author(area: number): number {
    if (area >= 0 && this.rng.chance(0.5)) {
      const r = this.regulars(area);
      return r[Math.floor(r.length * Math.pow(this.rng.float(), 2))]!;
    }
    return this.authorPick.sample(this.rng);
  }

  private ident(i: number, step: number): string {
    const a = this.authors[i]!;
    const old = a.alias !== null && step < a.switchStep;
    const name = old && a.aliasName ? a.aliasName : a.name;
    let email = old ? a.alias! : a.email;
    if (a.upperCase && this.rng.chance(0.3)) email = email.replace(/^./, (c) => c.toUpperCase()).replace(/@(.)/, (_, c: string) => `@${c.toUpperCase()}`);
    return `${name} <${email}>`;
  }

  private subjectPrefix(d: Dir): string {
    const parts = d.path.split('/');
    if (parts[0] === 'drivers' && parts.length >= 3) return `${parts[1]}/${parts[2]}`;
    if (parts.length >= 2) return parts.slice(0, 2).join('/').replace(/^(fs|net|arch|sound|tools)\//, '');
    return parts[0] || 'treewide';
  }

  private message(d: Dir, authorIdx: number, committerIdx: number): string {
    const rng = this.rng;
    const verbs = ['fix', 'add', 'remove', 'convert', 'use', 'drop', 'introduce', 'refactor', 'clean up', 'simplify', 'support', 'handle', 'avoid', 'document', 'update'];
    const subject = `${this.subjectPrefix(d)}: ${rng.pick(verbs)} ${rng.pick(WORDS)}_${rng.pick(WORDS)} ${rng.pick(PROSE)} ${rng.pick(WORDS)}`;
    const a = this.authors[authorIdx]!;
    const c = this.authors[committerIdx]!;
    const body = `${rng.pick(PROSE)} ${rng.pick(WORDS)} ${rng.pick(PROSE)} ${rng.pick(WORDS)} ${rng.pick(PROSE)} ${rng.pick(WORDS)}.`;
    let m = `${subject}\n\n${body}\n\nSigned-off-by: ${a.name} <${a.email}>\n`;
    if (committerIdx !== authorIdx) m += `Signed-off-by: ${c.name} <${c.email}>\n`;
    return m;
  }

  // --- time -----------------------------------------------------------------------------

  private time(step: number): number {
    if (step >= this.N - 1) return this.T1;
    const span = this.T1 - this.T0;
    const base = this.T0 + (span * step) / (this.N - 1);
    return Math.floor(base + (this.rng.float() - 0.5) * 0.9 * (span / (this.N - 1)));
  }

  private dates(step: number, skew: boolean): { author: number; committer: number } {
    const rng = this.rng;
    let committer = this.time(step);
    if (step < this.N - 1) {
      if (skew) committer -= Math.floor(86400 * rng.range(200, 600));
      else if (rng.chance(0.01)) committer -= Math.min(20 * 86400, Math.floor(rng.lognormal(7200, 1.5)));
    }
    const lag = rng.chance(0.3) ? rng.int(600) : Math.min(120 * 86400, Math.floor(rng.lognormal(2 * 86400, 1.3)));
    return { author: Math.max(this.T0 - 86400 * 30, committer - lag), committer };
  }

  // --- choosing what a commit touches --------------------------------------------------------

  private liveness(d: Dir, step: number): number {
    if (d.files.length === 0) return 0;
    if (d.bornStep > step) return 0;
    return d.dormantFrom <= step ? 0.04 : 1;
  }

  private pickDir(step: number): Dir {
    if (this.dirPick === null || step - this.dirPickAt >= 500) {
      const ids: number[] = [];
      const ws: number[] = [];
      for (const d of this.dirs) {
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
      const d = this.dirs[this.dirPickIds[this.dirPick.sample(this.rng)]!]!;
      if (d.files.length > 0) return d;
      this.dirPick = null; // stale: rebuild
      return this.pickDir(step);
    }
  }

  private pickInDir(d: Dir): FileRec {
    let x = this.rng.float() * d.hotSum;
    for (const id of d.files) {
      const f = this.files[id]!;
      x -= f.hot;
      if (x <= 0) return f;
    }
    return this.files[d.files[d.files.length - 1]!]!;
  }

  private randomIn(d: Dir): FileRec | null {
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

  private ancestorAt(d: Dir, depth: number): Dir {
    while (d.depth > depth) d = this.dirs[d.parent]!;
    return d;
  }

  private normalPlan(step: number): { primary: Dir; ops: Op[] } {
    const rng = this.rng;
    const d = this.pickDir(step);
    const k = commitSize(rng);
    const chosen = new Set<number>();
    const add = (f: FileRec | null): void => {
      if (f && f.kind !== Kind.Mailmap) chosen.add(f.id);
    };
    if (k <= 9) {
      for (let i = 0; i < k * 3 && chosen.size < Math.min(k, d.files.length); i++) add(this.pickInDir(d));
      const scope = this.dirs[d.parent] ?? d;
      for (let i = 0; i < k * 3 && chosen.size < k; i++) add(this.randomIn(scope));
    } else {
      const scope = k <= 100 ? this.ancestorAt(d, Math.min(d.depth, rng.chance(0.6) ? 3 : 2)) : this.ancestorAt(d, 1);
      const n = Math.min(k, scope.count);
      for (let i = 0; i < n * 3 && chosen.size < n; i++) add(this.randomIn(scope));
    }
    const ops: Op[] = [];
    for (const id of chosen) {
      const f = this.files[id]!;
      const x = f.name === 'Kconfig' || f.name === 'Makefile' ? 1 : rng.float();
      if (x < 0.007 && this.dirs[f.dir]!.files.length > 1) ops.push({ k: 'D', f: id });
      else if (x < 0.012) ops.push({ k: 'R', f: id, to: f.dir, modify: rng.chance(0.5) });
      else if (x < 0.015) {
        const par = this.dirs[this.dirs[f.dir]!.parent];
        const sib = par ? this.dirs[rng.pick([par.id, ...par.children])]! : null;
        ops.push({ k: 'R', f: id, to: sib && sib.count > 0 ? sib.id : f.dir, modify: rng.chance(0.4) });
      } else ops.push({ k: 'M', f: id });
    }
    // New files, paced so the tree grows from its initial size to the target.
    const target = this.initialFiles + ((this.targetFiles - this.initialFiles) * step) / this.N;
    const deficit = target - this.liveFiles;
    const pAdd = deficit > 0 ? Math.min(0.8, 0.06 + (0.06 * deficit) / (this.targetFiles * 0.0005 + 2)) : 0.01;
    if (k <= 9 && rng.chance(pAdd)) {
      const n = rng.chance(0.7) ? 1 : rng.chance(0.85) ? rng.range(2, 3) : rng.range(4, 10);
      for (let i = 0; i < n; i++) ops.push({ k: 'A', dir: d.id });
      const mk = d.files.map((id) => this.files[id]!).find((f) => f.name === 'Makefile');
      if (mk && !chosen.has(mk.id)) ops.push({ k: 'M', f: mk.id });
    }
    // Now and then a header in include/ or the MAINTAINERS file rides along.
    if (k <= 9 && rng.chance(0.04)) {
      this.includeLinux ??= this.dirs.find((x) => x.path === 'include/linux') ?? null;
      const f = this.includeLinux ? this.randomIn(this.includeLinux) : null;
      if (f && !chosen.has(f.id)) ops.push({ k: 'M', f: f.id });
    }
    if (k <= 9 && rng.chance(0.01)) {
      const m = this.files[0]!;
      if (!chosen.has(m.id)) ops.push({ k: 'M', f: m.id });
    }
    return { primary: d, ops };
  }

  private opArea(op: Op): number[] {
    if (op.k === 'A') return [this.dirs[op.dir]!.area];
    const a = this.dirs[this.files[op.f]!.dir]!.area;
    return op.k === 'R' ? [a, this.dirs[op.to]!.area] : [a];
  }

  // --- emitting commits ---------------------------------------------------------------------

  /** Applies ops to the state, emits their blobs, and returns fast-import file commands. */
  private async apply(ops: Op[], branch: Branch | null): Promise<string[]> {
    const cmds: string[] = [];
    for (const op of ops) {
      if (op.k === 'M') {
        const f = this.files[op.f]!;
        if (!f.live) continue;
        this.evolve(f);
        await this.blob(f);
        cmds.push(`M ${this.mode(f)} :${f.mark} ${this.path(f)}`);
        branch?.touched.add(f.id);
      } else if (op.k === 'D') {
        const f = this.files[op.f]!;
        if (!f.live) continue;
        const p = this.path(f);
        this.detach(f);
        f.live = false;
        f.lineIds = f.revs = null;
        cmds.push(`D ${p}`);
        branch?.deleted.add(p);
        branch?.touched.add(f.id);
      } else if (op.k === 'R') {
        const f = this.files[op.f]!;
        if (!f.live) continue;
        const old = this.path(f);
        const to = this.dirs[op.to]!;
        this.detach(f);
        if (to.id === this.dirs[f.dir]!.id || to.names.has(f.name)) {
          let name = f.name;
          const dot = name.lastIndexOf('.');
          const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
          while (to.names.has(name) || name === f.name) name = `${stem}_${syllableWord(this.rng, 1, 2)}${ext}`;
          f.name = name;
        }
        this.attach(f, to);
        if (op.modify) {
          this.evolve(f);
          await this.blob(f);
        }
        cmds.push(`D ${old}`, `M ${this.mode(f)} :${f.mark} ${this.path(f)}`);
        branch?.deleted.add(old);
        branch?.touched.add(f.id);
      } else {
        const d = this.dirs[op.dir]!;
        const f = this.newFile(d);
        await this.blob(f);
        cmds.push(`M ${this.mode(f)} :${f.mark} ${this.path(f)}`);
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
    const authorIdx = this.author(area);
    const committerIdx = target ? target.maintainer : this.rng.chance(0.6) ? authorIdx : this.authorPick.sample(this.rng) % 12;
    const dates = this.dates(step, skew);
    const mark = step + 1;
    const ref = target ? `refs/heads/wip/${target.slot}` : 'refs/heads/master';
    const a = this.authors[authorIdx]!;
    const c = this.authors[committerIdx]!;
    this.commitHeader(ref, mark, this.ident(authorIdx, step), dates, this.ident(committerIdx, step), a.tz, c.tz, this.message(primary, authorIdx, committerIdx));
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
    const m = this.authors[b.maintainer]!;
    const area = this.dirs[b.area]!;
    const committed = this.dates(step, false).committer;
    const dates = { author: committed, committer: committed };
    const msg = `Merge tag '${area.name}-${step}' of git://git.kernel.org/pub/scm/linux/kernel/git/${m.email.split('@')[0] || 'maint'}/${area.name}\n\nPull ${area.path} updates from ${m.name}:\n\n - ${b.commits} commit${b.commits === 1 ? '' : 's'}\n`;
    this.commitHeader('refs/heads/master', mark, this.ident(0, step), dates, this.ident(0, step), this.authors[0]!.tz, this.authors[0]!.tz, msg);
    this.out.text(`merge :${b.tipMark}\n`);
    // The merge's tree is master's plus the branch's changes (disjoint by construction).
    for (const p of b.deleted) this.out.text(`D ${p}\n`);
    for (const id of b.touched) {
      const f = this.files[id]!;
      if (f.live) this.out.text(`M ${this.mode(f)} :${f.mark} ${this.path(f)}\n`);
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
      maintainer: this.regulars(area)[0]!,
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
      const mine = ops.filter((op) => this.opArea(op).every((a) => a === pa));
      if (mine.length === 0) return false;
      await this.emit(step, owner, primary, mine, owner.commits === 0, this.takeSkew(owner));
      return true;
    }
    const free = ops.filter((op) => this.opArea(op).every((a) => !this.claimed.has(a)));
    if (free.length === 0) return false;
    const single = pa >= 0 && free.every((op) => this.opArea(op).every((a) => a === pa));
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
  private async event(step: number, e: Event): Promise<'placed' | 'blocked' | 'void'> {
    const rng = this.rng;
    if (e.kind === 'skew') {
      this.pendingSkew++;
      return 'void'; // the next new maintainer branch gets a commit with a broken clock
    }
    const placed = (ok: boolean): 'placed' | 'void' => (ok ? 'placed' : 'void');
    if (e.kind === 'sweep') {
      const ops: Op[] = [];
      for (const f of this.files) {
        if (f.live && f.kind !== Kind.Mailmap && rng.chance(e.fraction) && !this.claimed.has(this.dirs[f.dir]!.area)) ops.push({ k: 'M', f: f.id });
      }
      return placed(await this.route(step, this.dirs[0]!, ops, true));
    }
    const d = this.dirs[e.dir]!;
    if (e.kind === 'birth') {
      const ops: Op[] = [];
      for (const x of this.subtree(d)) {
        const n = Math.max(1, Math.round(x.planned * (0.25 + 0.2 * rng.float())));
        for (let i = 0; i < n; i++) ops.push({ k: 'A', dir: x.id });
      }
      const parent = this.dirs[d.parent]!;
      for (const id of parent.files) if (this.files[id]!.kind === Kind.Kbuild) ops.push({ k: 'M', f: id });
      return placed(await this.route(step, d, ops));
    }
    if (e.kind === 'remove') {
      const ops: Op[] = [];
      for (const x of this.subtree(d)) for (const id of x.files) ops.push({ k: 'D', f: id });
      const parent = this.dirs[d.parent]!;
      for (const id of parent.files) if (this.files[id]!.kind === Kind.Kbuild) ops.push({ k: 'M', f: id });
      if (ops.length === 0) return 'void';
      return placed(await this.route(step, d, ops));
    }
    // move: the whole subtree under a new parent, most files unchanged (exact renames).
    const dest = this.dirs[e.to]!;
    if (d.count === 0) return 'void';
    if (this.claimed.has(d.area) || this.claimed.has(dest.area)) return 'blocked';
    const ops: Op[] = [];
    const copy = (src: Dir, parent: Dir): void => {
      let name = src.name;
      while (parent.names.has(name)) name = `${src.name}${rng.int(10)}`;
      const nd = this.newDir(name, parent, src.flavor);
      nd.area = dest.area;
      nd.base = src.base;
      nd.planned = src.planned;
      for (const id of [...src.files]) ops.push({ k: 'R', f: id, to: nd.id, modify: rng.chance(0.1) });
      for (const c of src.children) copy(this.dirs[c]!, nd);
    };
    copy(d, dest);
    for (const x of this.subtree(d)) x.base = 0;
    this.dirPick = null;
    return placed(await this.route(step, dest, ops, true));
  }

  // --- the whole run --------------------------------------------------------------------------

  async run(out: FastImport): Promise<GenStats> {
    this.out = out;
    const rng = this.rng;
    // Step 0: the initial import, on master.
    const root = this.dirs[0]!;
    const initial: FileRec[] = [];
    this.newFile(root, { name: 'MAINTAINERS', kind: Kind.Prose, hot: 1 });
    const maint = this.files[0]!;
    maint.lineIds = new Uint32Array(2000).map((_, i) => i);
    maint.revs = new Uint32Array(2000);
    maint.nextLine = 2000;
    initial.push(maint);
    initial.push(this.newFile(root, { name: '.mailmap', kind: Kind.Mailmap, hot: 0 }));
    for (const n of ROOT_FILES.slice(1)) initial.push(this.newFile(root, { name: n, kind: n === 'Makefile' || n === 'Kconfig' ? Kind.Kbuild : Kind.Prose, hot: 0.2 }));
    // About 60% of the planned tree exists at the start; the rest is added over the years.
    const planned = this.dirs.reduce((a, d) => a + (d.bornStep > 0 ? 0 : d.planned), 0);
    const fill = Math.min(1, (0.6 * this.targetFiles) / planned) / 0.625;
    for (const d of this.dirs) {
      if (d.id === 0 || d.bornStep > 0) continue;
      const n = d.planned <= 3 ? d.planned : Math.max(1, Math.round(d.planned * fill * (0.45 + 0.35 * rng.float())));
      for (let i = 0; i < n; i++) initial.push(this.newFile(d));
    }
    this.initialFiles = this.liveFiles;
    for (const f of initial) await this.blob(f);
    this.commitHeader('refs/heads/master', 1, this.ident(0, 0), { author: this.T0, committer: this.T0 }, this.ident(0, 0), '+0000', '+0000', 'Initial import of the synthetic kernel tree\n');
    for (const f of initial) this.out.text(`M ${this.mode(f)} :${f.mark} ${this.path(f)}\n`);
    this.out.text('\n');
    this.masterMark = 1;
    this.stats.commits++;

    const progressEvery = Math.max(1, Math.floor(this.N / 20));
    const maxAge = Math.max(50, Math.floor((this.N / (this.p.years * 365)) * 30)); // ~30 days
    for (let step = 1; step < this.N; step++) {
      if (step % progressEvery === 0) process.stderr.write(`generate: ${step}/${this.N} commits (${Math.round((100 * step) / this.N)}%), ${this.liveFiles} files, ${this.open.length} open branches\n`);
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
      for (let i = 0; !done && i < this.events.length && this.events[i]!.step <= step && step < this.N - 1; ) {
        const r = await this.event(step, this.events[i]!);
        if (r === 'blocked') i++;
        else {
          this.events.splice(i, 1);
          done = r === 'placed';
        }
      }
      if (done) continue;
      // 3. An ordinary commit.
      for (;;) {
        const { primary, ops } = this.normalPlan(step);
        if (ops.length === 0) continue;
        if (await this.route(step, primary, ops, step === this.N - 1)) break;
      }
    }
    this.stats.filesAtHead = this.liveFiles;
    this.stats.driverLeaves = this.dirs.filter((d) => d.depth === 3 && d.path.startsWith('drivers/') && d.count > 0).length;
    this.out.text('done\n');
    await this.out.end();
    this.stats.streamBytes = this.out.bytesOut;
    return this.stats;
  }
}

// ---------------------------------------------------------------------------------------------
// Running git

export interface GenerateOptions extends GenParams {
  dir: string;
  checkout: boolean;
}

export async function generate(o: GenerateOptions): Promise<GenStats> {
  const dir = resolve(o.dir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty; give a new or empty directory`);
  mkdirSync(dir, { recursive: true });
  const env = hermeticGitEnv();
  const git = (args: string[]): string => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  git(['init', '-q', '-b', 'master', ...(o.checkout ? [] : ['--bare'])]);
  git(['config', 'gc.auto', '0']);
  const config = o.compression === -1 ? [] : ['-c', `pack.compression=${o.compression}`];
  // --big-file-threshold=1: every blob is streamed, without a delta against whatever blob came
  // before it in the stream (unrelated files: slow to try, and chains that real packs don't have).
  // The malloc tunables keep fast-import from mapping and zeroing fresh pages for every object.
  const args = [...config, 'fast-import', '--done', '--date-format=raw', `--active-branches=${MAX_OPEN + 8}`, '--big-file-threshold=1', process.env.KSTAT_BENCH_FI_STATS ? '--stats' : '--quiet']; // KSTAT_BENCH_FI_STATS=1: fast-import's statistics on stderr
  const tunables = 'glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=268435456:glibc.malloc.top_pad=67108864';
  const child = spawn('git', args, { cwd: dir, env: { ...env, GLIBC_TUNABLES: tunables }, stdio: ['pipe', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    if (stderr.length < 65536) stderr += c.toString('utf8');
  });
  const exited = new Promise<number>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code) => res(code ?? 1));
  });
  const dead = exited.then((code) => {
    throw new Error(`git fast-import exited early (${code}): ${stderr.trim()}`);
  });
  dead.catch(() => {});
  child.stdin.on('error', () => {}); // reported through the exit code
  const g = new Generator(o);
  const stats = await g.run(new FastImport(child.stdin, dead));
  child.stdin.end();
  const code = await exited;
  if (process.env.KSTAT_BENCH_FI_STATS) process.stderr.write(stderr);
  if (code !== 0) throw new Error(`git fast-import failed (${code}): ${stderr.trim()}`);
  // Branch refs of merged maintainer trees are not needed: everything is reachable from master.
  const refs = git(['for-each-ref', '--format=%(refname)', 'refs/heads/wip/']).split('\n').filter(Boolean);
  if (refs.length > 0) execFileSync('git', ['update-ref', '--stdin'], { cwd: dir, env, input: refs.map((r) => `delete ${r}\n`).join('') });
  if (o.checkout) git(['reset', '-q', '--hard', 'master']);
  writeFileSync(resolve(dir, o.checkout ? '.git' : '.', 'kstat-bench.json'), JSON.stringify({ generator: GENERATOR_VERSION, params: { ...o, dir: undefined }, stats }, null, 2) + '\n');
  return stats;
}

function usage(msg: string): never {
  process.stderr.write(`generate: ${msg}\nusage: node dist/bench/generate.js --dir DIR [--scale F] [--commits N] [--files N] [--years Y] [--seed S] [--head ISO] [--checkout] [--compression L]\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  let dir: string | undefined;
  let scale = 1;
  const over: Partial<GenParams> = {};
  let checkout = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = (): string => argv[++i] ?? usage(`${a} needs a value`);
    const num = (): number => {
      const v = Number(val());
      if (!Number.isFinite(v) || v <= 0) usage(`${a} needs a positive number`);
      return v;
    };
    if (a === '--dir') dir = val();
    else if (a === '--scale') scale = num();
    else if (a === '--commits') over.commits = Math.round(num());
    else if (a === '--files') over.files = Math.round(num());
    else if (a === '--years') over.years = Math.round(num());
    else if (a === '--seed') over.seed = Math.round(num());
    else if (a === '--head') {
      const h = val();
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(h)) usage('--head needs YYYY-MM-DDTHH:MM:SSZ');
      over.head = h;
    } else if (a === '--compression') over.compression = Math.round(Number(val()));
    else if (a === '--checkout') checkout = true;
    else usage(`unknown argument ${a}`);
  }
  if (!dir) usage('--dir is required');
  const p = paramsFor(scale, over);
  if (p.commits < 200) usage('--commits must be at least 200');
  const stats = await generate({ ...p, dir, checkout });
  const ru = process.resourceUsage();
  process.stdout.write(
    JSON.stringify({ dir: resolve(dir), ...p, ...stats, generatorMaxRssMB: Math.round(ru.maxRSS / 1024), generatorCpuSeconds: Math.round((ru.userCPUTime + ru.systemCPUTime) / 1e5) / 10 }) + '\n',
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`generate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
