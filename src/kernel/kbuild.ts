// Kbuild makefiles (a directory's `Kbuild`, else its `Makefile`) read for what they build and under
// which CONFIG_ symbols (docs/signals.md "Build switches"). Pure: text in, assignments out; make
// itself is not run, so only the plain forms kbuild uses are understood.

/** One `VAR-COND op targets` line: `obj-$(CONFIG_FOO) += foo/ bar.o`, `mlx5_core-y := main.o`. */
export interface KbuildAssignment {
  /** `obj`, `subdir`, `lib`: kbuild's own lists; anything else is a composite object's parts (`mlx5_core`). */
  base: string;
  /** The CONFIG_ symbols that switch the line (its variable's, else its enclosing `ifdef`'s); empty when it is always on. */
  symbols: string[];
  /** Targets as written, `./` removed; those holding a variable are left out. */
  targets: string[];
  /** 1-based line where the (joined) line starts. */
  line: number;
}

/** kbuild's lists of what it builds in and below a directory. */
const LISTS = new Set(['obj', 'subdir', 'lib']);

const SYMBOL = /CONFIG_[A-Za-z0-9_]+/g;

/** Physical lines joined where a backslash ends one, as make reads them: `[start line, text]`. */
export function logicalLines(text: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  const physical = text.split(/\r?\n/);
  for (let i = 0; i < physical.length; i++) {
    const start = i + 1;
    let line = physical[i]!;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < physical.length) {
      line = `${line.slice(0, -1)} ${physical[++i]!}`;
    }
    out.push([start, line]);
  }
  return out;
}

/** A line without its comment: `#` to the end, unless escaped (`\#`). */
export function uncommented(line: string): string {
  const m = /(^|[^\\])#/.exec(line);
  return m ? line.slice(0, m.index + m[1]!.length) : line;
}

/**
 * The symbols an `ifdef`/`ifeq`/`ifneq` turns a block on with: `ifdef CONFIG_X`,
 * `ifeq ($(CONFIG_X),y)` (or `m`), `ifneq ($(CONFIG_X),)` (or `n`); null for any other condition
 * (`ifndef`, a comparison kstat cannot read as "X is on"), whose block then counts as always on.
 */
export function conditionSymbols(line: string): string[] | null {
  const d = /^ifdef\s+(CONFIG_[A-Za-z0-9_]+)\s*$/.exec(line);
  if (d) return [d[1]!];
  const c = /^(ifeq|ifneq)\s*\(\s*\$[({](CONFIG_[A-Za-z0-9_]+)[)}]\s*,\s*([^)]*?)\s*\)\s*$/.exec(line);
  if (!c) return null;
  const on = c[1] === 'ifeq' ? c[3] === 'y' || c[3] === 'm' : c[3] === '' || c[3] === 'n';
  return on ? [c[2]!] : null;
}

/** Every assignment to a kbuild list or a composite object's parts, in file order. */
export function parseKbuild(text: string): KbuildAssignment[] {
  const out: KbuildAssignment[] = [];
  // Enclosing conditional blocks: the symbols each turns on with ([] when none, or in an `else`).
  const blocks: string[][] = [];
  for (const [line, raw] of logicalLines(text)) {
    const body = uncommented(raw).trim();
    if (body === '') continue;
    if (/^if(def|ndef|eq|neq)\b/.test(body)) {
      blocks.push(conditionSymbols(body) ?? []);
      continue;
    }
    if (/^else\b/.test(body)) {
      // An `else` is on when the condition is off: no symbol says so. `else ifdef …` opens anew.
      blocks[blocks.length - 1] = conditionSymbols(body.slice(4).trim()) ?? [];
      continue;
    }
    if (/^endif\b/.test(body)) {
      blocks.pop();
      continue;
    }
    const a = assignment(body);
    if (!a) continue;
    const enclosing = [...new Set(blocks.flat())];
    out.push({ base: a.base, symbols: a.symbols ?? enclosing, targets: a.targets, line });
  }
  return out;
}

/** `obj-$(CONFIG_X) += a/ b.o` → its parts; null for any other line. `symbols` null: always on. */
function assignment(body: string): { base: string; symbols: string[] | null; targets: string[] } | null {
  const op = /^(.+?)\s*(\+=|:=|\?=|=)\s*(.*)$/.exec(body);
  if (!op) return null;
  const variable = op[1]!;
  let base: string;
  let symbols: string[] | null;
  const plain = /^(.+?)-(y|m|objs)$/.exec(variable);
  const switched = /^(.+?)-(\$[({].*[)}])$/.exec(variable);
  if (plain) {
    base = plain[1]!;
    symbols = null;
  } else if (switched) {
    base = switched[1]!;
    symbols = [...new Set(switched[2]!.match(SYMBOL) ?? [])];
    // A condition that names no symbol (`obj-$(foo)`) cannot be read.
    if (symbols.length === 0) return null;
  } else {
    return null;
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(base)) return null;
  const targets = op[3]!
    .split(/\s+/)
    .filter((t) => t !== '' && !t.includes('$'))
    .map((t) => t.replace(/^(\.\/)+/, ''));
  return { base, symbols, targets };
}

/** Whether a target is something kbuild builds (an object or a directory), not a flag or a file to generate. */
const isBuilt = (target: string): boolean => target.endsWith('.o') || target.endsWith('/');

/** What a path is to its makefile: a directory `name/`, or a source file `name.c` built as `name.o`. */
export function targetOf(relative: string, isDirectory: boolean): string | null {
  if (isDirectory) return `${relative}/`;
  const m = /^(.*)\.(c|S|s|rs)$/.exec(relative);
  return m ? `${m[1]}.o` : null;
}

/** How a makefile builds a target: the switched lines' symbols, and whether some line builds it always. */
export interface Building {
  symbols: string[];
  always: boolean;
}

/**
 * How the assignments build `target` (`foo/`, `bar.o`): by kbuild's lists, or as a part of a
 * composite object, which is then looked up in turn (`foo-y += bar.o`, `obj-$(CONFIG_FOO) += foo.o`).
 * Null when no line names it.
 */
export function building(assignments: readonly KbuildAssignment[], target: string, seen: ReadonlySet<string> = new Set()): Building | null {
  const symbols: string[] = [];
  let always = false;
  let named = false;
  for (const a of assignments) {
    if (!a.targets.includes(target)) continue;
    if (LISTS.has(a.base)) {
      named = true;
      if (a.symbols.length === 0) always = true;
      else symbols.push(...a.symbols);
      continue;
    }
    if (!target.endsWith('.o')) continue;
    // A part of `base.o`: switched by this line, or built when `base.o` is.
    const whole = `${a.base}.o`;
    if (a.symbols.length > 0) {
      named = true;
      symbols.push(...a.symbols);
    } else if (!seen.has(whole)) {
      const outer = building(assignments, whole, new Set([...seen, target]));
      if (outer) {
        named = true;
        symbols.push(...outer.symbols);
        always ||= outer.always;
      }
    }
  }
  return named ? { symbols: [...new Set(symbols)], always } : null;
}

/** The symbols a makefile switches its own parts with: every switched line that builds an object or directory, in file order. */
export function ownSymbols(assignments: readonly KbuildAssignment[]): string[] {
  return [...new Set(assignments.filter((a) => a.targets.some(isBuilt)).flatMap((a) => a.symbols))];
}
