// The seed, end to end: the real CLI on the mlx5-vdpa-core fixture reproduces the seed block
// line by line and its month table, and every JSON figure equals plain git's.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MLX5_CORE, MLX5_NET, mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import { kstat, kstatJson, parseJson, parseNdjson } from '../helpers/cli.js';
import { figures } from '../helpers/figures.js';
import { oracleSignals } from '../helpers/oracle.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';
import type { PathReport } from '../../src/types.js';

const seed = (name: string): string => readFileSync(new URL(`../../fixtures/seed/${name}`, import.meta.url), 'utf8');
const SINCE = Date.parse('2021-04-21T00:00:00Z') / 1000;
const UNTIL = Date.parse('2026-04-21T00:00:00Z') / 1000;

let repo: string;
let bare: string;
beforeAll(() => {
  repo = fixtureRepo(mlx5VdpaCore);
  bare = fixtureRepo(mlx5VdpaCore, { bare: true });
});
afterAll(removeTempDirs);


describe('mlx5-vdpa-core text block', () => {
  it('equals the seed block line by line', () => {
    const r = kstat([MLX5_CORE], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out[0]).toBe(MLX5_CORE);
    const block = seed('mlx5-vdpa-core.signals.txt').trimEnd().split('\n');
    const start = out.indexOf('repository signals');
    expect(out.slice(start, start + block.length)).toEqual(block);
  });

  it('is the same at --width 80, as on an 80-column terminal', () => {
    expect(kstat(['--width', '80', MLX5_CORE], { cwd: repo }).stdout).toBe(kstat([MLX5_CORE], { cwd: repo }).stdout);
  });

  it('is followed by a chart with one column per month and the last commit', () => {
    const out = kstat([MLX5_CORE], { cwd: repo }).stdout.split('\n');
    const axis = out.find((l) => l.includes('└'))!;
    expect(axis.slice(axis.indexOf('└') + 1)).toHaveLength(61);
    // Ticks mark Januaries: 2022 to 2026.
    expect([...axis].filter((c) => c === '┬')).toHaveLength(5);
    expect(out[out.indexOf(axis) + 1]!.trim().split(/\s+/)).toEqual(['2021', '2022', '2023', '2024', '2025', '2026']);
    const sha = git(repo, ['log', '-1', '--format=%H %cs %s', '--', MLX5_CORE]).trim().split(' ');
    expect(out).toContain(`last commit · ${sha[1]} · ${sha[0]!.slice(0, 12)} · ${sha.slice(2).join(' ')}`);
  });

  it('prints no escape codes when piped, and colours on request', () => {
    expect(kstat([MLX5_CORE], { cwd: repo }).stdout).not.toContain('\u001b[');
    const forced = kstat([MLX5_CORE], { cwd: repo, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    expect(kstat(['--no-color', MLX5_CORE], { cwd: repo, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });
});

describe('mlx5-vdpa-core JSON', () => {
  it('has the seed month table', () => {
    const r = kstatJson([MLX5_CORE], { cwd: repo });
    const tsv = seed('mlx5-vdpa-core-monthly.tsv').trim().split('\n').slice(1).map((l) => {
      const [month, commits, added, removed] = l.split('\t');
      return { month, commits: Number(commits), added: Number(added), removed: Number(removed) };
    });
    expect(r.monthly.map(({ month, commits, added, removed }) => ({ month, commits, added, removed }))).toEqual(tsv);
    expect(r.schema).toBe('kstat.signals/1');
    expect(r.window).toEqual({ since: '2021-04-21T00:00:00Z', until: '2026-04-21T00:00:00Z', months: 61, label: '5y' });
    expect(r.revision).toEqual({ name: 'HEAD', sha: git(repo, ['rev-parse', 'HEAD']).trim(), date: '2026-04-21T00:00:00Z' });
    expect(r.mailmap.sources).toEqual(['.mailmap']);
    expect(r.warnings).toEqual([]);
  });

  const paths = [MLX5_CORE, `${MLX5_CORE}/`, MLX5_NET, 'drivers/vdpa/mlx5', 'drivers/vdpa', 'drivers', '.', `${MLX5_CORE}/mr.c`, 'Makefile'];
  it.each(paths)('equals plain git for %s', (path) => {
    const r = kstatJson([path], { cwd: repo });
    expect(figures(r)).toEqual(oracleSignals({ repo, rev: 'HEAD', path, since: SINCE, until: UNTIL }));
  });

  it('equals plain git for other windows and revisions', () => {
    const rev = git(repo, ['rev-list', '-1', '--before=2024-01-01', 'HEAD']).trim();
    const r = kstatJson(['--rev', rev, '--since', '2022-02-03T04:05:06Z', '--until', '2023-12-15', MLX5_CORE], { cwd: repo });
    const since = Date.parse('2022-02-03T04:05:06Z') / 1000;
    const until = Date.parse('2023-12-15T00:00:00Z') / 1000;
    expect(figures(r)).toEqual(oracleSignals({ repo, rev, path: MLX5_CORE, since, until }));
    expect(r.window.label).toBe('2022-02-03 → 2023-12-15');
    expect(r.monthly[0]!.month).toBe('2022-02');
    expect(r.monthly.at(-1)!.month).toBe('2023-12');
    const ten = kstatJson(['--years', '10', MLX5_CORE], { cwd: repo });
    expect(ten.window.since).toBe('2016-04-21T00:00:00Z');
    expect(figures(ten)).toEqual(oracleSignals({ repo, rev: 'HEAD', path: MLX5_CORE, since: Date.parse('2016-04-21T00:00:00Z') / 1000, until: UNTIL }));
  });

  it('gives the same figures in a bare repository, from a subdirectory, and through KSTAT_REPO', () => {
    const expected = figures(kstatJson([MLX5_CORE], { cwd: repo }));
    const inBare = kstatJson([MLX5_CORE], { cwd: bare });
    expect(figures(inBare)).toEqual(expected);
    expect(inBare.mailmap.sources).toEqual(['blob:HEAD:.mailmap']);
    // In a subdirectory paths are read as git reads them there, and named from the top.
    for (const path of ['mlx5/core', `:/${MLX5_CORE}`, '../vdpa/mlx5/core/']) {
      const sub = kstatJson([path], { cwd: `${repo}/drivers/vdpa` });
      expect([sub.path, figures(sub)]).toEqual([MLX5_CORE, expected]);
    }
    expect(figures(kstatJson(['-C', repo, MLX5_CORE], { cwd: '/' }))).toEqual(expected);
    expect(figures(kstatJson([MLX5_CORE], { cwd: '/', env: { KSTAT_REPO: bare } }))).toEqual(expected);
  });

  it('gives one array entry per path, and one NDJSON line per path, in order', () => {
    const r = kstat(['--json', MLX5_CORE, MLX5_NET], { cwd: repo });
    const arr = parseJson<PathReport[]>(r.stdout);
    expect(arr.map((x) => x.path)).toEqual([MLX5_CORE, MLX5_NET]);
    expect(figures(arr[0]!)).toEqual(figures(kstatJson([MLX5_CORE], { cwd: repo })));
    const nd = parseNdjson<PathReport>(kstat(['--ndjson', MLX5_NET, MLX5_CORE], { cwd: repo }).stdout);
    expect(nd.map((x) => x.path)).toEqual([MLX5_NET, MLX5_CORE]);
    const text = kstat(['--format', 'text', MLX5_CORE, MLX5_NET], { cwd: repo }).stdout;
    expect(text.split('\n').filter((l) => l === 'repository signals')).toHaveLength(2);
  });
});

describe('mlx5-vdpa-core, shallow clone', () => {
  it('warns where history stops, in JSON and in text', () => {
    const dir = `${repo}-shallow`;
    git(repo, ['clone', '-q', '--depth', '20', '--no-local', `file://${repo}`, dir]);
    const grafts = readFileSync(`${dir}/.git/shallow`, 'utf8').trim().split('\n');
    const boundary = git(dir, ['log', '--no-walk', '--format=%cs', ...grafts]).trim().split('\n').sort().at(-1)!;
    const r = kstatJson([MLX5_CORE], { cwd: dir });
    expect(r.commits).toBeLessThan(58);
    const there = grafts.length === 1 ? '1 commit there is' : `${grafts.length} commits there are`;
    expect(r.warnings).toEqual([`shallow clone: history stops at ${boundary}, and the ${there} not counted, so figures may be low (run git fetch --unshallow)`]);
    expect(kstat([MLX5_CORE], { cwd: dir }).stdout).toContain(`warning: shallow clone: history stops at ${boundary}`);
  });
});
