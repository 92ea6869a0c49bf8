// Runs the built CLI as a user would: a real process, plain output (NO_COLOR), hermetic git.
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { hermeticGitEnv } from '../../fixtures/git-env.js';
import type { PathReport, PathResult } from '../../src/types.js';
import { assertValid } from './schema.js';

export const KSTAT_BIN = fileURLToPath(new URL('../../bin/kstat.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `fileLimitKiB` runs kstat under that file-size limit (`ulimit -f`): the kernel refuses a write
 * past it (EFBIG), as a disk that fills refuses one (ENOSPC), without needing a small disk.
 */
export function kstat(args: string[], opts: { cwd: string; env?: Record<string, string>; fileLimitKiB?: number }): CliResult {
  const [command, argv] =
    opts.fileLimitKiB === undefined
      ? [process.execPath, [KSTAT_BIN, ...args]]
      : ['bash', ['-c', `ulimit -f ${opts.fileLimitKiB} && exec "$0" "$@"`, process.execPath, KSTAT_BIN, ...args]];
  const r = spawnSync(command, argv, {
    cwd: opts.cwd,
    env: hermeticGitEnv({ NO_COLOR: '1', ...opts.env }),
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  // Every JSON document a test gets is checked against the schema kstat ships.
  if (args[0] === 'check' && (r.status === 0 || r.status === 1 || r.status === 10) && jsonFormat(args.slice(1)) === 'json') {
    assertValid(JSON.parse(r.stdout), 'check');
  } else if (r.status === 0 || r.status === 10) {
    const format = jsonFormat(args);
    if (format === 'json') parseJson(r.stdout);
    if (format === 'ndjson') parseNdjson(r.stdout);
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `json` or `ndjson` when args ask kstat for that output (flags before `--` only), else undefined. */
export function jsonFormat(args: string[]): 'json' | 'ndjson' | undefined {
  let format: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    // Help, the version and the subcommands print no signals.
    if (['-h', '--help', '-V', '--version'].includes(a) || (i === 0 && ['prepare', 'schema', 'check'].includes(a))) return undefined;
    if (a === '--json' || a === '--ndjson') format = a.slice(2);
    else if (a === '--format') format = args[++i];
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
  }
  return format === 'json' || format === 'ndjson' ? format : undefined;
}

/** kstat's `--json` output, parsed and checked against the shipped kstat.signals/1 schema (throws with ajv's errors). */
export function parseJson<T = PathResult | PathResult[]>(stdout: string): T {
  const value: unknown = JSON.parse(stdout);
  assertValid(value, 'signals');
  return value as T;
}

/** kstat's `--ndjson` output: each line parsed and checked to be one kstat.signals/1 result. */
export function parseNdjson<T = PathResult>(stdout: string): T[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const value: unknown = JSON.parse(line);
      assertValid(value, 'signals', '#/$defs/PathResult');
      return value as T;
    });
}

/** `kstat --json` for one path; fails the test with kstat's stderr when it does not exit 0. */
export function kstatJson(args: string[], opts: { cwd: string; env?: Record<string, string> }): PathReport {
  const r = kstat(['--json', ...args], opts);
  if (r.code !== 0) throw new Error(`kstat exited ${r.code}: ${r.stderr}`);
  return parseJson<PathReport>(r.stdout);
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
