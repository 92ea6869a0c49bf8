// Review trailers end to end: on the trailers fixture, every figure of `review` equals a plain
// reading of git's own output: the path's commits from the oracle, each commit's message through
// `git interpret-trailers --parse`, each person through `git check-mailmap`, counted simply. For
// one path alone, several in one run (the shared walk's attribution) and --each.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/git-env.js';
import { TRAILER_PATHS, trailers } from '../../fixtures/recipes/trailers.js';
import { DEFAULT_SWEEP_DIRS } from '../../src/signals/sweep.js';
import type { PathReport, ReviewFigures } from '../../src/types.js';
import { kstat, kstatJson, parseJson } from '../helpers/cli.js';
import { commitRecords, isSweep, type CommitRecord } from '../helpers/oracle-people.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';

const SINCE = Date.parse('2021-04-21T00:00:00Z') / 1000;
const UNTIL = Date.parse('2026-04-21T00:00:00Z') / 1000;

let repo: string;
beforeAll(() => {
  repo = fixtureRepo(trailers);
});
afterAll(removeTempDirs);

// ---- the independent reading -----------------------------------------------------------------

interface Facts {
  sweep: boolean;
  /** Lower-cased trailer key → mapped, lower-cased e-mails it names. */
  people: Map<string, Set<string>>;
  author: string;
  committer: string;
  fixes: boolean;
  stable: boolean;
  revert: boolean;
}

const mapped = new Map<string, string>();
/** The mapped e-mail of `Name <email>`, lower-cased, by git check-mailmap (one call per contact). */
function mailmapped(name: string, email: string): string {
  const k = `${name} <${email}>`;
  if (!mapped.has(k)) {
    const out = git(repo, ['check-mailmap', k]).trim();
    mapped.set(k, /<([^<>]*)>$/.exec(out)![1]!.toLowerCase());
  }
  return mapped.get(k)!;
}

/** The person a trailer value names: `Name <email>` or a bare address first; null otherwise. */
function emailOf(value: string): string | null {
  const angle = /^(.*?)<([^<>\s]+)>/.exec(value);
  if (angle) return mailmapped(angle[1]!.trim(), angle[2]!);
  const bare = /^(\S+@\S+)/.exec(value);
  return bare ? mailmapped('', bare[1]!) : null;
}

function facts(r: CommitRecord, path: string): Facts {
  const message = git(repo, ['show', '-s', '--format=%B', r.sha]);
  const parsed = execFileSync('git', ['interpret-trailers', '--parse'], { cwd: repo, input: message, env: hermeticGitEnv(), encoding: 'utf8' });
  const people = new Map<string, Set<string>>();
  let fixes = false;
  let stable = false;
  for (const line of parsed.split('\n').filter((l) => l.includes(':'))) {
    const key = line.slice(0, line.indexOf(':')).trim().toLowerCase();
    const value = line.slice(line.indexOf(':') + 1).trim();
    if (key === 'fixes') fixes = true;
    if (key === 'cc' && /(^|[<\s])stable@(vger\.)?kernel\.org([>\s#]|$)/i.test(value)) stable = true;
    const who = emailOf(value);
    if (who !== null) {
      if (!people.has(key)) people.set(key, new Set());
      people.get(key)!.add(who);
    }
  }
  const [author, committer] = git(repo, ['show', '-s', '--format=%aE%n%cE', r.sha]).trim().toLowerCase().split('\n') as [string, string];
  return { sweep: isSweep(path, r, DEFAULT_SWEEP_DIRS), people, author, committer, fixes, stable, revert: r.subject.toString('utf8').startsWith('Revert "') };
}

function figuresOf(commits: Facts[]): ReviewFigures {
  const n = commits.length;
  const with_ = (key: string, f: Facts): string[] => [...(f.people.get(key) ?? [])].filter((p) => key !== 'signed-off-by' || p !== f.author);
  const kind = (key: string) => ({ commits: commits.filter((f) => with_(key, f).length > 0).length, people: new Set(commits.flatMap((f) => with_(key, f))).size });
  const marked = (k: number) => ({ commits: k, share: n === 0 ? null : k / n });
  return {
    commits: n,
    reviewed_or_acked: marked(commits.filter((f) => with_('reviewed-by', f).length + with_('acked-by', f).length > 0).length),
    signed_off_by: kind('signed-off-by'),
    reviewed_by: kind('reviewed-by'),
    acked_by: kind('acked-by'),
    tested_by: kind('tested-by'),
    reported_by: kind('reported-by'),
    co_developed_by: kind('co-developed-by'),
    fixes: marked(commits.filter((f) => f.fixes).length),
    stable: marked(commits.filter((f) => f.stable).length),
    reverts: marked(commits.filter((f) => f.revert).length),
  };
}

const oracle = new Map<string, { all: ReviewFigures; substantive: ReviewFigures; facts: Facts[] }>();
function expected(path: string) {
  if (!oracle.has(path)) {
    const all = commitRecords({ repo, rev: 'HEAD', path, since: SINCE, until: UNTIL }).map((r) => facts(r, path));
    oracle.set(path, { all: figuresOf(all), substantive: figuresOf(all.filter((f) => !f.sweep)), facts: all });
  }
  return oracle.get(path)!;
}

function run(args: string[]): PathReport[] {
  const r = kstat(['--json', ...args], { cwd: repo });
  if (r.code !== 0) throw new Error(`kstat exited ${r.code}: ${r.stderr}`);
  return [parseJson<PathReport | PathReport[]>(r.stdout)].flat();
}

// ---- the fixture has its traps ---------------------------------------------------------------

describe('the trailers fixture has its traps (plain git)', () => {
  it('git unfolds the folded Reviewed-by, reads the odd-case key, and leaves the paragraph line out', () => {
    const f = expected('drivers/foo').facts;
    expect(f.some((x) => x.people.get('reviewed-by')?.has('rita@rev.example'))).toBe(true);
    expect(f.some((x) => x.people.get('reviewed-by')?.has('fake@x.example'))).toBe(false);
  });

  it('old addresses map: the author’s own sign-off under an old address is hers, the maintainer’s is one person', () => {
    expect(mailmapped('Ann A.', 'ann@old.example')).toBe('ann@corp.example');
    expect(mailmapped('Mo Maint', 'mo@oldmail.example')).toBe('mo@kernel.example');
    const { all } = expected('drivers/foo');
    expect(all.signed_off_by.people).toBeGreaterThan(0);
    expect(all.reverts.commits).toBe(1);
    expect(all.fixes.commits).toBe(1);
    expect(all.stable.commits).toBeGreaterThanOrEqual(3);
    expect(all.commits - expected('drivers/foo').substantive.commits).toBe(2);
  });
});

// ---- kstat against it ------------------------------------------------------------------------

const same = (r: PathReport): void => {
  const want = expected(r.path);
  expect({ path: r.path, ...r.review }).toEqual({ path: r.path, all: want.all, substantive: want.substantive });
  expect(r.review.all.commits).toBe(r.commits);
  expect(r.review.substantive.commits).toBe(r.substantive_commits);
  // Not wired to MAINTAINERS yet.
  expect(r.maintainer_coverage).toBeNull();
};

describe('kstat review figures equal the independent reading', () => {
  it.each(TRAILER_PATHS)('%s alone', (path) => {
    same(kstatJson([path], { cwd: repo }));
  });

  it('every path in one run (the shared walk)', () => {
    const reports = run(TRAILER_PATHS);
    expect(reports.map((r) => r.path)).toEqual(TRAILER_PATHS);
    reports.forEach(same);
  });

  it.each([
    ['1', ['drivers/bar', 'drivers/foo']],
    ['2', ['drivers/foo/core', 'drivers/foo/net']],
  ])('--each drivers --depth %s', (depth, paths) => {
    const reports = run(['--each', 'drivers', '--depth', depth]);
    expect(reports.map((r) => r.path).sort()).toEqual(paths);
    reports.forEach(same);
  });

  it('the block shows the review lines, readable at 80 columns', () => {
    const r = kstat(['drivers/foo', '--width', '80'], { cwd: repo, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    const { all, substantive } = expected('drivers/foo');
    const pct = (k: number, n: number) => `${Math.round((100 * k) / n)}%`;
    const lines = r.stdout.split('\n');
    expect(lines).toContain(`reviewed or acked ${all.reviewed_or_acked.commits}/${all.commits} commits (${pct(all.reviewed_or_acked.commits, all.commits)}), 5y · substantive ${substantive.reviewed_or_acked.commits}/${substantive.commits} (${pct(substantive.reviewed_or_acked.commits, substantive.commits)})`);
    expect(lines).toContain(`fixes ${all.fixes.commits} (${pct(all.fixes.commits, all.commits)}) · Cc stable ${all.stable.commits} (${pct(all.stable.commits, all.commits)}) · reverts ${all.reverts.commits} (${pct(all.reverts.commits, all.commits)})`);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('check: --min-reviewed-share is a whole percent, rounded down', () => {
    const { all } = expected('drivers/foo');
    const floor = Math.floor((100 * all.reviewed_or_acked.commits) / all.commits);
    expect(kstat(['check', 'drivers/foo', '--min-reviewed-share', String(floor)], { cwd: repo }).code).toBe(0);
    expect(kstat(['check', 'drivers/foo', '--min-reviewed-share', String(floor + 1)], { cwd: repo }).code).toBe(1);
  });
});
