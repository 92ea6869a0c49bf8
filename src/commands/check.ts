// `kstat check`: the CI gate. The report's paths and window, rules from flags and from
// kstat.config.json, each broken error rule failing the job (exit 1).
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Option, type Command } from 'commander';
import { analyzeEach } from '../analyze/index.js';
import type { ConfigEntry } from '../check/config.js';
import { exitStatus, summarize, verdict, type CheckReport, type PathVerdict, type RuleSet } from '../check/rules.js';
import { PRESETS, type Preset } from '../check/preset.js';
import { RULES } from '../check/specs.js';
import { parseStatuses, REQUIRE_STATUS } from '../check/status.js';
import { UsageError } from '../errors.js';
import { openRepository } from '../git/repo.js';
import { outputWidth, parseDepth, parseWhole } from '../options.js';
import { CHECK_FORMATS, type CheckFormat } from '../render/check/formats.js';
import { isFailure } from '../types.js';
import { useColor, type Io } from './io.js';
import { indexHint, progressReporter, request, type SharedFlags } from './shared.js';

interface CheckFlags extends SharedFlags {
  format?: CheckFormat;
  json?: boolean;
  config?: string;
  changed?: string;
  preset?: Preset;
  [rule: string]: unknown;
}

/** `min-commits` → commander's `minCommits`. */
const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function checkCommand(root: Command, io: Io, done: (code: number) => void): Command {
  const cmd = root
    .command('check')
    .description('fail a CI job when a path breaks a rule: --min-commits N, --max-idle-months N, … or kstat.config.json')
    .argument('[path...]', 'directories or files, as for the report')
    .addOption(new Option('--format <format>', 'text, json (kstat.check/1), markdown, github (workflow annotations) or junit (XML)').choices(CHECK_FORMATS))
    .addOption(new Option('--json', 'short for --format json').conflicts('format'))
    .addOption(new Option('--preset <name>', 'a documented set of rules: deprecation names likely deprecation candidates with their reasons').choices(PRESETS))
    .option('--config <file>', "rules per path and glob (default: kstat.config.json at the repository's top, if there is one)")
    .option('--changed <base[..head]>', "check the directories a change touches (git diff BASE...HEAD): each file's nearest directory a rule names, else its directory (at --depth)");
  cmd.option(`--${REQUIRE_STATUS} <statuses>`, 'error when the MAINTAINERS status is none of these (comma-separated: Maintained,Supported)');
  cmd.option(`--warn-${REQUIRE_STATUS} <statuses>`, 'warning when the MAINTAINERS status is none of these');
  for (const rule of RULES) {
    cmd.option(`--${rule.name} <n>`, `error when ${rule.label} ${rule.bound === 'min' ? '<' : '>'} N`);
    cmd.option(`--warn-${rule.name} <n>`, `warning when ${rule.label} ${rule.bound === 'min' ? '<' : '>'} N`);
  }
  return cmd.action(async (args: string[], _flags: unknown, c: Command) => done(await runCheck(args, c.optsWithGlobals<CheckFlags>(), io)));
}

/** The rules the flags set, for every path; they override the config's. */
function flagRules(flags: CheckFlags): RuleSet {
  const set: RuleSet = new Map();
  for (const [flag, severity] of [[`warn-${REQUIRE_STATUS}`, 'warning'], [REQUIRE_STATUS, 'error']] as const) {
    const value = flags[camel(flag)];
    if (value !== undefined) set.set(REQUIRE_STATUS, { limit: 0, allowed: parseStatuses(String(value), `--${flag}`), severity });
  }
  for (const rule of RULES) {
    for (const [flag, severity] of [[`warn-${rule.name}`, 'warning'], [rule.name, 'error']] as const) {
      const value = flags[camel(flag)];
      if (value !== undefined) set.set(rule.name, { limit: parseWhole(String(value), `--${flag}`, 0, Number.MAX_SAFE_INTEGER), severity });
    }
  }
  return set;
}

export async function runCheck(args: string[], flags: CheckFlags, io: Io): Promise<number> {
  // Loaded here, not at start-up: the report, kstat's common run, never needs them.
  const [{ CONFIG_FILE, loadConfig, rulesFor }, { changedDirectories, changedFiles, parseChanged }] = await Promise.all([import('../check/config.js'), import('../check/changed.js')]);
  const fromFlags = flagRules(flags);
  const dir = flags.repo ?? (io.env.KSTAT_REPO || io.cwd);
  const needRepo = flags.config === undefined || flags.changed !== undefined;
  const repo = needRepo ? await openRepository(dir) : null;
  // The file at the top, named from where kstat runs, as messages name it.
  const atTop = repo && !repo.bare && existsSync(join(repo.cwd, CONFIG_FILE)) ? relative(io.cwd, join(repo.cwd, CONFIG_FILE)) : undefined;
  const configFile = flags.config ?? atTop;
  const entries: ConfigEntry[] = configFile === undefined ? [] : loadConfig(configFile, RULES);
  if (fromFlags.size === 0 && !entries.some((e) => e.rules.size > 0) && !flags.preset) {
    throw new UsageError(`no rules to check: give one such as --min-commits 1 or --max-idle-months 18, a preset (--preset deprecation), or write them in ${CONFIG_FILE} (or --config FILE)`);
  }

  let changed: CheckReport['changed'] = null;
  let extra: string[] | undefined;
  if (flags.changed !== undefined) {
    const { base, head } = parseChanged(flags.changed, flags.rev ?? 'HEAD');
    const files = await changedFiles(repo!, base, head);
    // A directory a rule names by glob is checked as a whole; else each file's own directory.
    const named = entries.filter((e) => e.globs !== null);
    extra = changedDirectories(files, (d) => named.some((e) => e.match(d)), flags.depth === undefined ? undefined : parseDepth(flags.depth));
    changed = { base, head, files: files.length };
    if (args.length === 0 && extra.length === 0 && flags.pathsFrom === undefined && (flags.each ?? []).length === 0) {
      return finish({ schema: 'kstat.check/1', revision: null, window: null, config: configFile ?? null, preset: flags.preset ?? null, changed, summary: summarize([]), paths: [] }, flags, io);
    }
  }
  // --depth is --changed's when no --each takes it.
  const { options } = await request(args, { ...flags, depth: (flags.each ?? []).length > 0 ? flags.depth : undefined }, io, extra);
  const progress = progressReporter(io, !flags.quiet && io.stderr.isTTY === true);
  const verdicts: PathVerdict[] = [];
  let first: CheckReport['revision'] = null;
  let window: CheckReport['window'] = null;
  try {
    for await (const r of analyzeEach(options, { onPlan: (p) => indexHint(p, flags, io), onProgress: progress.update })) {
      if (!isFailure(r) && first === null) {
        first = r.revision;
        window = r.window;
      }
      verdicts.push(verdict(r, rulesFor(r.path, entries, fromFlags), RULES, flags.preset ?? null));
    }
  } finally {
    progress.clear();
  }
  return finish({ schema: 'kstat.check/1', revision: first, window, config: configFile ?? null, preset: flags.preset ?? null, changed, summary: summarize(verdicts), paths: verdicts }, flags, io);
}

async function finish(report: CheckReport, flags: CheckFlags, io: Io): Promise<number> {
  const format: CheckFormat = flags.json ? 'json' : (flags.format ?? 'text');
  const { checkRenderers } = await import('../render/check/index.js');
  const render = await checkRenderers[format]();
  io.out(render(report, { color: useColor(flags.color, io.env, io.stdout.isTTY), width: outputWidth(flags.width, io.stdout) }));
  return exitStatus(report.summary);
}
