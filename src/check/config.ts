// `kstat.config.json`: rules per path and per glob, later entries overriding earlier ones, and
// `extends` for shared presets. Rule keys are the flags' names, so the file reads like the
// command line:
//
//   {"rules": [
//     {"paths": "drivers/**", "max-idle-months": 18},
//     {"paths": ["drivers/staging/**"], "min-commits": 1, "severity": "warning"}
//   ]}
//
// Globs are picomatch's (bash-like): `*` stays inside one directory, `**` spans any number of
// them (also none: `drivers/**` holds `drivers` itself), `{a,b}` and `[…]` work, dot names match.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../errors.js';
import type { RuleSet, RuleSpec, Severity } from './rules.js';
import { parseStatuses, REQUIRE_STATUS } from './status.js';

export const CONFIG_FILE = 'kstat.config.json';

/** One entry of `rules`: which paths (every path when none are named), and the rules it sets. */
export interface ConfigEntry {
  globs: string[] | null;
  match: (path: string) => boolean;
  rules: RuleSet;
}

/** A config file as read: its problems are the user's to fix, named by key. */
export class ConfigError extends UsageError {
  constructor(file: string, where: string, problem: string, fix: string) {
    super(`${file}: ${where}: ${problem} (${fix})`);
  }
}

const SEVERITIES: readonly Severity[] = ['error', 'warning'];

/** The file's entries, those of the files it extends first, each file read once. */
export function loadConfig(file: string, specs: readonly RuleSpec[], seen: string[] = []): ConfigEntry[] {
  const path = resolve(file);
  if (seen.includes(path)) throw new ConfigError(file, 'extends', `it extends itself through ${seen.map((s) => JSON.stringify(s)).join(' → ')}`, 'remove the loop');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the config ${JSON.stringify(file)}: ${(e as NodeJS.ErrnoException).code ?? String(e)} (give a readable JSON file with --config)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(file, 'JSON', (e as Error).message, 'fix the JSON syntax');
  }
  const config = parseConfig(json, file, specs);
  const base = config.extends.flatMap((other) => loadConfig(resolve(dirname(path), other), specs, [...seen, path]));
  return [...base, ...config.entries];
}

/** The config object checked key by key: the first problem names its key, what is wrong and the fix. */
export function parseConfig(json: unknown, file: string, specs: readonly RuleSpec[]): { extends: string[]; entries: ConfigEntry[] } {
  const bad = (where: string, problem: string, fix: string): ConfigError => new ConfigError(file, where, problem, fix);
  if (!isObject(json)) throw bad('top level', 'not an object', 'write {"rules": [...]}');
  for (const key of Object.keys(json)) {
    if (key !== 'rules' && key !== 'extends' && key !== '$schema') throw bad(JSON.stringify(key), 'unknown key', 'use "rules", "extends" or "$schema"');
  }
  const ext = json.extends === undefined ? [] : typeof json.extends === 'string' ? [json.extends] : json.extends;
  if (!Array.isArray(ext) || !ext.every((e) => typeof e === 'string' && e !== '')) throw bad('"extends"', 'not a file name or a list of them', 'give paths of other config files, relative to this one');
  const rules = json.rules ?? [];
  if (!Array.isArray(rules)) throw bad('"rules"', 'not a list', 'write "rules": [{"paths": "drivers/**", "min-commits": 1}]');
  const names = new Map(specs.map((s) => [s.name, s]));
  const entries = rules.map((entry, i): ConfigEntry => {
    const at = `rules[${i}]`;
    if (!isObject(entry)) throw bad(at, 'not an object', 'write {"paths": "drivers/**", "min-commits": 1}');
    let severity: Severity = 'error';
    if (entry.severity !== undefined) {
      const s = SEVERITIES.find((x) => x === entry.severity);
      if (!s) throw bad(`${at}.severity`, `${JSON.stringify(entry.severity)} is no severity`, 'use "error" or "warning"');
      severity = s;
    }
    const globs = entry.paths === undefined ? null : typeof entry.paths === 'string' ? [entry.paths] : entry.paths;
    if (globs !== null && (!Array.isArray(globs) || globs.length === 0 || !globs.every((g) => typeof g === 'string' && g !== ''))) {
      throw bad(`${at}.paths`, 'not a glob or a non-empty list of globs', 'write "paths": "drivers/**" or ["drivers/net/**", "drivers/vdpa/**"]');
    }
    const set: RuleSet = new Map();
    for (const [key, value] of Object.entries(entry)) {
      if (key === 'paths' || key === 'severity') continue;
      const warn = key.startsWith('warn-');
      const name = warn ? key.slice(5) : key;
      if (name === REQUIRE_STATUS) {
        set.set(name, { limit: 0, allowed: parseStatuses(value, `${file}: ${at}.${JSON.stringify(key)}`), severity: warn ? 'warning' : severity });
        continue;
      }
      if (!names.has(name)) throw bad(`${at}.${JSON.stringify(key)}`, 'unknown rule', `use one of ${[...names.keys(), REQUIRE_STATUS].join(', ')} (warn-RULE for a warning)`);
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        throw bad(`${at}.${JSON.stringify(key)}`, `${JSON.stringify(value)} is not a whole number`, 'give a limit such as 1 or 18');
      }
      set.set(name, { limit: value, severity: warn ? 'warning' : severity });
    }
    const matchers = globs?.map((g) => picomatch(g, { dot: true }));
    return { globs, match: matchers ? (p) => matchers.some((m) => m(p)) : () => true, rules: set };
  });
  return { extends: ext as string[], entries };
}

/** The rules a path gets: every entry that holds it, in order, a later one overriding an earlier one's rule. */
export function rulesFor(path: string, entries: readonly ConfigEntry[], flags: RuleSet): RuleSet {
  const set: RuleSet = new Map();
  for (const e of entries) if (e.match(path)) for (const [name, s] of e.rules) set.set(name, s);
  for (const [name, s] of flags) set.set(name, s);
  return set;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
