// Requested paths against the file names git prints: which paths hold a file, and which few
// pathspecs cover them all for one shared walk. Pure.

/**
 * A path as kstat matches it against git's output: the latin1 view of its UTF-8 bytes, one
 * character per byte, so that any bytes git prints compare exactly.
 */
export const pathKey = (path: string): string => Buffer.from(path, 'utf8').toString('latin1');

/**
 * Finds, for a file name as git printed it (bytes), every requested path that holds it: the
 * file itself or a directory above it, matched at `/` boundaries (`ren` never holds `ren-extra/x`).
 */
export class PathIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly everything: number[] = [];

  constructor(readonly paths: readonly string[]) {
    paths.forEach((p, i) => {
      if (p === '.') {
        this.everything.push(i);
        return;
      }
      // Keys are latin1 views of the UTF-8 bytes, the same view match() takes of git's bytes.
      const key = pathKey(p);
      const list = this.byKey.get(key);
      if (list) list.push(i);
      else this.byKey.set(key, [i]);
    });
  }

  match(file: Buffer): number[] {
    const name = file.toString('latin1');
    let out: number[] = this.everything;
    const add = (key: string): void => {
      const hit = this.byKey.get(key);
      if (hit) out = out.length === 0 ? hit : out.concat(hit);
    };
    for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) add(name.slice(0, i));
    add(name);
    return out;
  }
}

/** Drops every path that lies inside another one of the list, and duplicates. */
export function outermost(paths: readonly string[]): string[] {
  if (paths.includes('.')) return ['.'];
  const sorted = [...new Set(paths)].sort();
  const out: string[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && p.startsWith(`${last}/`)) continue;
    out.push(p);
  }
  return out;
}

/**
 * At most `max` pathspecs that together hold every path: the paths themselves when few enough,
 * else their ancestors at the deepest level where few enough remain, else the whole tree.
 * git matches each tree entry against every pathspec, so thousands of them cost more than
 * walking a little wider and dropping what no path holds.
 */
export function coveringPathspecs(paths: readonly string[], max: number): string[] {
  const roots = outermost(paths);
  if (roots.length <= max) return roots;
  const depth = roots.reduce((d, p) => Math.max(d, p.split('/').length), 0);
  for (let d = depth - 1; d >= 1; d--) {
    const cut = outermost(roots.map((p) => p.split('/').slice(0, d).join('/')));
    if (cut.length <= max) return cut;
  }
  return ['.'];
}
