// Number and word forms, and the terminal's measure of text.
import { createRequire } from 'node:module';

/** The largest of many numbers (at least `floor`): Math.max(...values) overflows the stack on a long list. */
export function largest(values: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** 1500 → `1,500`. */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 commit`, `58 commits`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}

export const MINUS = '\u2212';
export const ARROW = '\u2192';
export const DOT = '\u00b7';

/** Eighth blocks, one to eight eighths of a character cell. */
export const EIGHTHS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** `value` as a share of `max` in whole `steps`; any value above zero is at least one step. */
export function scaled(value: number, max: number, steps: number): number {
  return value > 0 ? Math.max(1, Math.round((value / max) * steps)) : 0;
}

/**
 * Characters in a path, subject or message that would break a row, drive the terminal, or reorder
 * the text around them (bidirectional controls and marks, which can make a name display as
 * another): C0/C1 controls as `\n`, `\t`, `\r`, `\x1b`; the others as `\u202e`.
 */
export function visible(text: string): string {
  return text.replace(HIDDEN, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    if (ch === '\r') return '\\r';
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// C0, DEL and C1; ALM; LRM, RLM; line and paragraph separators; LRE…RLO embeddings and overrides; LRI…PDI isolates.
// eslint-disable-next-line no-control-regex
export const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

let stringWidth: ((text: string) => number) | undefined;

/** Terminal columns a string takes, as cli tools measure it (string-width: wide characters 2, SGR codes 0). */
export function columns(text: string): number {
  // Loaded at the first measure: JSON and CSV runs never measure, and pay nothing at start-up.
  stringWidth ??= createRequire(import.meta.url)('string-width') as (text: string) => number;
  return stringWidth(text);
}

/** The longest end of `text` that fits `width` columns, `…` in front when anything was cut: a path keeps its leaf. */
export function cutStart(text: string, width: number): string {
  if (columns(text) <= width) return text;
  if (width < 1) return '';
  const chars = [...text].reverse();
  return `…${fitting(chars, width - 1).reverse().join('')}`;
}

/** The longest start of `text` that fits `width` columns, `…` at the end when anything was cut. */
export function cutEnd(text: string, width: number): string {
  if (columns(text) <= width) return text;
  if (width < 1) return '';
  return `${fitting([...text], width - 1).join('')}…`;
}

/**
 * The first code points of `chars` that fit `width` columns. Measured one by one, which never
 * counts less than the whole (an emoji sequence is 2 columns whole, more in parts), so the
 * result always fits; linear, where measuring every prefix would be quadratic.
 */
function fitting(chars: string[], width: number): string[] {
  let used = 0;
  let n = 0;
  while (n < chars.length) {
    const w = columns(chars[n]!);
    if (used + w > width) break;
    used += w;
    n++;
  }
  return chars.slice(0, n);
}

/**
 * A line of words broken at spaces into lines of at most `width` columns, later lines indented by
 * `indent` spaces; a word longer than a line is cut across lines. Colour codes inside words are
 * kept (they have no width); a word that must be cut loses them.
 */
export function wrap(line: string, width: number, indent = 2): string[] {
  if (columns(line) <= width) return [line];
  const pad = ' '.repeat(Math.min(indent, Math.max(0, width - 1)));
  const out: string[] = [];
  let current = '';
  const room = (): number => width - columns(current);
  for (const word of line.split(' ')) {
    const lead = current === '' ? (out.length === 0 ? '' : pad) : ' ';
    if (columns(lead + word) <= room()) {
      current += lead + word;
      continue;
    }
    if (current.trim() !== '') out.push(current);
    current = out.length === 0 ? '' : pad;
    let rest = columns(current + word) <= width ? word : word.replace(SGR, '');
    while (columns(current + rest) > width) {
      let head = fitting([...rest], width - columns(current)).join('');
      // Nothing fits after the indent (a wide character in a tiny width): go on without it.
      if (head === '') {
        if (current !== '') {
          current = '';
          continue;
        }
        head = [...rest][0]!;
      }
      out.push(current + head);
      current = pad;
      rest = rest.slice(head.length);
    }
    current += rest;
  }
  if (current.trim() !== '' || out.length === 0) out.push(current);
  return out;
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;
