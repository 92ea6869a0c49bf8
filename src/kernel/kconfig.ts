// Kconfig entries (`config X` / `menuconfig X`) read for a symbol's type, prompt and `depends on`,
// and defconfig files read for the symbols they set (docs/signals.md "Build switches"). Pure.

export type KconfigType = 'bool' | 'tristate' | 'string' | 'int' | 'hex';

export interface KconfigEntry {
  /** The name as Kconfig writes it, without `CONFIG_`. */
  name: string;
  /** bool, tristate, string, int or hex (`def_bool` is bool, `def_tristate` tristate); null when the entry gives none. */
  type: KconfigType | null;
  /** The prompt's text, on the type line or a `prompt` line; null when the entry has none (not user-visible). */
  prompt: string | null;
  /** Each `depends on` expression as written, continuation lines joined. */
  dependsOn: string[];
  /** 1-based line of `config X`. */
  line: number;
}

const TYPES = new Set<string>(['bool', 'tristate', 'string', 'int', 'hex'] satisfies KconfigType[]);
/** Keywords that end an entry: the next entry, or a menu structure around it. */
const ENDS = new Set(['config', 'menuconfig', 'choice', 'endchoice', 'comment', 'menu', 'endmenu', 'if', 'endif', 'source', 'rsource', 'osource', 'orsource', 'mainmenu']);

/** Columns of a line's leading blanks, a tab to the next multiple of 8, as Kconfig counts them. */
function indentOf(line: string): number {
  let col = 0;
  for (const ch of line) {
    if (ch === ' ') col++;
    else if (ch === '\t') col = col - (col % 8) + 8;
    else break;
  }
  return col;
}

/**
 * A quoted Kconfig string at the start of `text` (`"…"` or `'…'`, backslash escapes the next
 * character), and what follows it; null when `text` does not start with a quote.
 */
export function quoted(text: string): { value: string; rest: string } | null {
  const q = text[0];
  if (q !== '"' && q !== "'") return null;
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) value += text[++i]!;
    else if (ch === q) return { value, rest: text.slice(i + 1) };
    else value += ch;
  }
  // An unterminated string runs to the end of the line, as Kconfig's lexer reads it (with a warning).
  return { value, rest: '' };
}

/** Every `config`/`menuconfig` entry of a Kconfig file, in file order. */
export function parseKconfig(text: string): KconfigEntry[] {
  const out: KconfigEntry[] = [];
  const lines = text.split(/\r?\n/);
  let entry: KconfigEntry | null = null;
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!;
    // A backslash at the end joins the next line.
    while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1)}${lines[++i]!}`;
    const body = stripComment(line).trim();
    if (body === '') continue;
    const [word = '', ...restWords] = body.split(/\s+/);
    const rest = body.slice(word.length).trim();
    if (word === 'help' || word === '---help---') {
      i = skipHelp(lines, i);
      continue;
    }
    if (ENDS.has(word)) {
      entry = null;
      if ((word === 'config' || word === 'menuconfig') && restWords.length > 0) {
        entry = { name: restWords[0]!, type: null, prompt: null, dependsOn: [], line: start + 1 };
        out.push(entry);
      }
      continue;
    }
    if (!entry) continue;
    if (TYPES.has(word) || word === 'def_bool' || word === 'def_tristate') {
      entry.type ??= word === 'def_bool' ? 'bool' : word === 'def_tristate' ? 'tristate' : (word as KconfigType);
      // `bool "prompt"` gives the prompt too; `def_bool y` gives a default, not a prompt.
      const p = TYPES.has(word) ? quoted(rest) : null;
      if (p) entry.prompt ??= p.value;
    } else if (word === 'prompt') {
      const p = quoted(rest);
      if (p) entry.prompt ??= p.value;
    } else if (word === 'depends' && restWords[0] === 'on') {
      entry.dependsOn.push(rest.slice(2).trim().replace(/\s+/g, " "));
    }
  }
  return out;
}

/** A Kconfig line without a `#` comment (outside quotes). */
function stripComment(line: string): string {
  let q: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '\\') i++;
      else if (ch === q) q = null;
    } else if (ch === '"' || ch === "'") q = ch;
    else if (ch === '#') return line.slice(0, i);
  }
  return line;
}

/**
 * The last line of a help text that starts after line `at`: its lines are those indented at
 * least as far as its first (blank lines included), as Kconfig's lexer reads them.
 */
function skipHelp(lines: readonly string[], at: number): number {
  let level = -1;
  let last = at;
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const indent = indentOf(line);
    // A line at the margin ends it, as does one indented less than the text's first line.
    if (indent === 0 || (level >= 0 && indent < level)) return last;
    if (level < 0) level = indent;
    last = i;
  }
  return last;
}

/** The `CONFIG_X` symbols a defconfig sets to y or m: exact `CONFIG_X=y` / `CONFIG_X=m` lines. */
export function enabledSymbols(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^(CONFIG_[A-Za-z0-9_]+)=[ym]$/.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
}
