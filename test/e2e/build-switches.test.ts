// Build switches end to end: on the kbuild fixture, each path's build_switches and defconfigs
// equal an independent reading (test/helpers/oracle-build.ts: plain git per question, a simple
// reading of makefiles and Kconfig), at HEAD and at the revision before; the work tree is never
// read; the text line, table column, CSV columns, --sort and --min-defconfigs follow the JSON; a
// tree without Kconfig or defconfigs, or without makefiles, says so in notes.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KBUILD_PATHS, kbuild } from '../../fixtures/recipes/kbuild.js';
import { MLX5_CORE, mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import type { PathReport } from '../../src/types.js';
import { kstat, kstatJson, parseJson } from '../helpers/cli.js';
import { oracleBuild } from '../helpers/oracle-build.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';

const PATHS = KBUILD_PATHS.map((p) => p.path);
const build = (r: PathReport) => ({ build_switches: r.build_switches, defconfigs: r.defconfigs });


/** The notes about build switches (a report also notes a missing MAINTAINERS, say). */
const buildNotes = (notes: readonly string[]): string[] => notes.filter((n) => !/MAINTAINERS|release tag/.test(n));

let repo: string;
let mlx5: string;
beforeAll(() => {
  repo = fixtureRepo(kbuild);
  mlx5 = fixtureRepo(mlx5VdpaCore);
});
afterAll(removeTempDirs);

const all = (args: string[], cwd = repo): PathReport[] => {
  const r = kstat(['--json', ...args], { cwd });
  expect(r.code, r.stderr).toBe(0);
  return parseJson<PathReport[]>(r.stdout);
};

describe('build switches on the kbuild fixture', () => {
  it.each(['HEAD', 'HEAD~1'])('every path equals the independent reading at %s, in one run', (rev) => {
    const reports = all(['--rev', rev, ...PATHS]);
    for (const [i, path] of PATHS.entries()) expect(build(reports[i]!), path).toEqual(oracleBuild(repo, rev, path));
  });

  it.each(PATHS)('%s alone equals the independent reading', (path) => {
    expect(build(kstatJson([path], { cwd: repo }))).toEqual(oracleBuild(repo, 'HEAD', path));
  });

  it('the fixture reaches every case: gates from parents and composites, climbs, several gates, none', () => {
    const reports = new Map(all(PATHS).map((r) => [r.path, r]));
    const gates = (p: string) => reports.get(p)!.build_switches.filter((s) => s.from === 'parent').map((s) => s.symbol);
    expect(gates('drivers/foo')).toEqual(['CONFIG_FOO']);
    expect(gates('drivers/foo/main.c')).toEqual(['CONFIG_FOO']);
    expect(gates('drivers/foo/debug.c')).toEqual(['CONFIG_FOO_DEBUG']);
    expect(gates('drivers/qux')).toEqual(['CONFIG_QUX', 'CONFIG_QUX_ALT']);
    expect(gates('drivers/cond')).toEqual(['CONFIG_COND']);
    expect(gates('drivers/net/mellanox/mlx5/core')).toEqual(['CONFIG_MLX5_CORE']);
    for (const p of ['drivers/base', 'drivers/core', 'drivers/elsewise', 'drivers/modonly', 'drivers/old', 'drivers', 'kernel', 'Documentation', '.']) {
      expect(gates(p), p).toEqual([]);
      expect(reports.get(p)!.defconfigs, p).toBeNull();
    }
    expect(reports.get('drivers/hidden')!.defconfigs).toBe(0);
    expect(reports.get('drivers/foo')!.defconfigs).toBeGreaterThan(0);
  });

  it('notes say why a path has no defconfigs figure, or which switch Kconfig does not define', () => {
    const notes = new Map(all(PATHS).map((r) => [r.path, buildNotes(r.notes)]));
    expect(notes.get('drivers/base')).toContain('no build switch gates drivers/base: kbuild builds it with obj-y up to the top');
    expect(notes.get('drivers/base')).toContain('CONFIG_BASE_X has no config entry in any Kconfig file');
    expect(notes.get('drivers/old')).toEqual(['no build switches: no Kbuild or Makefile above drivers/old builds it']);
    expect(notes.get('Documentation')).toEqual(['no build switches: no Kbuild or Makefile above Documentation builds it']);
    expect(notes.get('.')).toEqual(['no build switch gates the top of the tree']);
    expect(notes.get('drivers/ghost')).toEqual(['CONFIG_GHOST has no config entry in any Kconfig file']);
    expect(notes.get('drivers/foo')).toEqual([]);
  });

  it('reads the revision, never the work tree', () => {
    const before = all(PATHS);
    appendFileSync(join(repo, 'drivers/Makefile'), 'obj-$(CONFIG_WORKTREE) += base/ old/\n');
    writeFileSync(join(repo, 'arch/x86/configs/extra_defconfig'), 'CONFIG_FOO=y\nCONFIG_HIDDEN=y\n');
    mkdirSync(join(repo, 'drivers/old/sub'), { recursive: true });
    writeFileSync(join(repo, 'drivers/old/Kbuild'), 'obj-$(CONFIG_WT) += sub/\n');
    try {
      expect(all(PATHS)).toEqual(before);
    } finally {
      git(repo, ['checkout', '--', 'drivers/Makefile']);
      git(repo, ['clean', '-fdq']);
    }
  });

  it('a deleted path has no switches, though a makefile still names it, and says so', () => {
    const r = kstatJson(['drivers/removed'], { cwd: repo });
    expect(build(r)).toEqual({ build_switches: [], defconfigs: null });
    expect(buildNotes(r.notes)).toEqual([`no build switches: drivers/removed is not in the tree of HEAD`]);
    expect(kstatJson(['--rev', 'HEAD~1', 'drivers/removed'], { cwd: repo }).build_switches.map((s) => s.symbol)).toEqual(['CONFIG_REMOVED']);
  });
});

describe('build switches in the renderers and the check', () => {
  it('the text block has one build line, readable at 80 columns', () => {
    const o = oracleBuild(repo, 'HEAD', 'drivers/qux');
    const [qux, alt] = o.build_switches;
    const out = kstat(['--width', '80', 'drivers/qux'], { cwd: repo }).stdout;
    expect(out.split('\n').every((l) => [...l].length <= 80)).toBe(true);
    const joined = out.replace(/\n {2}/g, ' ');
    expect(qux!.prompt).toBeNull();
    expect(joined).toContain(
      `built by CONFIG_QUX (${qux!.type}, no prompt) or CONFIG_QUX_ALT (${alt!.type} ${JSON.stringify(alt!.prompt)}), set in ${o.defconfigs} defconfigs; 1 switch for its parts\n`,
    );
    const foo = oracleBuild(repo, 'HEAD', 'drivers/foo');
    const gate = foo.build_switches[0]!;
    expect(kstat(['drivers/foo'], { cwd: repo }).stdout).toContain(
      `built by ${gate.symbol} (${gate.type} "${gate.prompt}"), set in ${foo.defconfigs} defconfigs; ${foo.build_switches.length - 1} switches for its parts\n`,
    );
    expect(kstat(['drivers/ghost'], { cwd: repo }).stdout).toContain('built by CONFIG_GHOST (no Kconfig entry), set in 0 defconfigs\n');
    expect(kstat(['drivers/base'], { cwd: repo }).stdout).toContain('no switch gates it; 1 switch for its parts\n');
    expect(kstat(['Documentation'], { cwd: repo }).stdout).not.toMatch(/built by|switch gates/);
  });

  it('the table has a defconfigs column when a path is gated, with — for the others; it gives way first after the sparkline', () => {
    const paths = ['drivers/foo', 'drivers/base', 'drivers/hidden'];
    const wide = kstat(['--table', '--width', '400', ...paths], { cwd: repo }).stdout.split('\n');
    expect(wide[0]!.trimEnd().endsWith('defconfigs')).toBe(true);
    const cells = wide.slice(2, 5).map((l) => l.trim().split(/\s+/).at(-1));
    expect(cells).toEqual(paths.map((p) => String(oracleBuild(repo, 'HEAD', p).defconfigs ?? '—')));
    const narrow = kstat(['--table', '--width', '110', ...paths], { cwd: repo }).stdout.split('\n')[0]!;
    expect(narrow).not.toContain('defconfigs');
    expect(narrow).toContain('elephant');
    // A tree no switch gates with a defconfig has no column.
    expect(kstat(['--table', '--width', '400', 'drivers/base', 'kernel'], { cwd: repo }).stdout.split('\n')[0]).not.toContain('defconfigs');
  });

  it('CSV: defconfigs and the gates, space-separated', () => {
    const lines = kstat(['--csv', 'drivers/qux', 'drivers/base'], { cwd: repo }).stdout.trimEnd().split('\n');
    const head = lines[0]!.split(',');
    const at = head.indexOf('defconfigs');
    expect(head.slice(at, at + 2)).toEqual(['defconfigs', 'build_gates']);
    const qux = oracleBuild(repo, 'HEAD', 'drivers/qux');
    expect(lines[1]!.split(',').slice(at, at + 2)).toEqual([String(qux.defconfigs), qux.build_switches.filter((s) => s.from === 'parent').map((s) => s.symbol).join(' ')]);
    expect(lines[2]!.split(',').slice(at, at + 2)).toEqual(['', '']);
  });

  it('--sort defconfigs: most first, paths without the figure last', () => {
    const paths = ['drivers/hidden', 'drivers/base', 'drivers/foo', 'drivers/qux', 'drivers/net/mellanox/mlx5/core'];
    const want = paths
      .map((p) => ({ p, d: oracleBuild(repo, 'HEAD', p).defconfigs }))
      .sort((a, b) => (b.d ?? -1) - (a.d ?? -1) || (a.p < b.p ? -1 : 1))
      .map((x) => x.p);
    expect(all(['--sort', 'defconfigs', ...paths]).map((r) => r.path)).toEqual(want);
  });

  it('--min-defconfigs N: a path holds when at least N defconfigs set a switch that gates it; none breaks it', () => {
    const paths = ['drivers/foo', 'drivers/qux', 'drivers/hidden', 'drivers/base'];
    const r = kstat(['check', '--format', 'json', '--min-defconfigs', '2', ...paths], { cwd: repo });
    expect(r.code).toBe(1);
    const verdicts = (JSON.parse(r.stdout) as { paths: Array<{ path: string; status: string; findings: Array<{ figure: number | null }> }> }).paths;
    for (const v of verdicts) {
      const d = oracleBuild(repo, 'HEAD', v.path).defconfigs;
      expect(v.findings[0]!.figure, v.path).toBe(d);
      expect(v.status, v.path).toBe(d !== null && d >= 2 ? 'pass' : 'fail');
    }
  });
});

describe('build switches where the tree has less', () => {
  it('mlx5: a gate without Kconfig or defconfigs, said in notes; the table shows no column', () => {
    const r = kstatJson([MLX5_CORE], { cwd: mlx5 });
    expect(build(r)).toEqual(oracleBuild(mlx5, 'HEAD', MLX5_CORE));
    expect(r.build_switches.map((s) => [s.symbol, s.from, s.makefile])).toEqual([['CONFIG_MLX5_VDPA', 'parent', 'drivers/vdpa/mlx5/Makefile']]);
    expect(buildNotes(r.notes)).toEqual(['no arch/*/configs/*defconfig file in the tree: defconfigs is none', 'CONFIG_MLX5_VDPA has no config entry in any Kconfig file']);
    expect(kstat(['--table', '--width', '400', MLX5_CORE, 'drivers/vdpa'], { cwd: mlx5 }).stdout).not.toContain('defconfigs');
    expect(kstat([MLX5_CORE], { cwd: mlx5 }).stdout).toContain('built by CONFIG_MLX5_VDPA (no Kconfig entry), no defconfig in the tree\n');
  });

  it('a path no makefile names: no switches, a note, no text line', () => {
    const r = kstatJson(['drivers/vdpa'], { cwd: mlx5 });
    expect(build(r)).toEqual({ build_switches: [], defconfigs: null });
    expect(r.notes).toContain('no build switches: no Kbuild or Makefile above drivers/vdpa builds it');
  });
});
