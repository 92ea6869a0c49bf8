// `kstat check`: rules from flags and from kstat.config.json gate paths with exit codes a CI job
// reads (0 every rule holds, 1 an error rule broken, 2 usage or config, 10 a path unreadable),
// in every format, and in pull-request mode on what a change touches. Expected verdicts come
// from the report's own JSON, never from typed figures.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/build.js';
import { edgeCases } from '../../fixtures/recipes/edge-cases.js';
import type { CheckReport } from '../../src/check/rules.js';
import { EXIT } from '../../src/errors.js';
import type { PathReport } from '../../src/types.js';
import { expectFailure, kstat } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { fixtureRepo, git, removeTempDirs, tempDir } from '../helpers/repos.js';

let repo: string;
let reports: PathReport[];
beforeAll(() => {
  repo = fixtureRepo(edgeCases);
  reports = JSON.parse(kstat(['--json', '--each', 'drivers/edge'], { cwd: repo }).stdout) as PathReport[];
});
afterAll(removeTempDirs);

const check = (args: string[], cwd = repo) => kstat(['check', ...args], { cwd });
const json = (args: string[], cwd = repo) => {
  const r = check(['--json', ...args], cwd);
  return { code: r.code, report: JSON.parse(r.stdout) as CheckReport };
};
/** Paths whose figure breaks `bound limit`, from the report's JSON. */
const breaking = (figure: (r: PathReport) => number, bound: 'min' | 'max', limit: number): string[] =>
  reports.filter((r) => (bound === 'min' ? figure(r) < limit : figure(r) > limit)).map((r) => r.path);

describe('rules from flags', () => {
  it('an error rule broken fails the job (exit 1), naming path, rule, figure and limit', () => {
    const expected = breaking((r) => r.commits, 'min', 2);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(reports.length);
    const r = check(['--min-commits', '2', '--each', 'drivers/edge']);
    expect(r.code).toBe(EXIT.checkFailed);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1)).toEqual(
      expected.map((p) => `error    ${p}  min-commits  commits ${reports.find((x) => x.path === p)!.commits}, must be ≥ 2`),
    );
    expect(lines.at(-1)).toMatch(new RegExp(`^${reports.length} paths checked · ${expected.length} failed · 0 warned · ${reports.length - expected.length} passed · window 2021-04-21 → 2026-04-21$`));
  });

  it('warnings alone pass the job (exit 0); every rule holding prints only the summary', () => {
    const r = check(['--warn-min-commits', '2', '--each', 'drivers/edge']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('warning'))).toHaveLength(breaking((x) => x.commits, 'min', 2).length);
    const ok = check(['--min-commits', '0', '--each', 'drivers/edge']);
    expect([ok.code, ok.stdout.split('\n').length]).toEqual([0, 2]);
  });

  it('--max-idle-months counts whole months from the last commit to the window end; a path without one breaks it', () => {
    const { code, report } = json(['--max-idle-months', '12', '--each', 'drivers/edge']);
    const idle = (p: PathReport): number | null => {
      if (!p.last_commit) return null;
      const [a, b] = [new Date(p.last_commit.date), new Date(p.window.until)];
      let n = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
      if (n > 0 && (b.getUTCDate() < a.getUTCDate() || (b.getUTCDate() === a.getUTCDate() && b.toISOString().slice(11) < a.toISOString().slice(11)))) n--;
      return Math.max(0, n);
    };
    const expected = reports.filter((p) => idle(p) === null || idle(p)! > 12).map((p) => p.path);
    expect(expected.length).toBeGreaterThan(0);
    expect(code).toBe(EXIT.checkFailed);
    expect(report.paths.filter((v) => v.status === 'fail').map((v) => v.path)).toEqual(expected);
    for (const v of report.paths) {
      const p = reports.find((x) => x.path === v.path)!;
      expect(v.findings).toEqual([{ rule: 'max-idle-months', bound: 'max', label: 'idle months', severity: 'error', figure: idle(p), limit: 12, holds: !expected.includes(p.path) }]);
    }
  });

  it('no rule at all, a bad limit: usage errors (exit 2)', () => {
    expectFailure(check(['drivers/edge']), EXIT.usage, /^kstat: no rules to check: give one such as --min-commits 1/);
    expectFailure(check(['--min-commits', 'x', 'drivers/edge']), EXIT.usage, /^kstat: --min-commits "x": give a whole number/);
  });

  it('a path that cannot be read: exit 10 when no error rule breaks, 1 when one does', () => {
    const list = join(tempDir(), 'dirs.txt');
    writeFileSync(list, 'drivers/edge/ren\ndrivers/nope\n');
    const r = json(['--min-commits', '0', '--paths-from', list]);
    expect(r.code).toBe(EXIT.somePathsFailed);
    expect(r.report.paths.map((v) => [v.path, v.status])).toEqual([['drivers/edge/ren', 'pass'], ['drivers/nope', 'error']]);
    expect(json(['--min-commits', '1000', '--paths-from', list]).code).toBe(EXIT.checkFailed);
  });
});

describe('rules from kstat.config.json', () => {
  function withConfig(config: unknown, file = 'kstat.config.json'): string {
    const clone = join(tempDir('kstat-config-'), 'repo');
    execFileSync('git', ['clone', '-q', repo, clone], { env: hermeticGitEnv(), stdio: 'pipe' });
    mkdirSync(join(clone, file, '..'), { recursive: true });
    writeFileSync(join(clone, file), typeof config === 'string' ? config : JSON.stringify(config));
    return clone;
  }

  it('globs pick paths, later entries override earlier ones, severity and warn- keys, flags override the file', () => {
    const clone = withConfig({
      rules: [
        { paths: 'drivers/edge/**', 'min-commits': 1000 },
        { paths: ['drivers/edge/re*'], 'min-commits': 0, 'warn-min-authors': 1000 },
        { paths: 'drivers/edge/old', 'min-commits': 1000, severity: 'warning' },
      ],
    });
    const { code, report } = json(['--each', 'drivers/edge'], clone);
    expect(code).toBe(EXIT.checkFailed);
    const status = Object.fromEntries(report.paths.map((v) => [v.path, [v.status, ...v.findings.map((f) => `${f.rule}:${f.severity}:${f.limit}`)]]));
    expect(status['drivers/edge/ren']).toEqual(['warn', 'min-commits:error:0', 'min-authors:warning:1000']);
    expect(status['drivers/edge/old']).toEqual(['warn', 'min-commits:warning:1000']);
    expect(status['drivers/edge/tz']).toEqual(['fail', 'min-commits:error:1000']);
    // A flag sets its rule for every path, over the file.
    expect(json(['--min-commits', '0', '--each', 'drivers/edge'], clone).report.paths.every((v) => v.findings.find((f) => f.rule === 'min-commits')?.limit === 0)).toBe(true);
  });

  it('--config FILE and extends: the extended file first, this one over it', () => {
    const clone = withConfig({ rules: [{ 'min-commits': 1000 }] }, 'presets/base.json');
    writeFileSync(join(clone, 'team.json'), JSON.stringify({ extends: 'presets/base.json', rules: [{ paths: 'drivers/edge/ren', 'min-commits': 1 }] }));
    const { report } = json(['--config', join(clone, 'team.json'), '--each', 'drivers/edge'], clone);
    const ren = report.paths.find((v) => v.path === 'drivers/edge/ren')!;
    expect(ren.findings.map((f) => f.limit)).toEqual([1]);
    expect(report.paths.filter((v) => v.path !== 'drivers/edge/ren').every((v) => v.findings[0]?.limit === 1000)).toBe(true);
    expect(report.config).toBe(join(clone, 'team.json'));
  });

  it.each([
    ['{"rules": [', /kstat\.config\.json: JSON: .* \(fix the JSON syntax\)$/m],
    [{ rule: [] }, /kstat\.config\.json: "rule": unknown key \(use "rules", "extends" or "\$schema"\)$/m],
    [{ rules: [{ 'min-comits': 1 }] }, /kstat\.config\.json: rules\[0\]\."min-comits": unknown rule \(use one of min-files, .*min-commits.*\)$/m],
    [{ rules: [{ 'min-commits': -1 }] }, /kstat\.config\.json: rules\[0\]\."min-commits": -1 is not a whole number \(give a limit such as 1 or 18\)$/m],
    [{ rules: [{ 'min-commits': 1, severity: 'fatal' }] }, /rules\[0\]\.severity: "fatal" is no severity \(use "error" or "warning"\)$/m],
    [{ rules: [{ paths: [], 'min-commits': 1 }] }, /rules\[0\]\.paths: not a glob or a non-empty list of globs/],
    [{ extends: 'kstat.config.json' }, /extends: it extends itself/],
  ])('a bad config %j: one line naming the key, the problem and the fix (exit 2)', (config, message) => {
    expectFailure(check(['drivers/edge'], withConfig(config)), EXIT.usage, message);
    // The published schema refuses it too (a loop through extends is the loader's alone to see).
    if (typeof config !== 'string' && !('extends' in config)) expect(schemaErrors(config, 'config')).not.toBeNull();
  });

  it('the published config schema takes what the loader takes', () => {
    const config = { $schema: 'urn:kstat:config', rules: [{ paths: 'drivers/**', 'max-idle-months': 18 }, { paths: ['drivers/edge/**'], 'warn-min-commits': 1, severity: 'warning' }] };
    expect(schemaErrors(config, 'config')).toBeNull();
    expect([0, 1]).toContain(check(['--each', 'drivers/edge'], withConfig(config)).code);
    expect(schemaErrors({ extends: ['a.json', 'b.json'], rules: [] }, 'config')).toBeNull();
  });
});

describe('formats', () => {
  const args = ['--min-commits', '2', '--warn-min-authors', '2', '--each', 'drivers/edge'];

  it('markdown: a verdict heading and a table of the broken rules', () => {
    const r = check(['--format', 'markdown', ...args]);
    expect(r.code).toBe(EXIT.checkFailed);
    const failed = breaking((x) => x.commits, 'min', 2);
    expect(r.stdout).toMatch(new RegExp(`^### kstat check: ❌ ${failed.length} of ${reports.length} paths break a rule\n\n\\| \\| path \\| rule \\| figure \\| limit \\|\n`));
    expect(r.stdout.split('\n').filter((l) => l.startsWith('| ❌ error | `'))).toHaveLength(failed.length);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('| ⚠️ warning | `'))).toHaveLength(breaking((x) => x.authors, 'min', 2).length);
  });

  it('github: one workflow command per broken rule, and a notice with the summary', () => {
    const lines = check(['--format', 'github', ...args]).stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error title=kstat min-commits::'))).toHaveLength(breaking((x) => x.commits, 'min', 2).length);
    expect(lines.filter((l) => l.startsWith('::warning title=kstat min-authors::'))).toHaveLength(breaking((x) => x.authors, 'min', 2).length);
    expect(lines.at(-1)).toMatch(/^::notice title=kstat check::\d+ paths checked · /);
  });

  it('junit: one test case per path and rule, failures for broken error rules', () => {
    const xml = check(['--format', 'junit', ...args]).stdout;
    const failed = breaking((x) => x.commits, 'min', 2).length;
    expect(xml).toMatch(new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\n<testsuites name="kstat check" tests="${2 * reports.length}" failures="${failed}" errors="0">`));
    expect(xml.match(/<testcase /g)).toHaveLength(2 * reports.length);
    expect(xml.match(/<failure type="min-commits"/g)).toHaveLength(failed);
    // Paths with quotes and ampersands stay well-formed.
    expect(xml).not.toMatch(/classname="[^"]*[<&][^"]*"/);
  });
});

describe('pull-request mode', () => {
  it('--changed BASE checks the directory of each touched file, or the nearest one a rule names', () => {
    const clone = join(tempDir('kstat-changed-'), 'repo');
    execFileSync('git', ['clone', '-q', repo, clone], { env: hermeticGitEnv(), stdio: 'pipe' });
    git(clone, ['checkout', '-q', '-b', 'topic']);
    mkdirSync(join(clone, 'drivers/edge/moved/deep'), { recursive: true });
    writeFileSync(join(clone, 'drivers/edge/moved/deep/x.c'), 'x\n');
    writeFileSync(join(clone, 'drivers/edge/ren/y.c'), 'y\n');
    const env = hermeticGitEnv({ GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org', GIT_AUTHOR_DATE: '2026-04-20T00:00:00Z', GIT_COMMITTER_DATE: '2026-04-20T00:00:00Z' });
    execFileSync('git', ['add', '-A'], { cwd: clone, env });
    execFileSync('git', ['commit', '-qm', 'topic'], { cwd: clone, env });
    const plain = json(['--changed', 'main', '--min-commits', '1'], clone);
    expect(plain.report.paths.map((v) => v.path)).toEqual(['drivers/edge/moved/deep', 'drivers/edge/ren']);
    expect(plain.report.changed).toEqual({ base: 'main', head: 'HEAD', files: 2 });
    writeFileSync(join(clone, 'kstat.config.json'), JSON.stringify({ rules: [{ paths: 'drivers/edge/moved', 'min-commits': 1 }] }));
    const named = json(['--changed', 'main..topic'], clone);
    expect(named.report.paths.map((v) => v.path)).toEqual(['drivers/edge/moved', 'drivers/edge/ren']);
    // The directory a rule names is checked with its rules; the other gets none, and passes.
    expect(named.report.paths.map((v) => v.findings.length)).toEqual([1, 0]);
    expectFailure(check(['--changed', 'origin/nope', '--min-commits', '1'], clone), EXIT.badRevision, /^kstat: --changed "origin\/nope\.\.\.HEAD": .*\(name commits this clone has; in CI, fetch the base first/);
    // Nothing touched: nothing to check, and the job passes.
    const none = json(['--changed', 'topic', '--min-commits', '1'], clone);
    expect([none.code, none.report.paths]).toEqual([0, []]);
  });
});
