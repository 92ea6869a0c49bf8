// The paths a run is asked for, as git reads pathspecs, each once, in the order asked.
import { KstatError, UsageError } from '../errors.js';
import { listDirectories } from '../git/tree.js';
import { resolvePath, type AnalyzeOptions } from '../options.js';
import type { Context } from './open.js';
import { resolveSection } from './section.js';

/** A path as asked: resolved from the top, or refused (a list's line that leaves the repository, say). */
export interface Requested {
  input: string;
  path: string | null;
  refused?: KstatError;
  /** Named on the command line: if it never existed, the run fails rather than going on without it. */
  strict: boolean;
}

/** The paths named, then those listed, then those --each finds, then the --section ones, each once, in that order. */
export async function requestedPaths(ctx: Context, options: AnalyzeOptions): Promise<Requested[]> {
  const { prefix, bare, cwd } = ctx.repo;
  const top = bare ? null : cwd;
  const asked: Requested[] = options.paths.map((input) => ({ input, path: resolvePath(input, prefix, top), strict: true }));
  for (const input of options.listed ?? []) {
    try {
      asked.push({ input, path: resolvePath(input, prefix, top), strict: false });
    } catch (e) {
      if (!(e instanceof KstatError)) throw e;
      asked.push({ input, path: null, refused: e, strict: false });
    }
  }
  for (const each of options.each ?? []) {
    const dir = resolvePath(each.dir, prefix, top);
    const found = await listDirectories(ctx.repo, ctx.rev.sha, dir, each.depth);
    if (!found.exists) throw new UsageError(`--each ${JSON.stringify(each.dir)}: no such directory in ${ctx.rev.name} (name a directory of the tree, e.g. --each drivers)`);
    for (const path of found.dirs) asked.push({ input: path, path, strict: false });
  }
  for (const name of options.sections ?? []) {
    const scope = await resolveSection(ctx, name);
    ctx.sections.set(scope.key, scope);
    asked.push({ input: scope.key, path: scope.key, strict: true });
  }
  if (asked.length === 0) throw new UsageError('no paths to analyse: --each found no directories that deep (try a smaller --depth) and no path was named');
  const seen = new Set<string>();
  return asked.filter((r) => {
    const key = r.path === null ? `\0${r.input}` : r.path;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
