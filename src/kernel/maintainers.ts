// The kernel's MAINTAINERS file (also coreboot's) and which of its sections cover a path, as
// scripts/get_maintainer.pl reads and matches them (docs/signals.md, "MAINTAINERS"). Pure, over
// latin1 strings (every byte kept): paths are matched as bytes, as git names them.

export const STATUSES = ['Supported', 'Maintained', 'Odd Fixes', 'Orphan', 'Obsolete', 'Buried'] as const;
export type Status = (typeof STATUSES)[number];

export interface Field {
  /** One capital letter: `F`, `M`, … */
  type: string;
  value: string;
}

export interface Section {
  /** Its name line, as written (trailing blanks dropped). */
  name: string;
  /** Every `X:` line, in file order. */
  fields: Field[];
  /** The first `S:` line read leniently; null without one, or with one naming no known status. */
  status: Status | null;
  /** The first `S:` line as written. */
  statusText: string | null;
}

/** `X: value`, any blanks (or none) after the colon, as get_maintainer.pl reads a field. */
const FIELD = /^([A-Z]):\s*(.*)$/;

/**
 * The file's sections. As get_maintainer.pl reads it: blank lines are nothing; a field line is
 * `X:` at the start of a line; a section is a run of field lines, named by the line before the
 * run. Text before the first field line is preamble. Unlike get_maintainer.pl, a line starting
 * with `#` (a commented-out field) is skipped, where the script would take it for the name of a
 * new section, and CRs and trailing blanks are dropped (the script keeps them in the value).
 */
export function parseMaintainers(text: string): Section[] {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l !== '' && !/^\s*#/.test(l));
  const sections: Section[] = [];
  let current: Section | null = null;
  let previous: string | null = null;
  for (const line of lines) {
    const m = FIELD.exec(line);
    if (!m) {
      current = null;
      previous = line;
      continue;
    }
    if (!current) {
      current = { name: previous ?? '', fields: [], status: null, statusText: null };
      sections.push(current);
    }
    const field = { type: m[1]!, value: m[2]! };
    current.fields.push(field);
    if (field.type === 'S' && current.statusText === null) {
      current.statusText = field.value;
      current.status = normaliseStatus(field.value);
    }
  }
  return sections;
}

/** `Maintained`, `odd fixes`, `Orphaned (Since 2017-01)`, `Obsolete (use X instead)`: the status meant, or null. */
export function normaliseStatus(text: string): Status | null {
  const t = text.trim().toLowerCase();
  if (t.startsWith('support')) return 'Supported';
  if (t.startsWith('maintain')) return 'Maintained';
  if (/^odd[\s_-]*fix/.test(t)) return 'Odd Fixes';
  if (t.startsWith('orphan')) return 'Orphan';
  if (t.startsWith('obsolete')) return 'Obsolete';
  if (t.startsWith('buried')) return 'Buried';
  return null;
}

/** The values of one field type of a section, in file order. */
export function valuesOf(section: Section, type: string): string[] {
  return section.fields.filter((f) => f.type === type).map((f) => f.value);
}

/** A section covering a path: which, how deep its pattern reaches, and the pattern as written. */
export interface Cover {
  section: number;
  /** The `F:` or `N:` value as written that set the depth (the section's last matching line, as the script keeps it). */
  matched: string;
  /** get_maintainer.pl's pattern depth: deeper is more specific. */
  depth: number;
}

interface FilePattern {
  /** The value as written. */
  text: string;
  /** As the script turns it into a regex: `.` → `\.`, `*` → `.*`, `?` → `.`, a directory given a trailing `/`. */
  regex: string;
  re: RegExp | null;
  slashes: number;
  dir: boolean;
  depth: number;
}

interface CompiledLine {
  type: 'F' | 'N';
  text: string;
  file?: FilePattern;
  re?: RegExp | null;
}

interface CompiledSection {
  excludes: FilePattern[];
  lines: CompiledLine[];
}

const count = (s: string, ch: string): number => {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
};

/** A regex, or null when the script's would not compile either (it then matches nothing here). */
function regex(source: string, extended = false): RegExp | null {
  // Perl's /x: blanks in the pattern are not part of it (N: lines are read so).
  const text = extended ? source.replace(/\\.|\s+/g, (m) => (m.startsWith('\\') ? m : '')) : source;
  try {
    return new RegExp(text);
  } catch {
    return null;
  }
}

function filePattern(value: string, isDir: (path: string) => boolean): FilePattern {
  let regexText = value.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.');
  // The script asks the file system whether the converted text names a directory (so one with a
  // `.`, now `\.`, never does); kstat asks the revision's tree.
  if (isDir(regexText)) regexText = regexText.replace(/([^/])$/, '$1/');
  const dir = regexText.endsWith('/');
  const slashes = count(regexText, '/');
  let depth = slashes + (dir ? 0 : 1);
  if (regexText.startsWith('.*')) depth = -1;
  return { text: value, regex: regexText, re: regex(`^${regexText}`), slashes, dir, depth };
}

/**
 * The whole directories a converted pattern (`drivers/net/eth.*`) starts with, `drivers/net/`:
 * its text up to the last `/` before anything but a literal character or an escaped dot.
 */
function literalDirs(regexText: string): string {
  let end = 0;
  for (let i = 0; i < regexText.length; i++) {
    const c = regexText[i]!;
    if (c === '\\' && regexText[i + 1] === '.') {
      i++;
      continue;
    }
    if ('.*?+[](){}|^$\\'.includes(c)) break;
    if (c === '/') end = i + 1;
  }
  return regexText.slice(0, end).replace(/\\\./g, '.');
}

/** The script's file_match_pattern: a directory pattern matches all below; any other only at its own level. */
function fileMatches(p: FilePattern, file: string): boolean {
  if (!p.re || !p.re.test(file)) return false;
  return p.dir || count(file, '/') === p.slashes;
}

/** The sections that cover each path, most specific first, as get_maintainer.pl orders them. */
export class MaintainersMatcher {
  private readonly compiled: CompiledSection[];
  /**
   * The sections an `F:` line could make cover a path, by the whole directories its pattern
   * starts with (`drivers/net/` for `drivers/net/eth*`): a pattern anchored at the start matches
   * only paths that start with those. The kernel's MAINTAINERS has some 25,000 `F:` lines; a
   * path is tried against the sections filed under its own ancestors, and those with `N:` lines.
   */
  private readonly byPrefix = new Map<string, number[]>();
  private readonly withRegex: number[] = [];

  /** `isDir`: whether a path (from the top, no trailing `/`) is a directory of the revision's tree. */
  constructor(
    readonly sections: readonly Section[],
    private readonly isDir: (path: string) => boolean,
  ) {
    this.compiled = sections.map((s) => ({
      excludes: s.fields.filter((f) => f.type === 'X').map((f) => filePattern(f.value, isDir)),
      lines: s.fields.flatMap((f): CompiledLine[] => {
        if (f.type === 'F') return [{ type: 'F', text: f.value, file: filePattern(f.value, isDir) }];
        if (f.type === 'N') return [{ type: 'N', text: f.value, re: regex(f.value, true) }];
        return [];
      }),
    }));
    this.compiled.forEach((s, i) => {
      const prefixes = new Set(s.lines.flatMap((l) => (l.file ? [literalDirs(l.file.regex)] : [])));
      for (const prefix of prefixes) {
        const list = this.byPrefix.get(prefix);
        if (list) list.push(i);
        else this.byPrefix.set(prefix, [i]);
      }
      if (s.lines.some((l) => l.type === 'N')) this.withRegex.push(i);
    });
  }

  /** The sections that may cover `file`, in file order: those filed under its ancestors, and those with `N:` lines. */
  private candidates(file: string, fileOnly: boolean): number[] {
    const found = new Set<number>(fileOnly ? [] : this.withRegex);
    const add = (key: string): void => {
      for (const i of this.byPrefix.get(key) ?? []) found.add(i);
    };
    add('');
    for (let at = file.indexOf('/'); at !== -1; at = file.indexOf('/', at + 1)) add(file.slice(0, at + 1));
    return [...found].sort((a, b) => a - b);
  }

  /** The argument get_maintainer.pl's `-f` makes of a path: a directory of the tree gets a trailing `/`. */
  argument(path: string): string {
    if (path === '.') return './';
    return this.isDir(path) ? `${path}/` : path;
  }

  /**
   * The sections covering a path (as `argument` makes it), deepest pattern first; sections of equal
   * depth in file order (the script's order among them is its hash order, which varies from run
   * to run). `only`: look at these sections alone; `fileOnly`: `F:` lines alone, no `N:`.
   */
  cover(file: string, opts: { only?: Iterable<number>; fileOnly?: boolean } = {}): Cover[] {
    const out: Cover[] = [];
    const maybe = this.candidates(file, opts.fileOnly ?? false);
    const only = opts.only ? new Set(opts.only) : null;
    for (const i of only ? maybe.filter((k) => only.has(k)) : maybe) {
      const s = this.compiled[i]!;
      if (s.excludes.some((x) => fileMatches(x, file))) continue;
      let hit: Cover | null = null;
      for (const line of s.lines) {
        if (line.type === 'F') {
          if (fileMatches(line.file!, file)) hit = { section: i, matched: line.text, depth: line.file!.depth };
        } else if (!opts.fileOnly && line.re && line.re.test(file)) {
          hit = { section: i, matched: line.text, depth: 0 };
        }
      }
      if (hit) out.push(hit);
    }
    return out.sort((a, b) => b.depth - a.depth || a.section - b.section);
  }

  /** Each `F:` of a section as its file pattern, for pathspecs. */
  patterns(section: number): { files: FilePattern[]; excludes: FilePattern[] } {
    const s = this.compiled[section]!;
    return { files: s.lines.flatMap((l) => (l.file ? [l.file] : [])), excludes: s.excludes };
  }
}

export type { FilePattern };

/**
 * The git pathspec (with magic) that selects exactly the files a pattern matches, or null when
 * git's globs cannot say it (a directory pattern with a wildcard, whose `.*` crosses `/`; regex
 * syntax other than the script's own `.`, `*`, `?`). Outside a directory pattern the script's
 * `.*` stays within one level (the slash counts must agree) and its match is a prefix match, so
 * `F: a/b*.c` is git's `:(glob)a/b*.c*`: `*` in git's glob magic does not cross `/`.
 */
export function exactPathspec(p: FilePattern, exclude = false): string | null {
  const magic = exclude ? 'exclude,' : '';
  // The written value, with the script's wildcards only: anything else regex-like is refused.
  const body = p.dir ? p.regex.slice(0, -1) : p.regex;
  const plain = body.replace(/\\\./g, '\u0000').replace(/\.\*/g, '\u0001').replace(/\./g, '\u0002');
  if (/[\\^$+()[\]{}|]/.test(plain)) return null;
  const wild = /[\u0001\u0002]/.test(plain);
  if (p.dir) return wild ? null : `:(${magic}literal)${plain.replace(/\u0000/g, '.')}`;
  const glob = plain.replace(/\u0000/g, '.').replace(/\u0001/g, '*').replace(/\u0002/g, '?');
  // Stars together would be git's `**`, which crosses directories: one is the same within a level.
  return `:(${magic}glob)${`${glob}*`.replace(/\*+/g, '*')}`;
}

/**
 * A pathspec that selects at least the files a pattern matches: the exact one, else the
 * directory above the pattern's first wildcard or regex character.
 */
export function widePathspec(p: FilePattern): string {
  const exact = exactPathspec(p);
  if (exact !== null) return exact;
  return `:(literal)${patternRoot(p)}`;
}

/**
 * The deepest directory that holds every file a pattern matches (`.` for the top): a directory
 * pattern without wildcards is its own; otherwise the directory above its first wildcard, `.` or
 * regex character.
 */
export function patternRoot(p: FilePattern): string {
  const plain = !/[.^$+()[\]{}|?*\\]/.test(p.regex.replace(/\\\./g, ''));
  if (p.dir && plain) return p.regex.slice(0, -1).replace(/\\\./g, '.');
  const special = p.regex.search(/\\\.|[.^$+()[\]{}|\\?*]/);
  const literal = p.regex.slice(0, special === -1 ? p.regex.length : special);
  const dir = literal.slice(0, literal.lastIndexOf('/') + 1).replace(/\/$/, '');
  return dir === '' ? '.' : dir;
}
