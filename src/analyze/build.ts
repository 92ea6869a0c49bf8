// A batch's build figures (docs/signals.md "Build switches"): the CONFIG_ symbols that build each
// path (the nearest kbuild line above it that switches it, and its own makefile's switches), each
// with its Kconfig entry and the defconfigs that set it. The tree is listed once per run, the
// Kconfig and defconfig files read once per run when a symbol first needs them, and each
// makefile once, from the revision's tree (never the work tree).
import { blobTexts, grepTree, objectTypes, treeEntries } from '../git/blobs.js';
import type { GitContext } from '../git/run.js';
import { building, ownSymbols, parseKbuild, targetOf, type KbuildAssignment } from '../kernel/kbuild.js';
import { parseKconfig, type KconfigEntry } from '../kernel/kconfig.js';
import type { BuildFigures } from '../types.js';
import type { Part } from './kernel.js';
import type { Context } from './open.js';

type Switch = BuildFigures['build_switches'][number];
type Makefile = { path: string; lines: KbuildAssignment[] };
type Definition = { path: string; entry: KconfigEntry };

/** What a run has read, each piece once however many batches ask (docs/signals.md "Build switches": cost). */
interface Run {
  /** Tree entries asked for: the object's id and type, or null when the tree has none. */
  entries: Map<string, { oid: string; type: string } | null>;
  /** Parsed makefiles, by object id. */
  makefiles: Map<string, Promise<KbuildAssignment[]>>;
  /** Each symbol's Kconfig definitions (name without CONFIG_), in the tree's order of files. */
  definitions: Map<string, Promise<Definition[]>>;
  /** Parsed Kconfig files, by path. */
  kconfigs: Map<string, Promise<KconfigEntry[]>>;
  /** The defconfig files, listed once. */
  defconfigs?: Promise<string[]>;
  /** For each CONFIG_ symbol, the defconfig files that set it to y or m. */
  enabled: Map<string, Promise<Set<string>>>;
}

const runs = new WeakMap<Context, Run>();

const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const inDir = (dir: string, name: string): string => (dir === '' ? name : `${dir}/${name}`);
/** A file whose name ends in defconfig, directly in an architecture's configs directory. */
const DEFCONFIG = /^arch\/[^/]+\/configs\/[^/]*defconfig$/;
/** Kconfig files anywhere (`Kconfig`, `Kconfig.debug`, …): git grep's glob, which needs magic pathspecs. */
const KCONFIGS = [':(glob)**/Kconfig*'];
/** Symbols per alternation: a pattern stays far below the system's limit on one argument. */
const PER_PATTERN = 400;
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A promise kept for later batches: its failure is theirs to see, never an unhandled rejection meanwhile. */
function kept<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

function runOf(ctx: Context): Run {
  let run = runs.get(ctx);
  if (!run) {
    run = { entries: new Map(), makefiles: new Map(), definitions: new Map(), kconfigs: new Map(), enabled: new Map() };
    runs.set(ctx, run);
  }
  return run;
}

/** Looks up the tree entries not yet known (paths, and the makefiles that may sit in or above them), in one cat-file. */
async function lookUp(git: GitContext, sha: string, run: Run, names: readonly string[]): Promise<void> {
  // cat-file takes one name a line: a path holding a newline is not asked, and has no entry.
  const ask = [...new Set(names)].filter((p) => p !== '' && !run.entries.has(p) && !p.includes('\n'));
  const found = await objectTypes(git, ask.map((p) => `${sha}:${p}`));
  ask.forEach((p, i) => run.entries.set(p, found[i] ?? null));
}

/** A directory's kbuild file as kbuild chooses it: its Kbuild, else its Makefile (read by readMakefiles). */
async function makefileOf(run: Run, dir: string): Promise<Makefile | null> {
  for (const name of ['Kbuild', 'Makefile']) {
    const e = run.entries.get(inDir(dir, name));
    if (e && e.type === 'blob') return { path: inDir(dir, name), lines: await run.makefiles.get(e.oid)! };
  }
  return null;
}

/** Reads every makefile of these directories not yet read, in one cat-file. */
function readMakefiles(git: GitContext, run: Run, dirs: Iterable<string>): void {
  const oids = new Set<string>();
  for (const dir of dirs) {
    for (const name of ['Kbuild', 'Makefile']) {
      const e = run.entries.get(inDir(dir, name));
      if (e && e.type === 'blob' && !run.makefiles.has(e.oid)) oids.add(e.oid);
    }
  }
  if (oids.size === 0) return;
  const list = [...oids];
  const texts = blobTexts(git, list);
  list.forEach((oid, i) => run.makefiles.set(oid, kept(texts.then((t) => parseKbuild(t[i] ?? '')))));
}

/** The Kconfig definitions of symbols not yet looked up: git grep finds the files with their `config` lines, which are then read whole. */
function lookUpDefinitions(git: GitContext, sha: string, run: Run, symbols: readonly string[]): void {
  const names = [...new Set(symbols.map((s) => s.slice('CONFIG_'.length)))].filter((n) => !run.definitions.has(n));
  if (names.length === 0) return;
  const patterns: string[] = [];
  for (let i = 0; i < names.length; i += PER_PATTERN) {
    patterns.push(`^[[:space:]]*(menu)?config[[:space:]]+(${names.slice(i, i + PER_PATTERN).map(escapeRe).join('|')})[[:space:]]*$`);
  }
  const found = (async (): Promise<Map<string, Definition[]>> => {
    const files = (await grepTree(git, sha, patterns, KCONFIGS, { listOnly: true, magic: true })).map((h) => h.path);
    const unread = files.filter((f) => !run.kconfigs.has(f));
    if (unread.length > 0) {
      const texts = blobTexts(git, unread.map((f) => `${sha}:${f}`));
      unread.forEach((f, i) => run.kconfigs.set(f, kept(texts.then((t) => parseKconfig(t[i] ?? '')))));
    }
    const out = new Map<string, Definition[]>();
    // A help text's `config` line sends a file here that defines nothing: the parse tells.
    for (const path of files) {
      for (const entry of await run.kconfigs.get(path)!) {
        const list = out.get(entry.name);
        if (list) list.push({ path, entry });
        else out.set(entry.name, [{ path, entry }]);
      }
    }
    return out;
  })();
  for (const n of names) run.definitions.set(n, kept(found.then((m) => m.get(n) ?? [])));
}

/** The defconfig files: the children of each arch/<arch>/configs directory whose names end in defconfig. */
async function listDefconfigs(git: GitContext, sha: string): Promise<string[]> {
  const arches = [...(await treeEntries(git, sha, ['arch/'])).values()].filter((e) => e.type === 'tree').map((e) => e.path.toString('utf8'));
  if (arches.length === 0) return [];
  const files = await treeEntries(git, sha, arches.map((a) => `${a}/configs/`));
  return [...files.entries()].filter(([p, e]) => e.type === 'blob' && DEFCONFIG.test(p)).map(([p]) => p);
}

/** For symbols not yet looked up, the defconfig files with an exact `CONFIG_X=y` or `=m` line, from one git grep. */
function lookUpEnabled(git: GitContext, sha: string, run: Run, symbols: readonly string[], defconfigs: readonly string[]): void {
  const ask = [...new Set(symbols)].filter((s) => !run.enabled.has(s));
  if (ask.length === 0) return;
  const patterns: string[] = [];
  for (let i = 0; i < ask.length; i += PER_PATTERN) patterns.push(`^(${ask.slice(i, i + PER_PATTERN).map(escapeRe).join('|')})=[ym]$`);
  const found = grepTree(git, sha, defconfigs.length > 0 ? patterns : [], defconfigs, { listOnly: false, magic: false }).then((lines) => {
    const out = new Map<string, Set<string>>();
    for (const { path, line } of lines) {
      const symbol = line!.slice(0, line!.indexOf('='));
      const set = out.get(symbol);
      if (set) set.add(path);
      else out.set(symbol, new Set([path]));
    }
    return out;
  });
  for (const s of ask) run.enabled.set(s, kept(found.then((m) => m.get(s) ?? new Set())));
}

/** Every directory above a path, nearest first, the top ('') last. */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let d = dirOf(path); ; d = dirOf(d)) {
    out.push(d);
    if (d === '') return out;
  }
}

/** What builds a path: the switches of the nearest line above that switches it, or why there are none. */
type Gate =
  | { kind: 'switched'; symbols: string[]; makefile: string }
  /** Named only by lines that always build it (`obj-y`), up to `top`, which nothing names. */
  | { kind: 'always'; top: string }
  | { kind: 'unnamed' };

/**
 * The nearest makefile above `path` that names it (`dir/`, `name.o`, also through several levels,
 * `mlx5/core/`): a switched line gives the gate; a line that always builds it sends the question
 * to the directory whose makefile that is; a file no line names is judged by its directory.
 */
function gateOf(path: string, isDir: boolean, makefiles: ReadonlyMap<string, Makefile>): Gate {
  let at = path;
  let dir = isDir;
  let climbed = false;
  for (;;) {
    if (at === '') return climbed ? { kind: 'always', top: '' } : { kind: 'unnamed' };
    let next: string | null = null;
    for (const a of ancestors(at)) {
      const file = makefiles.get(a);
      if (!file) continue;
      const target = targetOf(a === '' ? at : at.slice(a.length + 1), dir);
      const built = target === null ? null : building(file.lines, target);
      if (!built) continue;
      if (built.symbols.length > 0) return { kind: 'switched', symbols: built.symbols, makefile: file.path };
      next = a;
      break;
    }
    if (next !== null) {
      climbed = true;
      at = next;
      dir = true;
    } else if (!dir) {
      at = dirOf(at);
      dir = true;
    } else {
      return climbed ? { kind: 'always', top: at } : { kind: 'unnamed' };
    }
  }
}

export async function buildFigures(ctx: Context, paths: readonly string[], signal: AbortSignal): Promise<Part<BuildFigures>[]> {
  const run = runOf(ctx);
  const git = { ...ctx.repo, signal };
  const sha = ctx.rev.sha;
  const clean = paths.map((p) => (p === '.' ? '' : p.replace(/\/+$/, '')));
  // Each path, and the makefiles that may sit in it or above it.
  const dirs = [...new Set(clean.flatMap((p) => [p, ...(p === '' ? [] : ancestors(p))]))];
  await lookUp(git, sha, run, [...clean, ...dirs.flatMap((d) => [inDir(d, 'Kbuild'), inDir(d, 'Makefile')])]);
  const isDir = (p: string): boolean => p === '' || run.entries.get(p)?.type === 'tree';
  // Reads kept for later batches run under the run's context: one batch's stop must not fail another's.
  readMakefiles(ctx.repo, run, dirs);
  const makefiles = new Map<string, Makefile>();
  for (const d of dirs) {
    const m = await makefileOf(run, d);
    if (m) makefiles.set(d, m);
  }

  const found = clean.map((p) => {
    const exists = p === '' || run.entries.get(p) != null;
    // A path the tree does not hold has no switches (its report says it was deleted).
    const gate: Gate = p === '' || !exists ? { kind: 'unnamed' } : gateOf(p, isDir(p), makefiles);
    const own = isDir(p) ? makefiles.get(p) : undefined;
    const symbols = [...(gate.kind === 'switched' ? gate.symbols : []), ...(own ? ownSymbols(own.lines) : [])];
    return { exists, gate, own, symbols };
  });
  const symbols = found.flatMap((f) => f.symbols);
  let defconfigs: string[] = [];
  if (symbols.length > 0) {
    lookUpDefinitions(ctx.repo, sha, run, symbols);
    run.defconfigs ??= kept(listDefconfigs(ctx.repo, sha));
    defconfigs = await run.defconfigs;
    lookUpEnabled(ctx.repo, sha, run, symbols, defconfigs);
  }

  return Promise.all(
    clean.map(async (p, i) => {
      const { exists, gate, own } = found[i]!;
      const notes: string[] = [];
      const switches: Switch[] = [];
      const gates = gate.kind === 'switched' ? gate.symbols : [];
      const entry = async (symbol: string, from: Switch['from'], makefile: string): Promise<Switch> =>
        switchOf(symbol, from, makefile, await run.definitions.get(symbol.slice('CONFIG_'.length))!, defconfigs.length === 0 ? null : (await run.enabled.get(symbol)!).size);
      for (const symbol of gates) switches.push(await entry(symbol, 'parent', gate.kind === 'switched' ? gate.makefile : ''));
      for (const symbol of own ? ownSymbols(own.lines) : []) {
        if (!gates.includes(symbol)) switches.push(await entry(symbol, 'own', own!.path));
      }
      let count: number | null = null;
      if (!exists) {
        notes.push(`no build switches: ${p} is not in the tree of ${ctx.rev.name}`);
      } else if (gate.kind === 'unnamed') {
        notes.push(p === '' ? 'no build switch gates the top of the tree' : `no build switches: no Kbuild or Makefile above ${p} builds it`);
      } else if (gate.kind === 'always') {
        notes.push(`no build switch gates ${p}: kbuild builds it with obj-y up to ${gate.top === '' ? 'the top' : gate.top}`);
      } else if (defconfigs.length === 0) {
        notes.push('no arch/*/configs/*defconfig file in the tree: defconfigs is none');
      } else {
        const files = new Set<string>();
        for (const s of gates) for (const f of await run.enabled.get(s)!) files.add(f);
        count = files.size;
      }
      for (const s of switches) if (s.kconfig === null) notes.push(`${s.symbol} has no config entry in any Kconfig file`);
      return { figures: { build_switches: switches, defconfigs: count }, notes };
    }),
  );
}

/**
 * A symbol's entry: its Kconfig definition (the first, in the tree's order of files, that has a
 * prompt, else the first; the type from the first that gives one) and its defconfig count.
 */
function switchOf(symbol: string, from: Switch['from'], makefile: string, defs: readonly Definition[], defconfigs: number | null): Switch {
  const chosen = defs.find((d) => d.entry.prompt !== null) ?? defs[0];
  return {
    symbol,
    from,
    makefile,
    type: defs.find((d) => d.entry.type !== null)?.entry.type ?? null,
    prompt: chosen?.entry.prompt ?? null,
    depends_on: chosen?.entry.dependsOn ?? [],
    kconfig: chosen?.path ?? null,
    defconfigs,
  };
}
