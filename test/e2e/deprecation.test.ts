// `kstat check --preset deprecation` on the kernel fixture (docs/signals.md "The deprecation
// preset"): each directory's reasons equal what plain git and a simple reading of MAINTAINERS,
// the defconfigs and the history say, rule by rule; healthy directories pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KERNEL_DIRS, KERNEL_HEAD_DATE, kernel } from '../../fixtures/recipes/kernel.js';
import { MLX5_CORE, mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import type { CheckReport } from '../../src/check/rules.js';
import { kstat } from '../helpers/cli.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';

const HEAD_S = Date.parse(KERNEL_HEAD_DATE) / 1000;
const DIRS = Object.values(KERNEL_DIRS);

let repo: string;
beforeAll(() => {
  repo = fixtureRepo(kernel);
});
afterAll(removeTempDirs);

/** Whole calendar months from one UTC date to another, as a person counts them on a calendar. */
function monthsBetween(from: number, to: number): number {
  const a = new Date(from * 1000);
  const b = new Date(to * 1000);
  let m = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
  if (b.getUTCDate() * 86_400_000 + (b.getTime() % 86_400_000) < a.getUTCDate() * 86_400_000 + (a.getTime() % 86_400_000)) m--;
  return m;
}

/** MAINTAINERS read simply: the block named `name`, its `S:` and the e-mails of its `M:`/`R:` lines. */
function section(name: string): { status: string; people: string[] } {
  const text = git(repo, ['show', 'HEAD:MAINTAINERS']);
  const block = text.split(/\n\s*\n/).find((b) => b.split('\n')[0] === name)!;
  const field = (tag: string): string[] => block.split('\n').filter((l) => l.startsWith(`${tag}:`)).map((l) => l.slice(2).trim());
  const mapped = (who: string): string => git(repo, ['check-mailmap', who]).trim().replace(/^.*<(.*)>$/, '$1').toLowerCase();
  return { status: field('S')[0] ?? '', people: [...field('M'), ...field('R')].map(mapped) };
}

interface Commit {
  time: number;
  names: string[];
  subject: string;
}

/** The directory's commits, newest first: committer date, the mapped author and committer e-mails and those of every `*-by:` trailer. */
function commits(path: string): Commit[] {
  const out = git(repo, ['log', '--no-merges', '--format=%ct%x00%aE%x00%cE%x00%s%x00%(trailers:only,unfold)%x1e', '--', path]);
  return out
    .split('\x1e')
    .map((r) => r.replace(/^\n/, ''))
    .filter(Boolean)
    .map((r) => {
      const [time, author, committer, subject, trailers] = r.split('\0') as [string, string, string, string, string];
      const byLines = trailers.split('\n').filter((l) => /^[^:]*-by:/i.test(l));
      const emails = byLines.map((l) => git(repo, ['check-mailmap', l.replace(/^[^:]*:\s*/, '').replace(/>.*$/, '>')]).trim().replace(/^.*<(.*)>$/, '$1'));
      return { time: Number(time), names: [author, committer, ...emails].map((e) => e.toLowerCase()), subject };
    });
}

/** The reasons the preset's rules give, computed here from git alone. */
function expectedRules(d: (typeof DIRS)[number]): string[] {
  const rules: string[] = [];
  const s = section(d.section);
  if (/^(orphan|obsolete|buried)/i.test(s.status)) rules.push('status');
  const all = commits(d.path);
  // The fixture's sweeps are its treewide: commits.
  const own = all.filter((c) => !/^treewide:/i.test(c.subject));
  const windowStart = HEAD_S - 5 * 365.25 * 86_400;
  if (own.length === 0 || own[0]!.time < windowStart || monthsBetween(own[0]!.time, HEAD_S) > 36) rules.push('abandoned');
  const yearAgo = new Date(HEAD_S * 1000);
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  const recent = all.filter((c) => c.time > yearAgo.getTime() / 1000);
  if (s.people.length > 0 && recent.length > 0 && !recent.some((c) => c.names.some((n) => s.people.includes(n)))) rules.push('silent-maintainers');
  const defconfigs = git(repo, ['ls-tree', '-r', '--name-only', 'HEAD', 'arch']).split('\n').filter((f) => /^arch\/[^/]+\/configs\/[^/]*defconfig$/.test(f));
  const enabled = defconfigs.filter((f) => new RegExp(`^CONFIG_${d.symbol}=[ym]$`, 'm').test(git(repo, ['show', `HEAD:${f}`])));
  if (enabled.length === 0) rules.push('unbuilt');
  return rules;
}

function check(args: string[]): { code: number | null; report: CheckReport } {
  const r = kstat(['check', '--preset', 'deprecation', '--json', ...args], { cwd: repo });
  return { code: r.code, report: JSON.parse(r.stdout) as CheckReport };
}

describe('kstat check --preset deprecation', () => {
  it("names each directory's reasons as git says them, and passes the healthy ones", () => {
    const { code, report } = check(DIRS.map((d) => d.path));
    expect(report.preset).toBe('deprecation');
    const got = Object.fromEntries(report.paths.map((v) => [v.path, v.findings.filter((f) => !f.holds).map((f) => f.rule)]));
    const want = Object.fromEntries(DIRS.map((d) => [d.path, expectedRules(d)]));
    expect(got).toEqual(want);
    // The fixture gives every rule a candidate, and a directory that passes.
    expect(new Set(Object.values(want).flat())).toEqual(new Set(['status', 'abandoned', 'silent-maintainers', 'unbuilt']));
    expect(want[KERNEL_DIRS.healthy.path]).toEqual([]);
    expect(want[KERNEL_DIRS.orphan.path]).toContain('status');
    expect(want[KERNEL_DIRS.abandoned.path]).toContain('abandoned');
    expect(want[KERNEL_DIRS.silent.path]).toEqual(['silent-maintainers']);
    expect(want[KERNEL_DIRS.unbuilt.path]).toEqual(['unbuilt']);
    expect(code).toBe(1);
  });

  it('says each reason in words', () => {
    const { report } = check([KERNEL_DIRS.orphan.path, KERNEL_DIRS.abandoned.path, KERNEL_DIRS.silent.path, KERNEL_DIRS.unbuilt.path]);
    const reasons = Object.fromEntries(report.paths.map((v) => [v.path, v.findings.filter((f) => !f.holds).map((f) => f.reason)]));
    expect(reasons[KERNEL_DIRS.orphan.path]).toContain(`MAINTAINERS status Orphan (${KERNEL_DIRS.orphan.section})`);
    expect(reasons[KERNEL_DIRS.abandoned.path]![0]).toMatch(/^no substantive commit in \d+ months \(last 2021-\d\d-\d\d\)$/);
    expect(reasons[KERNEL_DIRS.silent.path]![0]).toMatch(new RegExp(`^every maintainer of ${KERNEL_DIRS.silent.section} silent 12 months while commits arrived \\(last seen 2023-\\d\\d-\\d\\d\\)$`));
    expect(reasons[KERNEL_DIRS.unbuilt.path]).toEqual([`CONFIG_${KERNEL_DIRS.unbuilt.symbol} set in no defconfig`]);
  });

  it('--each drivers --format markdown is a deprecation-candidates report: one row per candidate with its section, status and reasons', () => {
    const r = kstat(['check', '--preset', 'deprecation', '--each', 'drivers', '--depth', '1', '--format', 'markdown'], { cwd: repo });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^### kstat check --preset deprecation: \d+ candidates among \d+ paths$/);
    const rows = lines.filter((l) => l.startsWith('| `'));
    const candidates = DIRS.filter((d) => !d.path.startsWith('drivers/shared/') && expectedRules(d).length > 0);
    expect(rows.map((l) => l.split('|')[1]!.trim())).toEqual(expect.arrayContaining(candidates.map((d) => `\`${d.path}\``)));
    expect(rows.find((l) => l.includes(KERNEL_DIRS.orphan.path))).toContain(KERNEL_DIRS.orphan.section);
    expect(rows.some((l) => l.includes(KERNEL_DIRS.healthy.path))).toBe(false);
  });

  it('a repository without MAINTAINERS, kbuild or tags is judged only by its history', () => {
    const plain = fixtureRepo(mlx5VdpaCore);
    const r = kstat(['check', '--preset', 'deprecation', '--json', MLX5_CORE], { cwd: plain });
    const report = JSON.parse(r.stdout) as CheckReport;
    expect(report.paths[0]!.findings.map((f) => [f.rule, f.holds])).toEqual([['abandoned', true]]);
    expect(r.code).toBe(0);
  });

  it('an unknown preset is a usage error naming the presets', () => {
    const r = kstat(['check', '--preset', 'deprecate', 'drivers/healthy'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/deprecation/);
  });
});
