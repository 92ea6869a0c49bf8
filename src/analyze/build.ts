// A batch's build figures (docs/signals.md "Build switches"): the CONFIG_ symbols that build each
// path (the nearest kbuild line above it that switches it, and its own makefile's switches), each
// with its Kconfig entry and the defconfigs that set it. The tree is listed once per run, the
// Kconfig and defconfig files read once per run when a symbol first needs them, and each
// makefile once, from the revision's tree (never the work tree).
import { blobTexts, treeFiles, type NamedBlob } from '../git/blobs.js';
import type { GitContext } from '../git/run.js';
import { building, ownSymbols, parseKbuild, targetOf, type KbuildAssignment } from '../kernel/kbuild.js';
import { enabledSymbols, parseKconfig, type KconfigEntry } from '../kernel/kconfig.js';
import type { BuildFigures } from '../types.js';
import type { Part } from './kernel.js';
import type { Context } from './open.js';

type Switch = BuildFigures['build_switches'][number];

/** The files of the revision that say what builds what. */
interface BuildTree {
  dirs: Set<string>;
  files: Set<string>;
  /** Each directory's kbuild file ('' for the top): its `Kbuild`, else its `Makefile`, as kbuild chooses. */
  makefiles: Map<string, NamedBlob>;
  kconfigs: NamedBlob[];
  defconfigs: NamedBlob[];
}

/** Every Kconfig entry by name, and which symbols each defconfig sets. */
interface SymbolIndex {
  entries: Map<string, Array<{ path: string; entry: KconfigEntry }>>;
  /** Per defconfig file, the CONFIG_ symbols it sets to y or m. */
  enabled: Array<Set<string>>;
}

interface Run {
  tree: Promise<BuildTree>;
  /** Parsed makefiles by object id. */
  makefiles: Map<string, Promise<KbuildAssignment[]>>;
  symbols?: Promise<SymbolIndex>;
}

const runs = new WeakMap<Context, Run>();

const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/** `arch/<arch>/configs/<name>defconfig`: a file directly in an architecture's configs directory. */
export const isDefconfig = (path: string): boolean => /^arch\/[^/]+\/configs\/[^/]*defconfig$/.test(path);
export const isKconfig = (path: string): boolean => base(path).startsWith('Kconfig');
const isMakefile = (path: string): boolean => base(path) === 'Kbuild' || base(path) === 'Makefile';

function runOf(ctx: Context): Run {
  let run = runs.get(ctx);
  if (!run) {
    run = { tree: readTree(ctx.repo, ctx.rev.sha), makefiles: new Map() };
    runs.set(ctx, run);
  }
  return run;
}

async function readTree(git: GitContext, sha: string): Promise<BuildTree> {
  const files = await treeFiles(git, sha, (p) => isMakefile(p) || isKconfig(p) || isDefconfig(p));
  const makefiles = new Map<string, NamedBlob>();
  for (const b of files.blobs) {
    if (!isMakefile(b.path)) continue;
    const dir = dirOf(b.path);
    if (base(b.path) === 'Kbuild' || !makefiles.has(dir)) makefiles.set(dir, b);
  }
  return { dirs: files.dirs, files: files.files, makefiles, kconfigs: files.blobs.filter((b) => isKconfig(b.path)), defconfigs: files.blobs.filter((b) => isDefconfig(b.path)) };
}

/** The makefiles of these directories, each read and parsed once per run. */
async function makefilesOf(git: GitContext, run: Run, tree: BuildTree, dirs: Iterable<string>): Promise<Map<string, { path: string; lines: KbuildAssignment[] }>> {
  const wanted = [...new Set(dirs)].flatMap((d) => {
    const blob = tree.makefiles.get(d);
    return blob ? [{ dir: d, blob }] : [];
  });
  const missing = [...new Set(wanted.map((w) => w.blob.oid).filter((oid) => !run.makefiles.has(oid)))];
  if (missing.length > 0) {
    const texts = blobTexts(git, missing);
    for (const oid of missing) run.makefiles.set(oid, texts.then((t) => parseKbuild(t.get(oid) ?? '')));
  }
  const out = new Map<string, { path: string; lines: KbuildAssignment[] }>();
  for (const w of wanted) out.set(w.dir, { path: w.blob.path, lines: await run.makefiles.get(w.blob.oid)! });
  return out;
}

async function readSymbols(git: GitContext, tree: BuildTree): Promise<SymbolIndex> {
  const texts = await blobTexts(git, [...tree.kconfigs, ...tree.defconfigs].map((b) => b.oid));
  const entries = new Map<string, Array<{ path: string; entry: KconfigEntry }>>();
  for (const k of tree.kconfigs) {
    for (const entry of parseKconfig(texts.get(k.oid) ?? '')) {
      const list = entries.get(entry.name);
      if (list) list.push({ path: k.path, entry });
      else entries.set(entry.name, [{ path: k.path, entry }]);
    }
  }
  return { entries, enabled: tree.defconfigs.map((d) => enabledSymbols(texts.get(d.oid) ?? '')) };
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
function gateOf(path: string, isDir: boolean, makefiles: Map<string, { path: string; lines: KbuildAssignment[] }>): Gate {
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
  const tree = await run.tree;
  const clean = paths.map((p) => (p === '.' ? '' : p.replace(/\/+$/, '')));
  const makefiles = await makefilesOf(git, run, tree, clean.flatMap((p) => (p === '' ? [''] : [p, ...ancestors(p)])));
  const found = clean.map((p) => {
    const dir = isDir(tree, p);
    // A path the tree does not hold has no switches (its report says it was deleted).
    const gate: Gate = p === '' || (!dir && !tree.files.has(p)) ? { kind: 'unnamed' } : gateOf(p, dir, makefiles);
    const own = dir ? makefiles.get(p) : undefined;
    return { gate, own };
  });
  const anySymbol = found.some((f) => f.gate.kind === 'switched' || (f.own && ownSymbols(f.own.lines).length > 0));
  // Read once per run, by the first batch that needs them.
  if (anySymbol) run.symbols ??= readSymbols(ctx.repo, tree);
  const index = anySymbol ? await run.symbols! : null;

  return clean.map((p, i) => {
    const { gate, own } = found[i]!;
    const notes: string[] = [];
    const switches: Switch[] = [];
    const gates = gate.kind === 'switched' ? gate.symbols : [];
    for (const symbol of gates) switches.push(switchOf(symbol, 'parent', gate.kind === 'switched' ? gate.makefile : '', tree, index!));
    for (const symbol of own ? ownSymbols(own.lines) : []) {
      if (!gates.includes(symbol)) switches.push(switchOf(symbol, 'own', own!.path, tree, index!));
    }
    let defconfigs: number | null = null;
    if (p !== '' && !isDir(tree, p) && !tree.files.has(p)) {
      notes.push(`no build switches: ${p} is not in the tree of ${ctx.rev.name}`);
    } else if (gate.kind === 'unnamed') {
      notes.push(p === '' ? 'no build switch gates the top of the tree' : `no build switches: no Kbuild or Makefile above ${p} builds it`);
    } else if (gate.kind === 'always') {
      notes.push(`no build switch gates ${p}: kbuild builds it with obj-y up to ${gate.top === '' ? 'the top' : gate.top}`);
    } else if (tree.defconfigs.length === 0) {
      notes.push('no arch/*/configs/*defconfig file in the tree: defconfigs is none');
    } else {
      defconfigs = index!.enabled.filter((set) => gates.some((s) => set.has(s))).length;
    }
    if (switches.length > 0) {
      if (tree.kconfigs.length === 0) notes.push('no Kconfig file in the tree: the switches have no type, prompt or dependencies');
      else for (const s of switches) if (s.kconfig === null) notes.push(`${s.symbol} has no config entry in any Kconfig file`);
    }
    return { figures: { build_switches: switches, defconfigs }, notes };
  });
}

const isDir = (tree: BuildTree, path: string): boolean => path === '' || tree.dirs.has(path);

/**
 * A symbol's entry: its Kconfig definition (the first, in git's order of the files, that has a
 * prompt, else the first; the type from the first that gives one) and its defconfig count.
 */
function switchOf(symbol: string, from: Switch['from'], makefile: string, tree: BuildTree, index: SymbolIndex): Switch {
  const defs = index.entries.get(symbol.slice('CONFIG_'.length)) ?? [];
  const chosen = defs.find((d) => d.entry.prompt !== null) ?? defs[0];
  return {
    symbol,
    from,
    makefile,
    type: defs.find((d) => d.entry.type !== null)?.entry.type ?? null,
    prompt: chosen?.entry.prompt ?? null,
    depends_on: chosen?.entry.dependsOn ?? [],
    kconfig: chosen?.path ?? null,
    defconfigs: tree.defconfigs.length === 0 ? null : index.enabled.filter((set) => set.has(symbol)).length,
  };
}
