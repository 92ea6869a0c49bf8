// The library core: options in, one PathReport per path out. It never prints.
import { availableParallelism } from 'node:os';
import { UsageError } from './errors.js';
import { lastCommit, walkHistory } from './git/history.js';
import type { CommitRecord } from './git/log-parser.js';
import { checkGitVersion, mailmapSources, openRepository, resolveRevision, shallowBoundary, type Repository, type Revision } from './git/repo.js';
import { treeFigures } from './git/tree.js';
import type { AnalyzeOptions } from './options.js';
import { HistoryAccumulator } from './signals/aggregate.js';
import { dayOf, isoUtc, makeWindow } from './signals/window.js';
import { SCHEMA, type CommitRef, type PathReport, type Window } from './types.js';

interface Context {
  repo: Repository;
  rev: Revision;
  window: Window;
  mailmap: string[];
  /** Warnings about the repository, the same for every path. */
  warnings: string[];
}

/** Reports for every path, in the order asked. */
export async function analyze(options: AnalyzeOptions): Promise<PathReport[]> {
  const ctx = await prepare(options);
  const reports = new Array<PathReport>(options.paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.paths.length) {
      const i = next++;
      reports[i] = await analyzePath(ctx, options.paths[i]!);
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), options.paths.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  return reports;
}

async function prepare(options: AnalyzeOptions): Promise<Context> {
  await checkGitVersion();
  const repo = await openRepository(options.repo);
  const rev = await resolveRevision(repo, options.rev);
  const window = makeWindow({ until: options.until ?? rev.time, since: options.since, years: options.years });
  const warnings: string[] = [];
  const shallow = await shallowBoundary(repo);
  if (shallow !== null) {
    warnings.push(`shallow clone: history stops at ${dayOf(shallow)}, so figures may be low (run git fetch --unshallow)`);
  }
  return { repo, rev, window, mailmap: await mailmapSources(repo), warnings };
}

async function analyzePath(ctx: Context, path: string): Promise<PathReport> {
  const { repo, rev, window } = ctx;
  const history = new HistoryAccumulator(window);
  const [tree, last] = await Promise.all([
    treeFigures(repo, rev.sha, path),
    lastCommit(repo, rev.sha, path),
    walkHistory(repo, { sha: rev.sha, since: window.since, until: window.until, paths: [path] }, (c) => history.add(c)),
  ]);
  const warnings = [...ctx.warnings];
  if (!tree.exists) {
    if (last === null) {
      throw new UsageError(`path not found: ${JSON.stringify(path)} is not in ${rev.name} and no commit reachable from it touches it (paths are relative to the repository top)`);
    }
    warnings.push(`${path} is not in the tree of ${rev.name} (deleted): files and lines are 0, history figures count its past`);
  }
  return {
    schema: SCHEMA,
    path,
    revision: { name: rev.name, sha: rev.sha, date: isoUtc(rev.time) },
    window: { since: isoUtc(window.since), until: isoUtc(window.until), months: window.months.length, label: window.label },
    files: tree.files,
    lines: tree.lines,
    ...history.result(),
    last_commit: commitRef(last),
    mailmap: { sources: ctx.mailmap },
    warnings,
  };
}

function commitRef(c: CommitRecord | null): CommitRef | null {
  return c && { sha: c.sha, date: isoUtc(c.time), subject: c.subject.toString('utf8') };
}
