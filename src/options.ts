// Flags as typed by a user → validated options for analyze(). Every rejection names the fix.
import { resolve } from 'node:path';
import { UsageError } from './errors.js';
import { indexDir } from './store/location.js';
import { daysInMonth, utc } from './signals/window.js';

export interface AnalyzeOptions {
  /** Any directory inside the repository (or a bare repository's directory). */
  repo: string;
  rev: string;
  /**
   * Paths as typed: relative to `repo` when that is inside a work tree, else to the top; `:/` from
   * the top (see resolvePath). One that never existed fails the run.
   */
  paths: string[];
  /** Paths read from lists (--paths-from), the same way; each that cannot be computed takes its place as a PathFailure. */
  listed?: string[];
  years?: number;
  since?: number;
  until?: number;
  /** Also every directory `depth` levels below each `dir` in the revision's tree. */
  each?: Array<{ dir: string; depth: number }>;
  /** MAINTAINERS sections, each analysed as one path: its `F:` files less its `X:` (analyze/section.ts). */
  sections?: string[];
  /** git walks run at once (default: the machine's cores). */
  jobs?: number;
  /** How paths are split into walks (analyze.ts `plan`); figures are the same either way. */
  strategy?: 'auto' | 'per-path' | 'shared';
  /** A walk over at least this many files is cut into time slices run at once (analyze.ts `SLICE_FILES`). */
  sliceFiles?: number;
  /** K of the sweep rule (signals/sweep.ts). */
  sweepDirs?: number;
  /** Authors and domains listed per path. */
  authors?: number;
  /** A JavaScript regular expression over tag names (without `refs/tags/`) that picks the releases. */
  releaseTags?: string;
  /** The newest releases counted (docs/signals.md "Releases"). */
  releases?: number;
  /** Where indexes live (store/location.ts): a run reads history from the repository's index there, if it has one. Unset: walk history. */
  indexDir?: string;
}

export interface RawOptions {
  repo?: string;
  rev?: string;
  years?: string;
  since?: string;
  until?: string;
  each?: string[];
  depth?: string;
  section?: string[];
  jobs?: string;
  strategy?: string;
  sweepDirs?: string;
  authors?: string;
  releaseTags?: string;
  releases?: string;
  /** false with --no-index. */
  index?: boolean;
  indexDir?: string;
}

/** `2024` or `2024-06`: a whole year or month, UTC. */
const PERIOD_RE = /^(\d{4})(?:-(\d{2}))?$/;
/** `2024-06-30` (a whole day), or that day with a time (an instant); either with a zone. */
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads an ISO 8601 date as epoch seconds. `2024`, `2024-06` and `2024-06-30` name whole
 * periods: as `--since` they start at the period's first second, as `--until` they end at its
 * last, so `--since 2024-01-01 --until 2024-12-31` is calendar 2024. A time of day makes an
 * instant (`2024-06-30T12:00`, `2024-06-30T12:00:00.5+02:00`). Without a zone it is UTC.
 */
export function parseDate(text: string, flag: string, bound: 'since' | 'until' = 'since'): number {
  const bad = (why: string): UsageError =>
    new UsageError(`${flag} ${JSON.stringify(text)}: ${why}; use an ISO 8601 date such as 2026-04-21 or 2026-04-21T12:00:00Z`);
  const period = PERIOD_RE.exec(text.trim());
  if (period) {
    const year = Number(period[1]);
    const month0 = period[2] === undefined ? null : Number(period[2]) - 1;
    if (month0 !== null && (month0 < 0 || month0 > 11)) throw bad('no such month');
    const first = utc(year, month0 ?? 0, 1);
    const next = month0 === null ? utc(year + 1, 0, 1) : utc(year, month0 + 1, 1);
    return bound === 'since' ? first / 1000 : next / 1000 - 1;
  }
  const m = DATE_RE.exec(text.trim());
  if (!m) throw bad('not a date');
  const [, y, mo, d, h, mi = '0', s = '0', fraction = '', zone] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h ?? '0', mi, s].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month - 1) || hour > 23 || minute > 59 || second > 59) {
    throw bad('no such date or time');
  }
  let offset = 0;
  if (zone && zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60;
    if (Math.abs(offset) > 14 * 3600) throw bad('time zone offset beyond ±14:00');
  }
  // A day alone is a period: --until takes its last second.
  if (h === undefined) return utc(year, month - 1, day) / 1000 - offset + (bound === 'until' ? 86_400 - 1 : 0);
  return utc(year, month - 1, day, hour, minute, second) / 1000 - offset + milliseconds(fraction, bound);
}

/**
 * A fraction of a second, kept to the millisecond and rounded toward the window's inside
 * within its second: git dates commits in whole seconds, so which commits and which months
 * the window holds stay those of the instant given.
 */
function milliseconds(fraction: string, bound: 'since' | 'until'): number {
  const nanos = Number(fraction.padEnd(9, '0'));
  if (nanos === 0) return 0;
  return (bound === 'since' ? Math.min(999, Math.ceil(nanos / 1e6)) : Math.floor(nanos / 1e6)) / 1000;
}

export const MAX_YEARS = 100;

export function normalizeOptions(paths: string[], raw: RawOptions, env: NodeJS.ProcessEnv, cwd: string, listed?: string[]): AnalyzeOptions {
  const each = (raw.each ?? []).map((dir) => ({ dir, depth: parseDepth(raw.depth ?? '1') }));
  const sections = raw.section ?? [];
  if (paths.length === 0 && each.length === 0 && listed === undefined && sections.length === 0) {
    throw new UsageError('no path given: name a directory or file, e.g. kstat drivers/vdpa/mlx5/core, or use --each DIR, --paths-from FILE or --section NAME');
  }
  if (sections.some((name) => name.trim() === '')) throw new UsageError('--section is empty: name a MAINTAINERS section, e.g. --section "NETWORKING DRIVERS"');
  if (raw.years !== undefined && raw.since !== undefined) {
    throw new UsageError('--years and --since both set the window start: give one of them');
  }
  const opts: AnalyzeOptions = {
    repo: raw.repo ?? (env.KSTAT_REPO || cwd),
    rev: raw.rev ?? 'HEAD',
    paths: paths.map(checkPath),
  };
  if (listed !== undefined) opts.listed = listed;
  if (sections.length > 0) opts.sections = sections;
  if (each.length > 0) opts.each = each;
  else if (raw.depth !== undefined) throw new UsageError('--depth goes with --each DIR: say which directory to look under');
  if (raw.jobs !== undefined) opts.jobs = parseWhole(raw.jobs, '--jobs', 1, 256);
  if (raw.strategy !== undefined) opts.strategy = parseStrategy(raw.strategy);
  if (raw.sweepDirs !== undefined) opts.sweepDirs = parseWhole(raw.sweepDirs, '--sweep-dirs', 1, 100_000, ' of directories');
  if (raw.authors !== undefined) opts.authors = parseWhole(raw.authors, '--authors', 0, 1000);
  if (raw.releaseTags !== undefined) opts.releaseTags = parseTagPattern(raw.releaseTags);
  if (raw.releases !== undefined) opts.releases = parseWhole(raw.releases, '--releases', 1, 10_000, ' of releases');
  if (raw.indexDir === '') throw new UsageError('--index-dir is empty: name the directory indexes live in');
  const dir = raw.index === false ? null : indexDir(env, raw.indexDir);
  if (dir !== null) opts.indexDir = resolve(cwd, dir);
  // A tuning knob, and the way tests make small fixtures take the sliced walk.
  if (env.KSTAT_SLICE_FILES) opts.sliceFiles = parseWhole(env.KSTAT_SLICE_FILES, 'KSTAT_SLICE_FILES', 1, 1_000_000_000);
  if (opts.rev === '') throw new UsageError('--rev is empty: name a branch, tag or commit');
  if (raw.repo === '') throw new UsageError('-C is empty: name the repository directory (or leave -C out for the current one)');
  if (raw.years !== undefined) opts.years = parseYears(raw.years);
  if (raw.since !== undefined) opts.since = parseDate(raw.since, '--since', 'since');
  if (raw.until !== undefined) opts.until = parseDate(raw.until, '--until', 'until');
  return opts;
}

/** What no repository can hold, refused before one is opened: an empty path, a NUL byte. */
function checkPath(path: string): string {
  if (path === '') throw new UsageError('empty path: name a directory or file, or . for the current directory');
  if (path.includes('\0')) throw new UsageError('a path holds a NUL byte: no file in git can');
  return path;
}

/** --release-tags: a JavaScript regular expression, checked here so a typo is a usage error, not a crash. */
export function parseTagPattern(text: string): string {
  if (text === '') throw new UsageError('--release-tags is empty: give a regular expression over tag names, e.g. ^v[0-9]+\\.[0-9]+$');
  try {
    new RegExp(text);
  } catch (e) {
    const why = (e as Error).message.replace(/^Invalid regular expression: /, '');
    throw new UsageError(`--release-tags ${JSON.stringify(text)}: not a regular expression (${why}); give one over tag names, e.g. ^v[0-9]+\\.[0-9]+$`);
  }
  return text;
}

export function parseYears(text: string): number {
  return parseWhole(text, '--years', 1, MAX_YEARS, ' of years');
}

export function parseDepth(text: string): number {
  return parseWhole(text, '--depth', 1, 64);
}

export function parseWhole(text: string, flag: string, min: number, max: number, unit = ''): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} ${JSON.stringify(text)}: give a whole number${unit} from ${min} to ${max}`);
  }
  return n;
}

/**
 * Columns the output fits (`--width`): the terminal's width on a terminal, no limit in a pipe or
 * a file, so saved output always has the full layout.
 */
export function outputWidth(flag: string | undefined, stdout: { isTTY?: boolean; columns?: number }): number {
  if (flag !== undefined) return parseWhole(flag, '--width', MIN_WIDTH, MAX_WIDTH, ' of columns');
  return stdout.isTTY === true && stdout.columns !== undefined && stdout.columns > 0 ? Math.max(MIN_WIDTH, stdout.columns) : Infinity;
}

/** A file an option writes (`--html FILE`): `-` is stdout; an empty name is a usage error. */
export function outputFile(flag: string, name: string): string {
  if (flag === '') throw new UsageError(`${name} is empty: name the file to write, or - for stdout`);
  return flag;
}

export const MIN_WIDTH = 20;
export const MAX_WIDTH = 1000;

const STRATEGIES = ['auto', 'per-path', 'shared'] as const;

function parseStrategy(text: string): (typeof STRATEGIES)[number] {
  const s = STRATEGIES.find((k) => k === text);
  if (!s) throw new UsageError(`--strategy ${JSON.stringify(text)}: use one of ${STRATEGIES.join(', ')}`);
  return s;
}

/**
 * Paths listed one per line (a --paths-from file): blank lines and lines starting with `#`
 * are skipped, a trailing CR is dropped, anything else is a path as written.
 */
export function parsePathList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

/**
 * A path as typed, read as git reads a pathspec: relative to `prefix` (where kstat was pointed in
 * the work tree, `drivers/vdpa/`), or from the top after `:/`; an absolute path only inside the work
 * tree `top`. Returns the path from the top as git names it: no `./`, no trailing or doubled `/`,
 * `.` for the whole tree. Nothing else is magic: `*`, `?` and `:(…)` are characters of a name.
 */
export function resolvePath(input: string, prefix = '', top: string | null = null): string {
  checkPath(input);
  let base = prefix;
  let rest = input;
  if (rest.startsWith(':/')) {
    base = '';
    rest = rest.slice(2);
  } else if (rest.startsWith('/')) {
    if (top === null || !(rest === top || rest.startsWith(`${top}/`))) {
      throw new UsageError(`${JSON.stringify(input)} is outside the repository: name a path inside it, relative to the current directory (or :/ for the top), e.g. drivers/vdpa`);
    }
    base = '';
    rest = rest.slice(top.length);
  }
  const parts: string[] = [];
  for (const part of `${base}/${rest}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) {
      throw new UsageError(`${JSON.stringify(input)} leaves the repository: name a path inside it, relative to the current directory (or :/ for the top)`);
    }
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

/** A path from the repository top, normalised as resolvePath does. */
export function normalizePath(input: string): string {
  return resolvePath(input);
}
