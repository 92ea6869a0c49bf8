// The library core: options in, one result per path out. It never prints. A run's phases, one
// module each: open the repository (open.ts), resolve the paths asked (requested.ts), plan the
// walks (plan.ts), walk each batch (batch.ts, with last-commits.ts), build reports (report.ts).
//
// Paths are analysed in batches. A batch is one shared history walk over a few pathspecs that
// hold all its paths; each commit is attributed to the paths holding its files (see
// signals/attribute.ts for when a commit's figures must be read again for one path). Three
// git readers run side by side per batch: the windowed walk with numstat (cut into time
// slices walked at once when the batch is large and has jobs to spare), the walk for each
// path's newest commit (stopped as soon as every path has one), and the tree.
import { availableParallelism } from 'node:os';
import type { AnalyzeOptions } from '../options.js';
import type { PathResult } from '../types.js';
import { narrowed } from './batch.js';
import type { RunHooks } from './hooks.js';
import { limiter } from './limiter.js';
import { openRun } from './open.js';
import { plan, SLICE_FILES } from './plan.js';
import { progressTracker } from './progress.js';
import { failure, type Pending } from './report.js';
import { requestedPaths } from './requested.js';

export type { Progress, RunHooks, RunPlan } from './hooks.js';
export { limiter } from './limiter.js';
export { MAX_PATHSPECS, plan, SLICE_FILES, timeSlices, type Strategy } from './plan.js';

/** Reports for every path, in the order asked. */
export async function analyze(options: AnalyzeOptions, hooks: RunHooks = {}): Promise<PathResult[]> {
  const out: PathResult[] = [];
  for await (const r of analyzeEach(options, hooks)) out.push(r);
  return out;
}

/**
 * Results in the order asked, each as soon as it and those before it are done. A path whose
 * figures cannot be computed takes its place as a PathFailure; the others stay exact.
 */
export async function* analyzeEach(options: AnalyzeOptions, hooks: RunHooks = {}): AsyncGenerator<PathResult> {
  let ctx = await openRun(options);
  try {
    const asked = await requestedPaths(ctx, options);
    const paths = asked.flatMap((r) => (r.path === null ? [] : [r.path]));
    const strict = new Set(asked.flatMap((r) => (r.strict && r.path !== null ? [r.path] : [])));
    const jobs = Math.max(1, options.jobs ?? availableParallelism());
    // A --section is walked alone, over its own pathspecs (batch.ts).
    const batches = [...plan(paths.filter((p) => !ctx.sections.has(p)), options.strategy ?? 'auto', ctx.graph.bloom, jobs), ...paths.filter((p) => ctx.sections.has(p)).map((p) => [p])];
    // Jobs left over by the batches go to slicing each batch's window.
    const slicing = { slices: Math.max(1, Math.floor(jobs / batches.length)), files: options.sliceFiles ?? SLICE_FILES };
    let told = false;
    const tell = (): void => {
      hooks.onPlan?.({ paths: paths.length, batches: batches.length, commitGraph: ctx.graph.present, bloom: ctx.graph.bloom, frontier: ctx.frontier?.length ?? null, windowFirst: ctx.windowFirst, index: ctx.indexNote, indexed: ctx.history !== null });
      told = true;
    };
    const begin = (): Map<string, Promise<Pending>> => {
      // Progress is told after the plan.
      const progress = progressTracker(paths.length, batches.length, ctx.window, hooks.onProgress && ((p) => void (told && hooks.onProgress!(p))));
      const run = limiter(jobs);
      const results = new Map<string, Promise<Pending>>();
      for (const batch of batches) {
        const done = run(() => narrowed(ctx, batch, strict, slicing, progress, hooks.onWalk));
        batch.forEach((path, k) => {
          const one = done.then((r) => r[k]!);
          // Nothing may be left unobserved if the consumer stops early or a batch fails.
          one.catch(() => {});
          results.set(path, one);
        });
      }
      return results;
    };
    if (!ctx.indexCheck) tell();
    let results = begin();
    if (ctx.indexCheck) {
      // The index was opened before git had listed the work tree's attributes (store/use.ts): the
      // batches read it meanwhile. Should the attributes differ, all that is dropped and history walked.
      const refused = await ctx.indexCheck;
      if (refused !== null) {
        await Promise.allSettled(results.values());
        ctx.history?.close();
        ctx = { ...ctx, history: null, indexNote: refused, indexCheck: null };
        results = begin();
      }
      tell();
    }
    for (const r of asked) {
      if (r.path === null) {
        yield failure(r.input, r.refused!);
        continue;
      }
      const pending = await results.get(r.path)!;
      // Handed out once: what the consumer drops is freed, however many paths follow.
      results.delete(r.path);
      yield pending();
    }
  } finally {
    ctx.history?.close();
  }
}
