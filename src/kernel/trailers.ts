// Commit trailers as git prints them with TRAILER_FORMAT: git finds the trailer block (its own
// rules, folded lines unfolded) and prints `Key: value` lines; this reads them. Pure, over bytes.

/** The log format field that prints a commit's trailers, one `Key: value` per line. */
export const TRAILER_FORMAT = '%(trailers:only,unfold)';

export interface Trailer {
  /** The key as written (`Reviewed-by`, `reviewed-BY`); compare with `keyOf`. */
  key: string;
  /** The value, latin1 (every byte kept): most are `Name <email>`, any byte but NUL and newline can appear. */
  value: string;
}

const LF = 10;
const COLON = 58;

/** Each `Key: value` line of a trailer block as TRAILER_FORMAT prints it. */
export function parseTrailers(block: Buffer): Trailer[] {
  const out: Trailer[] = [];
  let start = 0;
  while (start < block.length) {
    let end = block.indexOf(LF, start);
    if (end === -1) end = block.length;
    const colon = block.indexOf(COLON, start);
    if (colon > start && colon < end) {
      const key = block.toString('latin1', start, colon).trim();
      const value = block.toString('latin1', colon + 1, end).trim();
      if (key !== '') out.push({ key, value });
    }
    start = end + 1;
  }
  return out;
}

/** A trailer key as compared: git reads trailer keys without regard to case. */
export function keyOf(key: string): string {
  return key.toLowerCase();
}

export interface Contact {
  name: string;
  email: string;
}

/**
 * The person a trailer names, `Name <email>` with anything after the `>` (`# v5.4+`) left out;
 * a bare `email@host` counts as a contact without a name. Null when the value names no one.
 */
export function contactOf(value: string): Contact | null {
  const lt = value.indexOf('<');
  const gt = lt === -1 ? -1 : value.indexOf('>', lt + 1);
  if (lt !== -1 && gt !== -1) {
    const email = value.slice(lt + 1, gt).trim();
    if (email === '' || /[\s<>]/.test(email)) return null;
    return { name: value.slice(0, lt).trim().replace(/^"(.*)"$/, '$1'), email };
  }
  const bare = /^([^\s<>@]+@[^\s<>@]+)(\s|$)/.exec(value);
  return bare ? { name: '', email: bare[1]! } : null;
}

/**
 * The e-mails (lower case) a commit's `…-by:` trailers name, each once; '' for one that names no
 * one: what the index keeps to find the commits that may name a maintainer (store/store.ts
 * naming), read as the liveness walk reads a commit's trailers (analyze/maintainers.ts).
 */
export function namedEmails(block: Buffer): string[] {
  const out = new Set<string>();
  for (const t of parseTrailers(block)) if (keyOf(t.key).endsWith('-by')) out.add(contactOf(t.value)?.email.toLowerCase() ?? '');
  return [...out];
}
