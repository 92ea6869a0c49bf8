// Number and word forms of the text block.

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

/** Control characters in a path or message as `\n`, `\t`, `\x1b`: they would break the row or drive the terminal. */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    if (ch === '\r') return '\\r';
    return `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}
