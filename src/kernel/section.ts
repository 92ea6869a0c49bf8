// `--section NAME` (docs/signals.md "MAINTAINERS"): a MAINTAINERS section's files, its `F:` less
// its `X:`, analysed as one path. Which section a name means, the exact git pathspecs of its
// files, and the depth the sweep rule reads it at. Pure.
import { exactPathspec, patternRoot, type MaintainersMatcher } from './maintainers.js';

/** The report's `path` of a section: the name behind a prefix no path from the top carries as kstat writes them. */
export const SECTION_PREFIX = 'MAINTAINERS:';

export const sectionKey = (name: string): string => `${SECTION_PREFIX}${name}`;

/** The section a name means (`names`: every section's name, in order): the one named exactly, else the one named so in any case; null when none or several. */
export function findSection(names: readonly string[], name: string): { index: number } | { ambiguous: string[] } | null {
  const exact = names.indexOf(name);
  if (exact >= 0) return { index: exact };
  const folded = names.flatMap((n, i) => (n.toLowerCase() === name.toLowerCase() ? [i] : []));
  if (folded.length === 1) return { index: folded[0]! };
  if (folded.length > 1) return { ambiguous: folded.map((i) => names[i]!) };
  return null;
}

/** A section's files as git selects them, or the first pattern git cannot say exactly. */
export type SectionPathspecs = { pathspecs: string[]; depth: number } | { refused: { type: 'F' | 'X'; text: string } } | { empty: true };

/**
 * Every `F:` as an exact pathspec, every `X:` as an exact exclude, in file order (latin1 views of
 * their bytes, as the patterns are). `depth`: the components of the deepest directory that holds
 * an `F:` pattern's files (signals/sweep.ts reads the section at that depth), at least 1.
 */
export function sectionPathspecs(matcher: MaintainersMatcher, section: number): SectionPathspecs {
  const { files, excludes } = matcher.patterns(section);
  if (files.length === 0) return { empty: true };
  const pathspecs: string[] = [];
  for (const [type, list] of [['F', files], ['X', excludes]] as const) {
    for (const p of list) {
      const spec = exactPathspec(p, type === 'X');
      if (spec === null) return { refused: { type, text: p.text } };
      pathspecs.push(spec);
    }
  }
  const depth = Math.max(1, ...files.map((p) => (patternRoot(p) === '.' ? 0 : patternRoot(p).split('/').length)));
  return { pathspecs: [...new Set(pathspecs)], depth };
}
