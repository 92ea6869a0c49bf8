// `--section NAME` (docs/signals.md "MAINTAINERS"): a MAINTAINERS section's files, its `F:` less
// its `X:`, analysed as one path. The name is resolved against the revision's MAINTAINERS once,
// before any walk; the batch that walks it takes its exact pathspecs (git's magic) instead of a path.
import { UsageError } from '../errors.js';
import { findSection, sectionKey, sectionPathspecs } from '../kernel/section.js';
import { closest } from '../signals/suggest.js';
import { loadMaintainers } from './maintainers.js';
import type { Context } from './open.js';

/** A section asked for by --section, as a batch walks it. */
export interface SectionScope {
  /** Index of the section in MAINTAINERS. */
  index: number;
  /** The report's `path`: `MAINTAINERS:` and the section's name. */
  key: string;
  /** Exact pathspecs with magic: each `F:`, then each `X:` as an exclude. */
  pathspecs: string[];
  /** The depth the sweep rule reads the section at (kernel/section.ts). */
  depth: number;
  /** Whether a file (a latin1 view of its name's bytes) is one of the section's: matched as the pathspecs select. */
  inside: (name: string) => boolean;
}

/** latin1 (bytes) → the text they spell in UTF-8, as git is given names. */
const text = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');

/** The section `name` means at the revision, or a usage error that says what was meant. */
export async function resolveSection(ctx: Context, name: string): Promise<SectionScope> {
  const flag = `--section ${JSON.stringify(name)}`;
  const loaded = await loadMaintainers(ctx);
  const matcher = loaded.matcher;
  if (!matcher) throw new UsageError(`${flag}: ${loaded.note!.replace(/:.*$/, '')}, so no section to analyse (name paths instead)`);
  const names = matcher.sections.map((s) => text(s.name));
  const found = findSection(names, name);
  if (found === null) {
    const near = closest(name, names);
    const hint = near.length > 0 ? `did you mean ${near.map((n) => JSON.stringify(n)).join(' or ')}?` : 'name a section as MAINTAINERS writes it, e.g. the line above its M: and F: lines';
    throw new UsageError(`${flag}: no such section in MAINTAINERS of ${ctx.rev.name} (${hint})`);
  }
  if ('ambiguous' in found) throw new UsageError(`${flag}: several sections have that name in another case (${found.ambiguous.map((n) => JSON.stringify(n)).join(', ')}): give it exactly`);
  const specs = sectionPathspecs(matcher, found.index);
  const written = names[found.index]!;
  if ('empty' in specs) throw new UsageError(`${flag}: the section has no F: lines, so no files to analyse`);
  if ('refused' in specs) {
    const { type, text: pattern } = specs.refused;
    throw new UsageError(`${flag}: its ${type}: ${JSON.stringify(text(pattern))} selects files no git pathspec can name exactly (a directory pattern with a wildcard, or regex syntax), so kstat cannot analyse the section exactly; name its directories as paths instead`);
  }
  const index = found.index;
  return {
    index,
    key: sectionKey(written),
    pathspecs: specs.pathspecs.map(text),
    depth: specs.depth,
    inside: (file) => matcher.cover(file, { only: [index], fileOnly: true }).length > 0,
  };
}
