// The MAINTAINERS sections kstat names for a sample of paths against what the repository's own
// scripts/get_maintainer.pl (or util/scripts/ in coreboot) prints for them, and what the
// maintainers figures cost a run. Not a test: a comparison on a real repository, reported in
// the note.
//
//   npm run build && node dist/bench/maintainers-vs-perl.js --repo /tmp/coreboot [--base /work/main/bin/kstat.js]
//
// The sample is deterministic: every tree entry (directories and files) at depths 1 to 6, sorted
// as git lists them, and at each depth up to 20 taken at even steps.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Args {
  repo: string;
  perDepth: number;
  base: string | null;
  kstat: string;
  each: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { repo: '/tmp/coreboot', perDepth: 20, base: null, kstat: fileURLToPath(new URL('../../bin/kstat.js', import.meta.url)), each: 'src/mainboard' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--repo') args.repo = value;
    else if (flag === '--per-depth') args.perDepth = Number(value);
    else if (flag === '--base') args.base = value;
    else if (flag === '--kstat') args.kstat = value;
    else if (flag === '--each') args.each = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return args;
}

function sample(repo: string, perDepth: number): string[] {
  const entries = execFileSync('git', ['ls-tree', '-r', '-t', '--name-only', '-z', 'HEAD'], { cwd: repo, maxBuffer: 1 << 28 }).toString('utf8').split('\0').filter(Boolean);
  const out: string[] = [];
  for (let depth = 1; depth <= 6; depth++) {
    const at = entries.filter((e) => e.split('/').length === depth);
    const n = Math.min(perDepth, at.length);
    for (let k = 0; k < n; k++) out.push(at[Math.floor((k * at.length) / n)]!);
  }
  return out;
}

function perlSections(repo: string, script: string, path: string): string[] {
  const r = spawnSync('perl', [script, '--no-git', '--no-git-fallback', '--sections', '-f', path], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`get_maintainer.pl failed on ${path}: ${r.stderr}`);
  return r.stdout
    .split(/\n\n/)
    .map((block) => block.split('\n')[0]!)
    .filter((name) => name !== '');
}

function kstatSections(args: Args, paths: string[]): Map<string, Array<{ name: string; matched: string }>> {
  const out = execFileSync('node', [args.kstat, '-C', args.repo, '--json', '--years', '1', ...paths], { maxBuffer: 1 << 28 }).toString('utf8');
  const reports = JSON.parse(out) as Array<{ path: string; sections: Array<{ name: string; matched: string }> }>;
  return new Map(reports.map((r) => [r.path, r.sections]));
}

function time(kstat: string, args: Args): number {
  const start = process.hrtime.bigint();
  execFileSync('node', [kstat, '--each', args.each, '--depth', '2', '-C', args.repo, '--json'], { maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const script = ['scripts/get_maintainer.pl', 'util/scripts/get_maintainer.pl'].map((p) => join(args.repo, p)).find(existsSync);
  if (!script) throw new Error(`no get_maintainer.pl in ${args.repo}`);
  const paths = sample(args.repo, args.perDepth);
  const ours = kstatSections(args, paths);
  let agree = 0;
  let tiesOnly = 0;
  const differences: string[] = [];
  for (const path of paths) {
    const theirs = perlSections(args.repo, script, path);
    const mine = (ours.get(path) ?? []).map((s) => s.name);
    if (JSON.stringify(mine) === JSON.stringify(theirs)) {
      agree++;
      continue;
    }
    // Sections of equal depth come in Perl's hash order, which changes from run to run.
    const sameSet = JSON.stringify([...mine].sort()) === JSON.stringify([...theirs].sort());
    if (sameSet) tiesOnly++;
    const matched = (ours.get(path) ?? []).map((s) => `${s.name} [${s.matched}]`).join(' | ');
    differences.push(`- \`${path}\`${sameSet ? ' (same sections, order differs)' : ''}\n  - kstat: ${matched || '(none)'}\n  - perl:  ${theirs.join(' | ') || '(none)'}`);
  }
  const lines = [
    `# MAINTAINERS: kstat against ${script.slice(args.repo.length + 1)}`,
    '',
    `Repository ${args.repo} at ${execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: args.repo }).toString().trim()}; ${paths.length} paths (up to ${args.perDepth} per depth, 1 to 6, directories and files).`,
    '',
    `Same sections in the same order: **${agree} / ${paths.length}**; same sections in another order: ${tiesOnly}; other differences: ${paths.length - agree - tiesOnly}.`,
    '',
    ...(differences.length > 0 ? ['Differences:', '', ...differences, ''] : []),
  ];
  // The cost: the same --each run with this build and with a base build (kstat without the figures).
  const withPart = [time(args.kstat, args), time(args.kstat, args), time(args.kstat, args)].sort((a, b) => a - b)[1]!;
  let cost = `\`kstat --each ${args.each} --depth 2 -C ${args.repo} --json\`, median of 3: ${withPart.toFixed(2)} s with the maintainers figures`;
  if (args.base) {
    const without = [time(args.base, args), time(args.base, args), time(args.base, args)].sort((a, b) => a - b)[1]!;
    cost += `, ${without.toFixed(2)} s without (${args.base}): ratio ${(withPart / without).toFixed(2)}.`;
  }
  lines.push(cost);
  console.log(lines.join('\n'));
}

main();
