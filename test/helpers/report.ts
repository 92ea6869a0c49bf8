// Small, valid PathReports and PathFailures for renderer tests: three months ending 2026-01-10, one file.
import { SCHEMA, type PathFailure, type PathReport, type ReviewFigures } from '../../src/types.js';
import type { RenderOptions } from '../../src/render/index.js';

export const MONTHS = ['2025-11', '2025-12', '2026-01'];

export const SAMPLE_LAST_COMMIT = { sha: '0123456789abcdef'.repeat(3).slice(0, 40), date: '2026-01-05T12:00:00Z', subject: 'x: fix' };

/** Monthly commits `commits` (added = commits, nothing removed); anything else from `over`. */
export function sampleReport(path: string, over: Partial<PathReport> = {}, commits: number[] = [1, 0, 2]): PathReport {
  return {
    schema: SCHEMA,
    path,
    revision: { name: 'HEAD', sha: 'f'.repeat(40), date: '2026-01-10T00:00:00Z' },
    window: { since: '2025-11-10T00:00:00Z', until: '2026-01-10T00:00:00Z', months: 3, label: '5y' },
    files: 1,
    lines: 1,
    commits: 1,
    added: 1,
    removed: 1,
    authors: 1,
    active_months: commits.filter((c) => c > 0).length,
    monthly: commits.map((c, i) => ({ month: MONTHS[i]!, commits: c, added: c, removed: 0, substantive: c })),
    last_commit: SAMPLE_LAST_COMMIT,
    sweep_rule: { dirs: 8 },
    substantive_commits: 1,
    sweep_commits: 0,
    substantive_added: 1,
    substantive_removed: 1,
    substantive_authors: 1,
    substantive_active_months: commits.filter((c) => c > 0).length,
    last_substantive_commit: SAMPLE_LAST_COMMIT,
    top_authors: [{ name: 'A U Thor', email: 'author@example.com', commits: 1, added: 1, removed: 1, share: 1, first: SAMPLE_LAST_COMMIT.date, last: SAMPLE_LAST_COMMIT.date, substantive_commits: 1 }],
    top_domains: [{ domain: 'example.com', authors: 1, commits: 1, added: 1, removed: 1, share: 1, first: SAMPLE_LAST_COMMIT.date, last: SAMPLE_LAST_COMMIT.date, substantive_commits: 1 }],
    absence_factor: 1,
    substantive_absence_factor: 1,
    elephant_factor: 1,
    substantive_elephant_factor: 1,
    section: null,
    status: null,
    sections: [],
    review: { all: sampleReview(1), substantive: sampleReview(1) },
    maintainer_coverage: null,
    releases: null,
    mailmap: { sources: [] },
    warnings: [],
    notes: [],
    build_switches: [],
    defconfigs: null,
    ...over,
  };
}

/** Review figures over `commits` commits: `reviewed` of them reviewed by `reviewers` people, `fixes` with Fixes:, `reverts` reverts, no other trailer. */
export function sampleReview(commits: number, reviewed = 0, { reviewers = reviewed > 0 ? 1 : 0, fixes = 0, reverts = 0 } = {}): ReviewFigures {
  const none = { commits: 0, people: 0 };
  const share = (n: number) => ({ commits: n, share: commits === 0 ? null : n / commits });
  return {
    commits,
    reviewed_or_acked: share(reviewed),
    signed_off_by: none,
    reviewed_by: { commits: reviewed, people: reviewers },
    acked_by: none,
    tested_by: none,
    reported_by: none,
    co_developed_by: none,
    fixes: share(fixes),
    stable: share(0),
    reverts: share(reverts),
  };
}

/** A path whose figures could not be computed, as analyze yields it. */
export function sampleFailure(path: string, code = 'not-found', message = `path not found: ${path} (check the spelling)`): PathFailure {
  return { schema: SCHEMA, path, error: { code, message } };
}

/** Render options: a pipe (full layout), plain, several paths; anything else from `over`. */
export function renderOpts(over: Partial<RenderOptions> = {}): RenderOptions {
  return { color: false, many: true, width: Infinity, ...over };
}
