// A path's result: its report, built when it is handed out, or why it has none.
import { PathNotFoundError, type KstatError } from '../errors.js';
import { treeListing, type TreeFigures } from '../git/tree.js';
import type { HistoryAccumulator } from '../signals/aggregate.js';
import { nearby } from '../signals/suggest.js';
import { isoUtc } from '../signals/window.js';
import { SCHEMA, type CommitRef, type PathFailure, type PathReport, type PathResult } from '../types.js';
import type { KernelFigures } from './kernel.js';
import type { Context } from './open.js';

/** A path's result, built when it is handed out: thousands of paths' figures wait as compact totals, not as reports. */
export type Pending = () => PathResult;

export function failure(path: string, e: KstatError): PathFailure {
  return { schema: SCHEMA, path, error: { code: e.errorCode, message: e.message } };
}

/** A path neither in the tree nor in its history: most likely mistyped, so say what is near. */
export async function pathNotFound(ctx: Context, path: string): Promise<PathNotFoundError> {
  ctx.listing ??= treeListing(ctx.repo, ctx.rev.sha);
  const { close, deepest } = nearby(await ctx.listing, path);
  let hint: string;
  if (path.includes('\uFFFD')) {
    // Bytes that are not UTF-8 reach kstat as U+FFFD (argv is decoded as UTF-8); git cannot be given them back.
    hint = `it holds bytes that are not UTF-8, which kstat cannot pass to git: name the directory that holds it${deepest ? `, ${JSON.stringify(deepest)}` : ''}`;
  } else if (/(^|\/)[\s\uFEFF]|\s($|\/)/.test(path)) {
    // A list's line copied with its blanks, or a list saved with a byte-order mark.
    const ends = [/(^|\/)\uFEFF/.test(path) && 'a byte-order mark', /(^|\/)[^\S\uFEFF]/.test(path) && 'a leading blank', /\s($|\/)/.test(path) && 'a trailing blank'].filter(Boolean);
    hint = `it has ${ends.join(' and ')}: remove ${ends.length > 1 ? 'them' : 'it'} from the list`;
  } else if (close.length > 0) {
    hint = `did you mean ${close.map((p) => JSON.stringify(p)).join(' or ')}?`;
  } else if (deepest) {
    hint = `${JSON.stringify(deepest)} is the nearest directory that exists`;
  } else {
    hint = 'paths are relative to the repository top';
  }
  // Run in a subdirectory, a path meant from the top is read from there, as git reads it.
  const here = ctx.repo.prefix.replace(/\/$/, '');
  if (here) hint += `; paths are relative to the current directory, ${JSON.stringify(here)}, and :/ starts one at the top`;
  return new PathNotFoundError(`path not found: ${JSON.stringify(path)} is not in ${ctx.rev.name} and no commit reachable from it touches it (${hint})`);
}

/** A closure over one path's totals alone, so that each report's totals are freed with it. */
export function pendingReport(ctx: Context, path: string, tree: TreeFigures, history: HistoryAccumulator, last: CommitRef | null, kernel: KernelFigures): Pending {
  return () => report(ctx, path, tree, history, last, kernel);
}

function report(ctx: Context, path: string, tree: TreeFigures, history: HistoryAccumulator, last: CommitRef | null, kernel: KernelFigures): PathReport {
  const { rev, window } = ctx;
  const warnings = [...ctx.warnings];
  if (!tree.exists) {
    const what = ctx.sections.has(path) ? `the section's F: lines (less its X:) select no file of ${rev.name}` : `${path} is not in the tree of ${rev.name} (deleted)`;
    warnings.push(`${what}: files and lines are 0, history figures count its past`);
  }
  // maintainer_coverage counts the covering sections' people (null without a section).
  const { notes, maintainers, ...known } = kernel;
  const { history: figures, work, review } = history.result(ctx.authors, maintainers);
  return {
    schema: SCHEMA,
    path,
    revision: { name: rev.name, sha: rev.sha, date: isoUtc(rev.time) },
    window: { since: isoUtc(window.since), until: isoUtc(window.until), months: window.months.length, label: window.label },
    files: tree.files,
    lines: tree.lines,
    ...figures,
    last_commit: last,
    sweep_rule: ctx.sweeps,
    ...work,
    ...review,
    ...known,
    mailmap: { sources: ctx.mailmap },
    warnings,
    notes,
  };
}
