// Maintainer coverage (docs/signals.md "Maintainers' liveness") on the kernel fixture: the share
// of a path's window commits that carry a Signed-off-by, Reviewed-by or Acked-by from an M: or R:
// person of a section covering it, or were committed by one, equals a plain-git count over a
// simple reading of MAINTAINERS (test/helpers/oracle-maintainers.ts) and git check-mailmap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KERNEL_DIRS, kernel } from '../../fixtures/recipes/kernel.js';
import { MLX5_CORE, mlx5VdpaCore } from '../../fixtures/recipes/mlx5-vdpa-core.js';
import type { PathReport } from '../../src/types.js';
import { kstat, parseJson } from '../helpers/cli.js';
import { mappedEmail, oracleCover, oracleSections } from '../helpers/oracle-maintainers.js';
import { fixtureRepo, git, removeTempDirs } from '../helpers/repos.js';

const PATHS = Object.values(KERNEL_DIRS).map((d) => d.path);

let repo: string;
beforeAll(() => {
  repo = fixtureRepo(kernel);
});
afterAll(removeTempDirs);

/** A `Name <email>` or bare address, mapped; null when the value names no one. */
function contact(value: string): string | null {
  const m = /^(.*?)\s*<([^<>\s]+)>/.exec(value);
  if (m) return mappedEmail(repo, m[1]!, m[2]!);
  const bare = /^([^\s<>@]+@[^\s<>@]+)/.exec(value);
  return bare ? mappedEmail(repo, '', bare[1]!) : null;
}

function expectedCoverage(path: string, since: string, until: string): number | null {
  const sections = oracleSections(git(repo, ['show', 'HEAD:MAINTAINERS']));
  const isDir = (p: string): boolean => git(repo, ['cat-file', '-t', `HEAD:${p.replace(/\/$/, '')}`]).trim() === 'tree';
  const covering = oracleCover(sections, `${path}/`, isDir).map((c) => sections.find((s) => s.name === c.name)!);
  if (covering.length === 0) return null;
  // The catch-all section (F: */, THE REST) is everyone's last resort, not the path's maintainer.
  const own = covering.filter((s) => !s.fields.some(([t, v]) => t === 'F' && v === '*/'));
  const people = new Set(
    own.flatMap((s) => s.fields.filter(([t]) => t === 'M' || t === 'R').map(([, v]) => contact(v))).filter((e): e is string => e !== null),
  );
  const log = git(repo, ['log', '--no-merges', `--since-as-filter=${since}`, `--until=${until}`, '--format=%cE%x1f%(trailers:only,unfold)%x1e', '--', path]);
  const commits = log.split('\x1e').map((r) => r.trim()).filter(Boolean);
  if (commits.length === 0) return null;
  const covered = commits.filter((r) => {
    const [committer, trailers] = r.split('\x1f') as [string, string];
    if (people.has(committer.toLowerCase())) return true;
    return trailers
      .split('\n')
      .filter((t) => /^(signed-off-by|reviewed-by|acked-by):/i.test(t))
      .some((t) => {
        const who = contact(t.slice(t.indexOf(':') + 1).trim());
        return who !== null && people.has(who);
      });
  });
  return covered.length / commits.length;
}

describe('maintainer coverage', () => {
  it('equals the share of window commits a covering section\'s people signed, reviewed, acked or committed', () => {
    const reports = parseJson<PathReport[]>(kstat(['--json', ...PATHS], { cwd: repo }).stdout);
    const got = Object.fromEntries(reports.map((r) => [r.path, r.maintainer_coverage]));
    const want = Object.fromEntries(reports.map((r) => [r.path, expectedCoverage(r.path, r.window.since, r.window.until)]));
    expect(got).toEqual(want);
    // The fixture tells them apart: the healthy maintainer applies every patch, the silent one none.
    expect(want[KERNEL_DIRS.healthy.path]).toBeGreaterThan(0.9);
    expect(want[KERNEL_DIRS.silent.path]).toBeLessThan(want[KERNEL_DIRS.healthy.path]!);
  });

  it('is null in a repository without MAINTAINERS', () => {
    const plain = fixtureRepo(mlx5VdpaCore);
    expect(git(plain, ['ls-tree', '--name-only', 'HEAD']).split('\n')).not.toContain('MAINTAINERS');
    const r = parseJson<PathReport>(kstat(['--json', MLX5_CORE], { cwd: plain }).stdout);
    expect(r.maintainer_coverage).toBeNull();
  });
});
