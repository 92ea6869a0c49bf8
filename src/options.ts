// Flags as typed by a user → validated options for analyze(). Every rejection names the fix.
import { UsageError } from './errors.js';
import { parseDate } from './signals/window.js';

export interface AnalyzeOptions {
  /** Any directory inside the repository (or a bare repository's directory). */
  repo: string;
  rev: string;
  /** Repository-relative, normalised (see normalizePath). */
  paths: string[];
  years?: number;
  since?: number;
  until?: number;
  /** git walks run at once (default: the machine's cores). */
  jobs?: number;
  /** How paths are split into walks (analyze.ts `plan`); figures are the same either way. */
  strategy?: 'auto' | 'per-path' | 'shared';
}

export interface RawOptions {
  repo?: string;
  rev?: string;
  years?: string;
  since?: string;
  until?: string;
}

export const MAX_YEARS = 100;

export function normalizeOptions(paths: string[], raw: RawOptions, env: NodeJS.ProcessEnv, cwd: string): AnalyzeOptions {
  if (paths.length === 0) throw new UsageError('no path given: name a directory or file, e.g. kstat drivers/vdpa/mlx5/core');
  if (raw.years !== undefined && raw.since !== undefined) {
    throw new UsageError('--years and --since both set the window start: give one of them');
  }
  const opts: AnalyzeOptions = {
    repo: raw.repo ?? (env.KSTAT_REPO || cwd),
    rev: raw.rev ?? 'HEAD',
    paths: paths.map(normalizePath),
  };
  if (opts.rev === '') throw new UsageError('--rev is empty: name a branch, tag or commit');
  if (raw.years !== undefined) opts.years = parseYears(raw.years);
  if (raw.since !== undefined) opts.since = parseDate(raw.since, '--since');
  if (raw.until !== undefined) opts.until = parseDate(raw.until, '--until');
  return opts;
}

export function parseYears(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1 || n > MAX_YEARS) {
    throw new UsageError(`--years ${JSON.stringify(text)}: give a whole number of years from 1 to ${MAX_YEARS}`);
  }
  return n;
}

/**
 * A repository-relative path as git names it: no leading `./`, no trailing or doubled `/`,
 * `.` for the whole tree. Absolute paths and `..` would name something outside the repository.
 */
export function normalizePath(input: string): string {
  if (input === '') throw new UsageError('empty path: name a directory or file relative to the repository top, or . for all of it');
  if (input.includes('\0')) throw new UsageError('a path holds a NUL byte: no file in git can');
  if (input.startsWith('/')) {
    throw new UsageError(`${JSON.stringify(input)} is absolute: paths are relative to the repository top, e.g. drivers/vdpa`);
  }
  const parts = input.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) {
    throw new UsageError(`${JSON.stringify(input)} leaves the repository: paths are relative to its top, without ..`);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}
