// MAINTAINERS end to end: on the maintainers fixture every path's sections, statuses, people and
// when each was last seen equal a simple independent reading (test/helpers/oracle-maintainers.ts)
// and plain git; the text block's heading, the table's columns, the check's rules, and a
// repository without MAINTAINERS (a note, nothing else).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAINTAINERS_PATHS, MAINTAINERS_TEXT, maintainersRecipe } from '../../fixtures/recipes/maintainers.js';
import { mlx5VdpaCore, MLX5_CORE } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import type { PathReport } from '../../src/types.js';
import { kstat, kstatJson, parseJson } from '../helpers/cli.js';
import { filesOfSection, mappedEmail, oracleCover, oracleLastSeen, oracleSections, sectionCommits } from '../helpers/oracle-maintainers.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';

let repo: string;
let reports: PathReport[];
const isDir = (p: string): boolean => git(repo, ['ls-tree', '-d', 'HEAD', '--', p]).trim() !== '';
const UNTIL = Date.parse('2026-04-21T00:00:00Z');

beforeAll(() => {
  repo = fixtureRepo(maintainersRecipe);
  reports = parseJson<PathReport[]>(kstat(['--json', ...MAINTAINERS_PATHS], { cwd: repo }).stdout);
});
afterAll(removeTempDirs);

const sections = (): ReturnType<typeof oracleSections> => oracleSections(MAINTAINERS_TEXT);

describe('MAINTAINERS sections', () => {
  it('each path is covered by the sections the simple reading finds, most specific first, with the pattern that matched', () => {
    for (const [i, path] of MAINTAINERS_PATHS.entries()) {
      const arg = path === '.' ? './' : isDir(path) ? `${path}/` : path;
      const expected = oracleCover(sections(), arg, isDir);
      const r = reports[i]!;
      expect(r.path).toBe(path);
      expect(r.sections.map((s) => ({ name: s.name, matched: s.matched })), path).toEqual(expected);
      expect(r.section).toBe(expected[0]?.name ?? null);
    }
  });

  it('the fixture exercises what it says: overlaps, excludes, N:, globs, the prefix match, a CRLF and a commented line', () => {
    const by = (p: string): string[] => reports[MAINTAINERS_PATHS.indexOf(p)]!.sections.map((s) => s.name);
    expect(by('drivers/net/foo')).toEqual(['FOO NETWORK DRIVER', 'NET DRIVERS', 'THE REST']);
    expect(by('drivers/net/foo/sub')).toEqual(['FOO SUB DRIVER', 'NET DRIVERS', 'THE REST']);
    expect(by('include/linux/foo.hx')).toEqual(['FOO HEADERS', 'FOO NETWORK DRIVER', 'THE REST']);
    expect(by('arch/arm/mach-foo')).toEqual(['ARM/FOO MACHINE', 'THE REST']);
    expect(by('drivers/gpu/old')).toEqual(['GPU OLD', 'THE REST']);
    expect(by('sound/soc/foo')).toEqual(['THE REST']);
  });

  it('statuses are normalised and kept as written', () => {
    const text = new Map(sections().map((s) => [s.name, s.fields.find(([t]) => t === 'S')?.[1] ?? null]));
    const want: Record<string, string> = {
      'FOO NETWORK DRIVER': 'Maintained',
      'FOO SUB DRIVER': 'Odd Fixes',
      'GPU': 'Obsolete',
      'GPU OLD': 'Orphan',
      'NET DRIVERS': 'Supported',
      'THE REST': 'Buried',
      'FOO HEADERS': 'Maintained',
      'ARM/FOO MACHINE': 'Maintained',
    };
    for (const r of reports) {
      for (const s of r.sections) {
        expect(s.status_text).toBe(text.get(s.name));
        expect(s.status).toBe(want[s.name]);
      }
      expect(r.status).toBe(r.sections[0]?.status ?? null);
    }
  });

  it("people, lists and trees are the section's lines", () => {
    for (const r of reports) {
      for (const s of r.sections) {
        const fields = sections().find((o) => o.name === s.name)!.fields;
        const people = (t: string): string[] => fields.filter(([k]) => k === t).map(([, v]) => v);
        expect(s.maintainers.map((p) => `${p.name} <${p.email}>`)).toEqual(people('M'));
        expect(s.reviewers.map((p) => `${p.name} <${p.email}>`)).toEqual(people('R'));
        expect(s.lists).toEqual(people('L'));
        expect(s.trees).toEqual(people('T'));
      }
    }
  });
});

describe("maintainers' liveness", () => {
  it("each person's last sighting, each section's last commit and its silence equal plain git over the section's files", () => {
    const checked = new Set<string>();
    for (const r of reports) {
      for (const s of r.sections) {
        if (checked.has(s.name)) continue;
        checked.add(s.name);
        const files = filesOfSection(repo, sections(), s.name, isDir);
        const commits = sectionCommits(repo, files);
        const last = commits[0] ? new Date(commits[0].time * 1000).toISOString().replace('.000Z', 'Z') : null;
        expect(s.last_commit_date, s.name).toBe(last);
        const seen = [...s.maintainers, ...s.reviewers].map((p) => {
          const expected = oracleLastSeen(repo, commits, mappedEmail(repo, p.name, p.email));
          expect(p.last_seen, `${s.name} ${p.email}`).toEqual(expected);
          return expected;
        });
        const yearBefore = new Date(UNTIL);
        yearBefore.setUTCFullYear(yearBefore.getUTCFullYear() - 1);
        const recent = (iso: string | null): boolean => iso !== null && Date.parse(iso) > yearBefore.getTime();
        expect(s.silent, s.name).toBe(recent(last) && !seen.some((x) => recent(x?.date ?? null)));
      }
    }
    // Every way of being seen, and the cases that make the walk go to the root.
    const all = reports.flatMap((r) => r.sections.flatMap((s) => [...s.maintainers, ...s.reviewers]));
    expect(new Set(all.map((p) => p.last_seen?.as ?? null))).toEqual(new Set(['author', 'committer', 'trailer', null]));
    expect(reports.flatMap((r) => r.sections).filter((s) => s.silent).map((s) => s.name).sort()).toContain('FOO SUB DRIVER');
    expect(reports.flatMap((r) => r.sections).filter((s) => s.silent).map((s) => s.name)).toContain('GPU OLD');
  });

  it('a path alone has the figures it has among many (one walk per batch or per path)', () => {
    for (const [i, path] of MAINTAINERS_PATHS.entries()) {
      const one = kstatJson([path], { cwd: repo });
      expect([path, one.sections]).toEqual([path, reports[i]!.sections]);
    }
  });

  it('--until moves the end: sightings after it are not seen', () => {
    const r = kstatJson(['--until', '2022-12-31', 'drivers/net/foo'], { cwd: repo });
    const alice = r.sections[0]!.maintainers[0]!;
    expect(alice.last_seen?.date).toBe('2022-02-02T09:00:00Z');
    expect(r.sections[0]!.last_commit_date).toBe('2022-02-02T09:00:00Z');
  });
});

describe('MAINTAINERS in the output', () => {
  it('heads the text block: the section, then its status and maintainers, within 80 columns', () => {
    const out = kstat(['--width', '80', 'drivers/net/foo/sub'], { cwd: repo }).stdout.split('\n');
    expect(out.slice(0, 4)).toEqual(['drivers/net/foo/sub', 'FOO SUB DRIVER', 'odd fixes · Carol Sub · silent 12 months', '']);
    expect(Math.max(...out.map((l) => [...l].length))).toBeLessThanOrEqual(80);
  });

  it('section and status are table and CSV columns', () => {
    const table = kstat(['--width', '300', 'drivers/net/foo', 'drivers/gpu/old'], { cwd: repo }).stdout;
    expect(table.split('\n')[0]).toMatch(/section +status/);
    expect(table).toMatch(/drivers\/gpu\/old .*GPU OLD +Orphan/);
    const csv = kstat(['--csv', 'drivers/net/foo', 'drivers/gpu/old'], { cwd: repo }).stdout.trim().split('\n');
    const head = csv[0]!.split(',');
    const col = (row: number, name: string): string => csv[row]!.split(',')[head.indexOf(name)]!;
    expect([col(1, 'section'), col(1, 'status'), col(2, 'section'), col(2, 'status')]).toEqual(['FOO NETWORK DRIVER', 'Maintained', 'GPU OLD', 'Orphan']);
    // Alice last seen 2026-01-05: 3 whole months before 2026-04-21; GPU OLD has nobody.
    expect([col(1, 'maintainer_idle_months'), col(2, 'maintainer_idle_months')]).toEqual(['3', '']);
  });

  it('kstat check --require-status and --max-maintainer-idle-months', () => {
    const r = kstat(['check', '--json', '--require-status', 'Maintained,supported', '--max-maintainer-idle-months', '6', 'drivers/net/foo', 'drivers/gpu/old', 'drivers/net/foo/sub', 'tools/foo'], { cwd: repo });
    expect(r.code).toBe(1);
    const verdicts = JSON.parse(r.stdout).paths as Array<{ path: string; status: string; findings: Array<{ rule: string; figure: unknown; holds: boolean }> }>;
    const holds = verdicts.map((v) => [v.path, v.findings.map((f) => [f.rule, f.figure, f.holds])]);
    expect(holds).toEqual([
      ['drivers/net/foo', [['max-maintainer-idle-months', 3, true], ['require-status', 'Maintained', true]]],
      ['drivers/gpu/old', [['max-maintainer-idle-months', null, false], ['require-status', 'Orphan', false]]],
      ['drivers/net/foo/sub', [['max-maintainer-idle-months', null, false], ['require-status', 'Odd Fixes', false]]],
      ['tools/foo', [['max-maintainer-idle-months', 2, true], ['require-status', 'Buried', false]]],
    ]);
    const text = kstat(['check', '--require-status', 'Maintained', 'drivers/gpu/old'], { cwd: repo }).stdout;
    expect(text).toContain('MAINTAINERS status Orphan, must be one of Maintained');
  });

  it('a status no one has is a usage error naming the near one', () => {
    const r = kstat(['check', '--require-status', 'Maintaned', 'drivers/net/foo'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"Maintaned" is no MAINTAINERS status (did you mean Maintained?');
  });

  it('the config file takes require-status as a list', () => {
    writeFileSync(join(repo, 'kstat.config.json'), JSON.stringify({ rules: [{ paths: 'drivers/**', 'require-status': ['Orphan'] }] }));
    try {
      const r = kstat(['check', '--json', 'drivers/gpu/old', 'drivers/net/foo'], { cwd: repo });
      expect(JSON.parse(r.stdout).paths.map((v: { status: string }) => v.status)).toEqual(['pass', 'fail']);
    } finally {
      writeFileSync(join(repo, 'kstat.config.json'), '{}');
    }
  });

  it('a repository without MAINTAINERS: no sections, a note, and no heading', () => {
    const plain = fixtureRepo(mlx5VdpaCore);
    const r = kstatJson([MLX5_CORE], { cwd: plain });
    expect([r.section, r.status, r.sections]).toEqual([null, null, []]);
    expect(r.notes.filter((n) => n.includes('MAINTAINERS'))).toEqual(['no MAINTAINERS file in HEAD: no sections, maintainers or liveness']);
    const out = kstat([MLX5_CORE], { cwd: plain }).stdout.split('\n');
    expect(out.slice(0, 3)).toEqual([MLX5_CORE, '', 'repository signals']);
  });
});
