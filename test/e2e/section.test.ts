// `--section NAME` end to end on the maintainers fixture: a section's files (its F: less its X:)
// analysed as one path. Every figure equals plain git run over the literal list of every file name
// the section ever held, as the simple reading of MAINTAINERS (test/helpers/oracle-maintainers.ts)
// finds them: the tree by `git ls-tree -r` filtered by that reading, the history by `git log` over
// those names, sweeps by each commit's files outside them. Unknown names and sections git cannot
// select exactly are one-line usage errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAINTAINERS_TEXT, maintainersRecipe } from '../../fixtures/recipes/maintainers.js';
import { mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import type { PathReport } from '../../src/types.js';
import { kstat, parseJson } from '../helpers/cli.js';
import { countLines, isoSeconds, monthOf, monthsBetween, splitNul } from '../helpers/oracle.js';
import { filesOfSection, oracleCover, oracleSections } from '../helpers/oracle-maintainers.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';

/** Sections with a directory and an X: directory, globs at two levels, a file pattern matching by prefix, an X: file, a glob at its own level. */
const NAMES = ['FOO NETWORK DRIVER', 'FOO HEADERS', 'NET DRIVERS', 'GPU', 'GPU OLD', 'FOO SUB DRIVER'];
const SINCE = '2019-01-01';

let repo: string;
const dirs = new Map<string, boolean>();
const isDir = (p: string): boolean => {
  if (!dirs.has(p)) dirs.set(p, git(repo, ['ls-tree', '-d', 'HEAD', '--', p]).trim() !== '');
  return dirs.get(p)!;
};
const sections = (): ReturnType<typeof oracleSections> => oracleSections(MAINTAINERS_TEXT);
const inSection = (name: string, file: string): boolean => oracleCover(sections(), file, isDir, true).some((c) => c.name === name);

beforeAll(() => {
  repo = fixtureRepo(maintainersRecipe);
});
afterAll(removeTempDirs);

function run(args: string[]): PathReport[] {
  const r = kstat(['--json', '--since', SINCE, ...NAMES.flatMap((n) => ['--section', n]), ...args], { cwd: repo });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return parseJson<PathReport[]>(r.stdout);
}

/** Plain git with literal pathspecs, as bytes. */
const raw = (args: string[]): Buffer => Buffer.from(git(repo, ['--literal-pathspecs', ...args]), 'latin1');

interface Expected {
  files: number;
  lines: number;
  commits: number;
  added: number;
  removed: number;
  authors: number;
  active_months: number;
  monthly: Array<{ month: string; commits: number; added: number; removed: number }>;
  last_commit: { sha: string; date: string; subject: string } | null;
  shas: Array<{ sha: string; subject: string }>;
}

/** The section's figures from plain git over the literal names it ever held, in the window [since, until]. */
function oracle(name: string, since: number, until: number): Expected {
  const names = filesOfSection(repo, sections(), name, isDir);
  let files = 0;
  let lines = 0;
  for (const line of git(repo, ['ls-tree', '-r', 'HEAD']).split('\n').filter(Boolean)) {
    const [meta, path] = line.split('\t') as [string, string];
    const [mode, , oid] = meta.split(' ') as [string, string, string];
    if (!inSection(name, path) || (mode !== '100644' && mode !== '100755')) continue;
    files++;
    lines += countLines(Buffer.from(git(repo, ['cat-file', 'blob', oid]), 'latin1'));
  }
  const log = (extra: string[]): string[] => git(repo, ['--literal-pathspecs', 'log', '--no-merges', '--full-history', ...extra, 'HEAD', '--', ...names]).split('\n').filter(Boolean);
  const commits = log([`--since-as-filter=@${since} +0000`, `--until=@${until} +0000`, '--format=%H %ct %aE %s']).map((l) => {
    const [sha, ct, email, ...subject] = l.split(' ') as [string, string, string, ...string[]];
    return { sha, ct: Number(ct), email: email.toLowerCase(), subject: subject.join(' ') };
  });
  const monthly = monthsBetween(since, until).map((month) => ({ month, commits: 0, added: 0, removed: 0 }));
  let added = 0;
  let removed = 0;
  for (const c of commits) {
    // numstat -z: `a\tr\tpath` or, for a rename, `a\tr\t` then both names.
    const fields = splitNul(raw(['log', '-1', '-M', '--root', '--numstat', '-z', '--format=', c.sha, '--', ...names]));
    let a = 0;
    let r = 0;
    for (let i = 0; i < fields.length; ) {
      const [x, y, rest] = fields[i]!.toString('latin1').split('\t') as [string, string, string];
      i += rest === '' ? 3 : 1;
      a += x === '-' ? 0 : Number(x);
      r += y === '-' ? 0 : Number(y);
    }
    const m = monthly.find((mo) => mo.month === monthOf(c.ct))!;
    m.commits++;
    m.added += a;
    m.removed += r;
    added += a;
    removed += r;
  }
  const last = log(['-1', '--format=%H %ct %s'])[0];
  const [sha, ct, ...subject] = last ? last.split(' ') : [];
  return {
    files,
    lines,
    commits: commits.length,
    added,
    removed,
    authors: new Set(commits.map((c) => c.email)).size,
    active_months: monthly.filter((m) => m.commits > 0).length,
    monthly,
    last_commit: last ? { sha: sha!, date: isoSeconds(Number(ct)), subject: subject.join(' ') } : null,
    shas: commits.map((c) => ({ sha: c.sha, subject: c.subject })),
  };
}

describe('--section NAME', () => {
  it('each section is one report, MAINTAINERS:NAME, whose figures equal plain git over the names the section ever held', () => {
    const reports = run([]);
    expect(reports.map((r) => r.path)).toEqual(NAMES.map((n) => `MAINTAINERS:${n}`));
    for (const [i, name] of NAMES.entries()) {
      const r = reports[i]!;
      const want = oracle(name, Date.parse(r.window.since) / 1000, Date.parse(r.window.until) / 1000);
      const got = { files: r.files, lines: r.lines, commits: r.commits, added: r.added, removed: r.removed, authors: r.authors, active_months: r.active_months, last_commit: r.last_commit };
      expect(got, name).toEqual({ files: want.files, lines: want.lines, commits: want.commits, added: want.added, removed: want.removed, authors: want.authors, active_months: want.active_months, last_commit: want.last_commit });
      expect(r.monthly.map(({ month, commits, added, removed }) => ({ month, commits, added, removed })), name).toEqual(want.monthly);
      expect(r.section).toBe(name);
      expect(r.sections.map((s) => s.name)).toEqual([name]);
      expect(r.sections[0]!.matched).toBe(sections().find((s) => s.name === name)!.fields.filter(([t]) => t === 'F').map(([, v]) => v).join(' '));
      expect(r.releases).toBeNull();
    }
  });

  it('the fixture exercises what it says: excludes, globs, the prefix match and a rename out of the section change the figures', () => {
    const reports = run([]);
    const by = (n: string): PathReport => reports[NAMES.indexOf(n)]!;
    // foo/ less foo/sub/, with include/linux/foo.h and (by prefix) foo.hx; old.c moved out.
    expect(by('FOO NETWORK DRIVER').files).toBe(4);
    // foo* and sound/soc/*/s.c, not sound/soc/foo/t.c.
    expect(by('FOO HEADERS').files).toBe(3);
    // drivers/net less drivers/net/bar/x.c: Carol's fix of x.c is not the section's.
    expect(by('NET DRIVERS').commits).toBe(oracle('NET DRIVERS', Date.parse(`${SINCE}T00:00:00Z`) / 1000, Date.parse('2026-04-21T00:00:00Z') / 1000).commits);
    expect(oracle('NET DRIVERS', 0, Date.parse('2026-04-21T00:00:00Z') / 1000).shas.map((c) => c.subject)).not.toContain('bar: fix');
    // drivers/gpu/* is one level: drivers/gpu/old/g.c's fix is not GPU's.
    expect(by('GPU').last_commit!.subject).toBe('gpu: tidy');
    expect(by('GPU OLD').last_commit!.subject).toBe('gpu: old: fix');
  });

  it('sweeps: a commit whose files outside the section lie in K directories at its deepest F: directory depth', () => {
    const seen = new Set<string>();
    for (const k of [1, 2, 7, 8]) {
      const reports = kstat(['--json', '--years', '20', '--sweep-dirs', String(k), ...NAMES.flatMap((n) => ['--section', n])], { cwd: repo });
      expect(reports.code).toBe(0);
      for (const r of parseJson<PathReport[]>(reports.stdout)) {
        const name = r.path.slice('MAINTAINERS:'.length);
        const fields = sections().find((s) => s.name === name)!.fields;
        // The deepest directory holding an F: pattern's files: a directory pattern's own, else the one above its first wildcard or `.`.
        const depth = Math.max(1, ...fields.filter(([t]) => t === 'F').map(([, v]) => {
          const dirPattern = v.endsWith('/') || (!/[*?.]/.test(v) && isDir(v));
          const literal = v.slice(0, v.search(/[*?.]|$/));
          const dir = dirPattern && !/[*?.]/.test(v) ? v.replace(/\/$/, '') : literal.slice(0, literal.lastIndexOf('/') + 1).replace(/\/$/, '');
          return dir === '' ? 0 : dir.split('/').length;
        }));
        const want = oracle(name, Date.parse(r.window.since) / 1000, Date.parse(r.window.until) / 1000);
        let sweeps = 0;
        for (const c of want.shas) {
          const all = git(repo, ['diff-tree', '-r', '--root', '--no-renames', '--name-only', '--format=', c.sha]).split('\n').filter(Boolean);
          const dirs = new Set(all.filter((f) => !inSection(name, f)).map((f) => f.split('/').slice(0, -1).slice(0, depth).join('/')));
          if (dirs.size >= k || /^treewide:/i.test(c.subject)) sweeps++;
        }
        expect({ k, name, sweeps: r.sweep_commits }).toEqual({ k, name, sweeps });
        expect(r.substantive_commits).toBe(r.commits - sweeps);
        seen.add(sweeps === 0 ? 'none' : sweeps === r.commits ? 'all' : 'some');
      }
    }
    // The fixture's import commit spreads over 7 directories at depth 2 outside FOO HEADERS, sound: foo: fix over 1.
    expect(seen).toContain('some');
    expect(seen).toContain('none');
  });

  it('a name in another case finds the section; a mistyped one is a usage error with what was meant', () => {
    const r = kstat(['--json', '--section', 'gpu old'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(parseJson<PathReport>(r.stdout).path).toBe('MAINTAINERS:GPU OLD');
    const bad = kstat(['--section', 'FOO NETWRK DRIVER'], { cwd: repo });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('kstat: --section "FOO NETWRK DRIVER": no such section in MAINTAINERS of HEAD (did you mean "FOO NETWORK DRIVER"?)\n');
    const empty = kstat(['--section', ''], { cwd: repo });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^kstat: --section is empty: name a MAINTAINERS section/);
  });

  it('a section whose pattern git cannot select exactly is refused, naming the pattern', () => {
    // THE REST's `F: */`: a directory pattern with a wildcard.
    const r = kstat(['--section', 'THE REST'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kstat: --section "THE REST": its F: "\*\/" selects files no git pathspec can name exactly .*\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('check takes --section, with paths beside it', () => {
    const r = kstat(['check', '--json', '--min-commits', '1', '--years', '20', '--section', 'GPU', 'drivers/gpu'], { cwd: repo });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { paths: Array<{ path: string }> };
    expect(report.paths.map((p) => p.path)).toEqual(['drivers/gpu', 'MAINTAINERS:GPU']);
  });

  it('without MAINTAINERS at the revision, --section is a one-line error saying so', () => {
    const bare = fixtureRepo(mlx5VdpaCore);
    const r = kstat(['--section', 'GPU'], { cwd: bare });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kstat: --section "GPU": no MAINTAINERS file in HEAD, so no section to analyse (name paths instead)\n');
  });
});
