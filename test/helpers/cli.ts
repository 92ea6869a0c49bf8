// Runs the built CLI as a user would: a real process, plain output (NO_COLOR), hermetic git.
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { hermeticGitEnv } from '../../fixtures/git-env.js';
import type { PathReport } from '../../src/types.js';

export const KSTAT_BIN = fileURLToPath(new URL('../../bin/kstat.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function kstat(args: string[], opts: { cwd: string; env?: Record<string, string> }): CliResult {
  const r = spawnSync(process.execPath, [KSTAT_BIN, ...args], {
    cwd: opts.cwd,
    env: hermeticGitEnv({ NO_COLOR: '1', ...opts.env }),
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `kstat --json` for one path; fails the test with kstat's stderr when it does not exit 0. */
export function kstatJson(args: string[], opts: { cwd: string; env?: Record<string, string> }): PathReport {
  const r = kstat(['--json', ...args], opts);
  if (r.code !== 0) throw new Error(`kstat exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as PathReport;
}

/**
 * A failure as a user must see it: the exit code, nothing on stdout, and one `kstat:` line on
 * stderr, never a stack trace, that is `message` (a string) or matches it (a pattern).
 */
export function expectFailure(r: { code: number | null; stdout: string; stderr: string }, code: number, message: RegExp | string): void {
  expect([r.code, r.stdout]).toEqual([code, '']);
  expect(r.stderr).toMatch(/^kstat: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
  if (typeof message === 'string') expect(r.stderr).toBe(message);
  else expect(r.stderr).toMatch(message);
}
