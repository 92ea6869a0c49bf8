// Opening a run: git and the repository checked, the revision resolved, the window made, and
// what the repository offers (mailmap, commit-graph, early stop) or warns of (a shallow clone).
import { commitGraphInfo, type CommitGraphInfo } from '../git/commit-graph.js';
import { existsSync } from 'node:fs';
import { earlyStop, NO_EARLY_STOP } from '../git/early-stop.js';
import { checkGitVersion, configBool, hasGrafts, hasReplaceRefs, mailmapSources, openRepository, resolveRevision, shallowBoundary, type Repository, type Revision } from '../git/repo.js';
import type { TreeListing } from '../git/tree.js';
import { BESIDE_NICE } from '../git/run.js';
import { indexFile } from '../store/location.js';
import type { Store } from '../store/store.js';
import { DEFAULT_RELEASE_TAGS, DEFAULT_RELEASES } from '../kernel/releases.js';
import type { AnalyzeOptions } from '../options.js';
import { dayOf, makeWindow } from '../signals/window.js';
import { DEFAULT_SWEEP_DIRS, type SweepRule } from '../signals/sweep.js';
import type { Window } from '../types.js';
import type { SectionScope } from './section.js';

/** What every batch of a run shares. */
export interface Context {
  repo: Repository;
  rev: Revision;
  window: Window;
  mailmap: string[];
  graph: CommitGraphInfo;
  /** Where the windowed walk may stop (generation.ts), or null to walk all history. */
  frontier: string[] | null;
  /** Proven by the commit-graph: git lists the window's commits before any other, so a path's first in the windowed walk is its last commit. */
  windowFirst: boolean;
  /** Warnings about the repository, the same for every path. */
  warnings: string[];
  /** The revision's whole tree, read once when a path is not found, for every "did you mean". */
  listing?: Promise<TreeListing>;
  /** What tells a sweep from a path's own work. */
  sweeps: SweepRule;
  /** Authors and domains listed per path. */
  authors: number;
  /** What names a release (--release-tags), and how many of the newest are counted (--releases). */
  releases: { tags: RegExp; count: number };
  /** The sections asked for with --section, by their report `path` (filled as the paths are resolved). */
  sections: Map<string, SectionScope>;
  /** The repository's index, brought to the revision: history is read from it instead of walked (store/use.ts). */
  history: Store | null;
  /** What became of the index, one line for stderr; null without one. */
  indexNote: string | null;
  /**
   * Pending while git lists the work tree's attributes, the key's last part (store/use.ts): null
   * once the index holds; else the line saying why, and the run walks history instead.
   */
  indexCheck: Promise<string | null> | null;
}

/** Authors and domains a report lists unless told otherwise. */
export const DEFAULT_AUTHORS = 5;

export async function openRun(options: AnalyzeOptions): Promise<Context> {
  const [, repo] = await Promise.all([checkGitVersion(), openRepository(options.repo)]);
  const [rev, mailmap, shallow, replaced] = await Promise.all([resolveRevision(repo, options.rev), mailmapSources(repo), shallowBoundary(repo), hasReplaceRefs(repo)]);
  const window = makeWindow({ until: options.until ?? rev.time, since: options.since, years: options.years });
  const warnings: string[] = [];
  if (shallow !== null) {
    const n = repo.shallow.length;
    warnings.push(
      `shallow clone: history stops at ${dayOf(shallow)}, and the ${n === 1 ? '1 commit there is' : `${n} commits there are`} not counted, so figures may be low (run git fetch --unshallow)`,
    );
  }
  const graph = configBool(repo.config.get('core.commitgraph'), true) ? commitGraphInfo(repo.objectsDir) : { present: false, bloom: false };
  if (!configBool(repo.config.get('commitgraph.readchangedpaths'), true)) graph.bloom = false;
  // git ignores its commit-graph where replace refs or grafts change history; so does the early stop.
  const graphRead = graph.present && !replaced && !hasGrafts(repo);
  const stop = graphRead ? await earlyStop(repo, rev, window.since, window.until) : NO_EARLY_STOP;
  if (stop.warning) warnings.push(stop.warning);
  const sweeps = { dirs: options.sweepDirs ?? DEFAULT_SWEEP_DIRS };
  const releases = { tags: new RegExp(options.releaseTags ?? DEFAULT_RELEASE_TAGS), count: options.releases ?? DEFAULT_RELEASES };
  // Loaded only where there is an index: a run without one never loads SQLite.
  const index = options.indexDir !== undefined && existsSync(indexFile(options.indexDir, repo.objectsDir)) ? await (await import('../store/use.js')).useIndex(repo, rev, mailmap, options.indexDir, true) : { store: null, note: null };
  return {
    // Where git walks without Bloom filters (or ignores them), its walk sets the pace, and the gits beside it yield.
    repo: { ...repo, nice: graphRead && graph.bloom ? 0 : BESIDE_NICE },
    rev,
    window,
    mailmap,
    graph,
    frontier: stop.frontier,
    windowFirst: stop.windowFirst,
    warnings,
    sweeps,
    authors: options.authors ?? DEFAULT_AUTHORS,
    releases,
    sections: new Map(),
    history: index.store,
    indexNote: index.note,
    indexCheck: index.check ?? null,
  };
}
