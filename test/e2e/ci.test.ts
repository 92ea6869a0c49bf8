// docs/ci.md's jobs, run as written: every `kstat` command line of the page, and the command of
// the repository's action.yml, on a fixture with a pull-request branch, checked for exit code
// and output.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/build.js';
import { edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { KSTAT_BIN } from '../helpers/cli.js';
import { fixtureRepo, removeTempDirs, tempDir } from '../helpers/repos.js';

const DOC = readFileSync(new URL('../../docs/ci.md', import.meta.url), 'utf8');
const ACTION = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8');

/** The page's kstat command lines, as a job's shell gets them. */
const commands = DOC.split('\n')
  .map((l) => l.trim().replace(/^- (run: )?/, ''))
  .filter((l) => l.startsWith('kstat '));

let clone: string;
let bin: string;
beforeAll(() => {
  const origin = fixtureRepo(edgeCases);
  clone = join(tempDir('kstat-ci-'), 'work');
  execFileSync('git', ['clone', '-q', origin, clone], { env: hermeticGitEnv(), stdio: 'pipe' });
  const env = hermeticGitEnv({ GIT_AUTHOR_NAME: 'P', GIT_AUTHOR_EMAIL: 'p@example.org', GIT_COMMITTER_NAME: 'P', GIT_COMMITTER_EMAIL: 'p@example.org', GIT_AUTHOR_DATE: '2026-04-20T00:00:00Z', GIT_COMMITTER_DATE: '2026-04-20T00:00:00Z' });
  execFileSync('git', ['checkout', '-q', '-b', 'topic'], { cwd: clone, env });
  writeFileSync(join(clone, 'drivers/edge/ren/pr.c'), 'pr\n');
  execFileSync('git', ['add', '-A'], { cwd: clone, env });
  execFileSync('git', ['commit', '-qm', 'a pull request'], { cwd: clone, env });
  // `kstat` on PATH, as `npm link` puts it there.
  bin = tempDir('kstat-bin-');
  writeFileSync(join(bin, 'kstat'), `#!/bin/sh\nexec '${process.execPath}' '${KSTAT_BIN}' "$@"\n`);
  chmodSync(join(bin, 'kstat'), 0o755);
});
afterAll(removeTempDirs);

function job(line: string, extra: Record<string, string> = {}) {
  const summary = join(tempDir(), 'summary.md');
  writeFileSync(summary, '');
  const r = spawnSync('bash', ['-c', line], {
    cwd: clone,
    env: hermeticGitEnv({ NO_COLOR: '1', PATH: `${bin}:${process.env.PATH}`, GITHUB_BASE_REF: 'main', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', GITHUB_STEP_SUMMARY: summary, ...extra }),
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, summary: readFileSync(summary, 'utf8'), file: (name: string) => readFileSync(join(clone, name), 'utf8') };
}

describe('docs/ci.md', () => {
  it('has the gate, the weekly report and the prepare step', () => {
    expect(commands.filter((c) => c.startsWith('kstat check --changed'))).toHaveLength(3);
    expect(commands).toContain('kstat prepare');
    expect(commands.filter((c) => c.startsWith('kstat --each'))).toHaveLength(4);
  });

  it.each(commands)('%s', (line) => {
    const r = job(line);
    expect([r.code, r.stderr]).toEqual([0, line === 'kstat prepare' ? expect.stringContaining('kstat prepare: done') : '']);
    if (line.includes('--format github')) expect(r.stdout).toMatch(/^::notice title=kstat check::1 path checked · 0 failed · 0 warned · 1 passed/);
    if (line.includes('--format markdown') && line.includes('check')) expect(r.summary).toMatch(/^### kstat check: ✅ every rule holds\n/);
    if (line.includes('--format junit')) expect(r.file('kstat-check.xml')).toMatch(/<testcase classname="drivers\/edge\/ren" name="max-idle-months"><\/testcase>/);
    if (line.includes('--sort idle --format markdown')) {
      const out = line.includes('GITHUB_STEP_SUMMARY') ? r.summary : r.file('kstat-drivers.md');
      expect(out).toMatch(/^\| path \| files \| lines \|/);
    }
    if (line.endsWith('--json > kstat-drivers.json')) expect(Array.isArray(JSON.parse(r.file('kstat-drivers.json')))).toBe(true);
    if (line.endsWith('--csv > kstat-drivers.csv')) expect(r.file('kstat-drivers.csv')).toMatch(/^path,files,lines,/);
  });

  it('the page\'s kstat.config.json is one kstat check takes, rule by rule', () => {
    const block = /\n {4}(\{\n {6}"rules"[\s\S]*?\n {4}\})\n/.exec(DOC)![1]!.replace(/^ {4}/gm, '');
    const config = join(tempDir(), 'kstat.config.json');
    writeFileSync(config, block);
    const r = job(`kstat check --config '${config}' --format json --each drivers --depth 2`);
    // 0 or 1: the rules hold or break, never a usage error (2).
    expect([[0, 1].includes(r.code!), r.stderr]).toEqual([true, '']);
    // The fixture's drivers/*/* take the last entry's rules, as warnings.
    const found = new Set((JSON.parse(r.stdout) as { paths: Array<{ findings: Array<{ rule: string; severity: string }> }> }).paths.flatMap((p) => p.findings.map((f) => `${f.severity}:${f.rule}`)));
    expect(found).toContain('warning:max-substantive-idle-months');
    expect(found).toContain('warning:min-absence-factor');
  });

  it("the action's command, with its inputs", () => {
    const run = /run: (node "\$GITHUB_ACTION_PATH\/bin\/kstat\.js" check .*)$/m.exec(ACTION)![1]!;
    const root = dirname(dirname(KSTAT_BIN));
    const r = job(run, { GITHUB_ACTION_PATH: root, KSTAT_CHANGED: 'origin/main', KSTAT_FORMAT: 'github', KSTAT_ARGS: '--max-idle-months 18' });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^::notice title=kstat check::1 path checked/);
    // A rule broken: annotations and exit 1, which fails the job.
    const broken = job(run, { GITHUB_ACTION_PATH: root, KSTAT_CHANGED: 'origin/main', KSTAT_FORMAT: 'github', KSTAT_ARGS: '--min-commits 1000' });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^::error title=kstat min-commits::drivers\/edge\/ren: commits \d+, must be ≥ 1,000\n/);
  });
});
