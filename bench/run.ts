// The benchmark of issue 3: kstat against the best plain-git command for the same figures, side by
// side in the same run, on a synthetic Linux-like repository (bench/generate.ts) or any clone.
//
//   npm run bench -- [--scale F] [--runs N] [--repo DIR] [--keep]
//                    [--only leaf,drivers,tree,each,lines,index] [--graph both|off|on] [--leaf PATH]
//                    [--subtree DIR] [--seed S] [--kstat FILE]
//
// Real history: `--repo DIR --subtree DIR` (coreboot: `--subtree src/mainboard`); see bench/README.md.
//
// Every command is timed as a process by /usr/bin/time -f '%e %M' (wall seconds, peak RSS in KB).
// See bench/README.md.
import { spawnSync, execFileSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { hermeticGitEnv } from '../fixtures/git-env.js';
import { GENERATOR_VERSION, LEAF_PATH, paramsFor, repoName } from './generate/params.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url)); // the project (run from dist/bench)
const TIME = '/usr/bin/time';
const SAMPLE = 10;
/** The `index` scenario's update: about this many non-merge commits between the index's commit and HEAD. */
const UPDATE_COMMITS = 1000;

// ---------------------------------------------------------------------------------------------
// Arguments

const SCENARIOS = ['leaf', 'drivers', 'tree', 'each', 'lines', 'index'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Args {
  scale: number;
  runs: number;
  repo: string | null;
  keep: boolean;
  only: Set<Scenario>;
  graph: Array<'off' | 'on'>;
  leaf: string | null;
  /** The large subtree (`drivers` scenario) whose directories two levels down are the `each` scenario's. */
  subtree: string;
  seed: number | null;
  kstat: string;
}

function usage(msg: string): never {
  process.stderr.write(
    `bench: ${msg}\nusage: npm run bench -- [--scale F] [--runs N] [--repo DIR] [--keep] [--only ${SCENARIOS.join(',')}] [--graph both|off|on] [--leaf PATH] [--subtree DIR] [--seed S] [--kstat FILE]\n`,
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { scale: 1, runs: 3, repo: null, keep: false, only: new Set(SCENARIOS), graph: ['off', 'on'], leaf: null, subtree: 'drivers', seed: null, kstat: join(ROOT, 'bin/kstat.js') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const val = (): string => argv[++i] ?? usage(`${flag} needs a value`);
    if (flag === '--scale') {
      a.scale = Number(val());
      if (!(a.scale > 0 && a.scale <= 4)) usage('--scale must be in (0, 4]');
    } else if (flag === '--runs') {
      a.runs = Number(val());
      if (!Number.isInteger(a.runs) || a.runs < 1) usage('--runs must be a whole number ≥ 1');
    } else if (flag === '--repo') a.repo = resolve(val());
    else if (flag === '--keep') a.keep = true;
    else if (flag === '--only') {
      const names = val().split(',').filter(Boolean);
      for (const n of names) if (!(SCENARIOS as readonly string[]).includes(n)) usage(`unknown scenario ${n}`);
      a.only = new Set(names as Scenario[]);
    } else if (flag === '--graph') {
      const g = val();
      if (g === 'both') a.graph = ['off', 'on'];
      else if (g === 'off' || g === 'on') a.graph = [g];
      else usage('--graph is both, off or on');
    } else if (flag === '--leaf') a.leaf = val();
    else if (flag === '--subtree') {
      a.subtree = val().replace(/\/+$/, '');
      if (a.subtree === '' || a.subtree === '.' || a.subtree.startsWith('/')) usage('--subtree names a directory of the repository, such as drivers');
    }
    else if (flag === '--seed') a.seed = Number(val());
    else if (flag === '--kstat') a.kstat = resolve(val());
    else usage(`unknown argument ${flag}`);
  }
  return a;
}

// ---------------------------------------------------------------------------------------------
// Timing

interface Cmd {
  label: string;
  argv: string[];
  /** stdout goes here (a file in the output directory), or nowhere. */
  out: string | null;
  /** Multiply wall time by this (a sample of paths standing for all of them). */
  factor?: number;
  kstat?: boolean;
  /** Let stderr through (progress of long steps) instead of keeping it for the failure line. */
  showStderr?: boolean;
  /** Runs before each run of the command, outside the timing (a fresh copy of an index, say). */
  before?: () => void;
}

interface Sample {
  wall: number; // seconds (scaled by factor)
  rssKB: number; // /usr/bin/time's %M: the largest process of the tree (git children included)
  selfKB: number | null; // kstat's own node process (bench/selfrss), when the command is kstat
}

interface Result {
  cmd: Cmd;
  samples: Sample[];
  failure: string | null;
}

let outDir = '';
const RSS_FILE = (): string => join(outDir, 'self-rss.txt');
let baseEnv: NodeJS.ProcessEnv = {};

function runTimed(cmd: Cmd, env: NodeJS.ProcessEnv): Sample | string {
  const timeFile = join(outDir, 'time.txt');
  const errFile = join(outDir, 'stderr.txt');
  rmSync(RSS_FILE(), { force: true });
  cmd.before?.();
  const outFd = openSync(cmd.out ?? '/dev/null', 'w');
  const errFd = cmd.showStderr ? 2 : openSync(errFile, 'w');
  let r: SpawnSyncReturns<Buffer>;
  try {
    r = spawnSync(TIME, ['-f', '%e %M', '-o', timeFile, ...cmd.argv], { cwd: ROOT, env, stdio: ['ignore', outFd, errFd] });
  } finally {
    closeSync(outFd);
    if (errFd !== 2) closeSync(errFd);
  }
  if (r.error) return `cannot run ${TIME}: ${r.error.message}`;
  const timing = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n') : [];
  if (r.status !== 0) {
    const lines = (cmd.showStderr ? '' : readFileSync(errFile, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const err = lines.find((l) => /^(kstat|error|fatal)|Error\b/i.test(l.trim())) ?? lines[0] ?? timing[0] ?? '';
    return `failed (exit ${r.status ?? r.signal}): ${err.trim()}`;
  }
  const m = /^([\d.]+) (\d+)$/.exec(timing[timing.length - 1] ?? '');
  if (!m) return `unexpected ${TIME} output ${JSON.stringify(timing.join(' | '))}`;
  const self = cmd.kstat && existsSync(RSS_FILE()) ? Number(readFileSync(RSS_FILE(), 'utf8')) : null;
  return { wall: Number(m[1]) * (cmd.factor ?? 1), rssKB: Number(m[2]), selfKB: self };
}

/** One warm-up of each command, then `runs` rounds of A B C … in turn. */
function measure(cmds: Cmd[], runs: number, env: NodeJS.ProcessEnv): Result[] {
  const results: Result[] = cmds.map((cmd) => ({ cmd, samples: [], failure: null }));
  for (const r of results) {
    const s = runTimed(r.cmd, env);
    if (typeof s === 'string') r.failure = s;
  }
  for (let i = 0; i < runs; i++) {
    for (const r of results) {
      if (r.failure) continue;
      const s = runTimed(r.cmd, env);
      if (typeof s === 'string') r.failure = s;
      else r.samples.push(s);
    }
  }
  return results;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** Median of pairwise ratios a_i / b_i (run i of each, taken side by side). */
function ratio(a: Result, b: Result): number {
  const n = Math.min(a.samples.length, b.samples.length);
  if (n === 0) return NaN;
  return median(Array.from({ length: n }, (_, i) => a.samples[i]!.wall / b.samples[i]!.wall));
}

const secs = (x: number): string => (Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (kb: number): string => (Number.isNaN(kb) ? '—' : `${Math.round(kb / 1024)}`);

function describe(r: Result): string {
  if (r.failure) return `  ${r.cmd.label.padEnd(34)} ${r.failure}`;
  const w = r.samples.map((s) => s.wall);
  const m = r.samples.map((s) => s.rssKB);
  const own = r.samples.map((s) => s.selfKB).filter((x): x is number => x !== null);
  const self = own.length > 0 ? `  kstat itself ${mb(Math.max(...own))} MB` : '';
  const scaled = r.cmd.factor && r.cmd.factor !== 1 ? `  (sample of ${SAMPLE} paths, wall ×${r.cmd.factor.toFixed(1)})` : '';
  return `  ${r.cmd.label.padEnd(34)} ${secs(median(w)).padStart(7)} s (${secs(Math.min(...w))}–${secs(Math.max(...w))})  peak ${mb(median(m)).padStart(5)} MB (${mb(Math.min(...m))}–${mb(Math.max(...m))})${self}${scaled}`;
}

// ---------------------------------------------------------------------------------------------
// The repository

function git(repo: string, args: string[], env = baseEnv): string {
  return execFileSync('git', ['-C', repo, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
}

function timedStep(label: string, argv: string[], env: NodeJS.ProcessEnv, stdout: string | null = null): Sample {
  const s = runTimed({ label, argv, out: stdout, showStderr: true }, env);
  if (typeof s === 'string') throw new Error(`${label} ${s}`);
  return s;
}

function prepareRepo(a: Args): { repo: string; generated: boolean } {
  if (a.repo) return { repo: a.repo, generated: false };
  const p = paramsFor(a.scale, a.seed === null ? {} : { seed: a.seed });
  const repo = join(ROOT, 'bench/.repos', repoName(p));
  if (existsSync(join(repo, 'kstat-bench.json'))) {
    console.log(`repository: ${repo} (reused)`);
    return { repo, generated: true };
  }
  if (existsSync(repo)) rmSync(repo, { recursive: true, force: true }); // an interrupted build
  mkdirSync(join(ROOT, 'bench/.repos'), { recursive: true });
  console.log(`repository: generating ${repo} (scale ${a.scale}: ${p.commits} commits, ~${p.files} files) …`);
  const genOut = join(outDir, 'generate.json');
  const argv = ['node', join(ROOT, 'dist/bench/generate.js'), '--dir', repo, '--scale', String(a.scale), ...(a.seed === null ? [] : ['--seed', String(a.seed)])];
  const s = timedStep('generate', argv, baseEnv, genOut);
  const stats = JSON.parse(readFileSync(genOut, 'utf8')) as Record<string, unknown>;
  console.log(`  generated in ${secs(s.wall)} s, peak RSS ${mb(s.rssKB)} MB (generator or git fast-import, whichever is larger); ${JSON.stringify(stats)}`);
  return { repo, generated: true };
}

function duSize(path: string): number {
  let total = 0;
  const walk = (p: string): void => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else total += st.size;
  };
  walk(path);
  return total;
}

/** The default window (docs/signals.md): 5 calendar years ending at HEAD's committer date (29 Feb → 28 Feb). */
export function fiveYearWindow(untilSec: number): { since: string; until: string } {
  const u = new Date(untilSec * 1000);
  const s = new Date(u.getTime());
  s.setUTCFullYear(u.getUTCFullYear() - 5);
  if (s.getUTCMonth() !== u.getUTCMonth()) s.setUTCDate(0); // rolled over into March
  const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { since: iso(s), until: iso(u) };
}

// ---------------------------------------------------------------------------------------------
// Checks: kstat's figures against the plain-git output of the same run

interface Figures {
  commits: number;
  added: number;
  removed: number;
}

function gitFigures(file: string): Figures {
  const f: Figures = { commits: 0, added: 0, removed: 0 };
  const text = readFileSync(file, 'latin1');
  for (const line of text.split('\n')) {
    if (line.startsWith('commit ')) f.commits++;
    else {
      const m = /^(\d+|-)\t(\d+|-)\t/.exec(line);
      if (m) {
        if (m[1] !== '-') f.added += Number(m[1]);
        if (m[2] !== '-') f.removed += Number(m[2]);
      }
    }
  }
  return f;
}

function kstatFigures(file: string, only?: string): Figures | undefined {
  const all = kstatAll(file);
  return (only === undefined ? undefined : all.get(only)) ?? (all.size === 1 ? [...all.values()][0] : undefined);
}

function kstatAll(file: string): Map<string, Figures> {
  const out = new Map<string, Figures>();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  for (const o of Array.isArray(parsed) ? parsed : [parsed]) {
    const r = o as { path: string; commits: number; added: number; removed: number };
    out.set(r.path, { commits: r.commits, added: r.added, removed: r.removed });
  }
  return out;
}

function check(label: string, k: Figures | undefined, g: Figures): string {
  if (!k) return `  check ${label}: kstat gave no figures for it ✗`;
  const same = k.commits === g.commits && k.added === g.added && k.removed === g.removed;
  return `  check ${label}: kstat ${k.commits} commits +${k.added} −${k.removed}, git ${g.commits} commits +${g.added} −${g.removed} ${same ? '✓' : '✗ MISMATCH'}`;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface Row {
  scenario: string;
  graph: string;
  measure: string;
  value: number;
  target: string;
  pass: boolean | null;
  /** The value is in seconds (else a ratio, or MB for a peak). */
  seconds?: boolean;
  /** Said after the verdict: why a row failed besides its value. */
  note?: string;
}

/**
 * The `index` scenario's update base: the first-parent ancestor X of HEAD whose
 * `git rev-list --no-merges --count X..HEAD` is closest to `target`. X is an ancestor of HEAD, so
 * X..HEAD is exactly what an index built at X lacks (the `target`-th entry of `git rev-list
 * --no-merges HEAD` need not be: commits older than it can still be missing from its history).
 * Along the first-parent chain the count never decreases, so a binary search finds where it
 * crosses the target; with fewer commits than that, X is the root end of the chain.
 */
function updateBase(repo: string, target: number): { sha: string; commits: number; firstParents: number } {
  const chain = git(repo, ['rev-list', '--first-parent', 'HEAD']).trim().split('\n');
  const counts = new Map<number, number>();
  const count = (i: number): number => {
    let c = counts.get(i);
    if (c === undefined) counts.set(i, (c = Number(git(repo, ['rev-list', '--no-merges', '--count', `${chain[i]!}..HEAD`]).trim())));
    return c;
  };
  let lo = 0;
  let hi = chain.length - 1;
  if (count(hi) >= target) {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (count(mid) >= target) hi = mid;
      else lo = mid + 1;
    }
  } else lo = hi;
  const i = lo > 0 && target - count(lo - 1) < count(lo) - target ? lo - 1 : lo;
  return { sha: chain[i]!, commits: count(i), firstParents: i };
}

/** Whether two output files hold the same bytes (false when either is missing). */
function sameBytes(x: string, y: string): boolean {
  return existsSync(x) && existsSync(y) && readFileSync(x).equals(readFileSync(y));
}

function main(): void {
  const a = parseArgs(process.argv.slice(2));
  if (!existsSync(TIME)) usage(`${TIME} is needed to time commands`);
  baseEnv = hermeticGitEnv({ NO_COLOR: '1' });
  for (const k of Object.keys(baseEnv)) if (k.startsWith('KSTAT_')) delete baseEnv[k];

  const tmpName = a.repo ? `ext-${a.repo.replace(/[^A-Za-z0-9]+/g, '_').slice(-60)}` : repoName(paramsFor(a.scale, a.seed === null ? {} : { seed: a.seed }));
  outDir = join(ROOT, 'bench/.repos', `${tmpName}.out`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const { repo, generated } = prepareRepo(a);
  const gitDir = resolve(repo, git(repo, ['rev-parse', '--git-common-dir']).trim());
  const head = git(repo, ['rev-parse', 'HEAD']).trim();
  const headTime = Number(git(repo, ['log', '-1', '--format=%ct', 'HEAD']).trim());
  const { since, until } = fiveYearWindow(headTime);
  const commits = Number(git(repo, ['rev-list', '--count', 'HEAD']).trim());
  const merges = Number(git(repo, ['rev-list', '--count', '--merges', 'HEAD']).trim());
  const filesAtHead = git(repo, ['ls-tree', '-r', '--name-only', '-z', 'HEAD']).split('\0').filter(Boolean).length;
  const sub = a.subtree;
  const depth = sub.split('/').length + 2;
  const driverDirs = git(repo, ['ls-tree', '-r', '-d', '--name-only', '-z', 'HEAD', '--', sub])
    .split('\0')
    .filter((p) => p.split('/').length === depth);
  const leaf = a.leaf ?? (driverDirs.includes(LEAF_PATH) ? LEAF_PATH : driverDirs[Math.floor(driverDirs.length / 2)] ?? sub);

  console.log(`repository: ${repo}${generated ? ` (generator v${GENERATOR_VERSION})` : ''}`);
  console.log(`  HEAD ${head.slice(0, 12)} · ${commits} commits (${((100 * merges) / commits).toFixed(1)}% merges) · ${filesAtHead} files · ${driverDirs.length} dirs ${sub}/*/* · ${(duSize(gitDir) / 2 ** 30).toFixed(2)} GiB`);
  console.log(`  window ${since} → ${until} (5 years ending at HEAD's committer date)`);
  console.log(`  machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB · node ${process.version} · ${git(repo, ['--version']).trim()}`);
  console.log(`  ${a.runs} run${a.runs === 1 ? '' : 's'} of each command after one warm-up, in turn (A B A B …); times are wall seconds, median (min–max); RSS is peak resident memory`);

  // The commit-graph for the "on" pass; the "off" pass hides it from git through the environment.
  const graphFiles = [join(gitDir, 'objects/info/commit-graph'), join(gitDir, 'objects/info/commit-graphs')];
  const hadGraph = graphFiles.some((f) => existsSync(f));
  let wroteGraph = false;
  if (a.graph.includes('on') && !hadGraph) {
    const s = timedStep('commit-graph write', ['git', '-C', repo, 'commit-graph', 'write', '--reachable', '--changed-paths'], baseEnv);
    wroteGraph = true;
    console.log(`  git commit-graph write --reachable --changed-paths: ${secs(s.wall)} s, peak ${mb(s.rssKB)} MB`);
  } else if (a.graph.includes('on')) console.log('  using the commit-graph already in the repository (it may lack changed-path Bloom filters)');

  const selfrss = ['node', join(ROOT, 'dist/bench/selfrss.js'), RSS_FILE()];
  const kstat = (...args: string[]): string[] => [...selfrss, a.kstat, '-C', repo, '--json', '--quiet', ...args];
  const logArgs = (path: string, sinceFlag = '--since-as-filter'): string[] => [
    'git', '-C', repo, 'log', '--full-history', '--no-merges', '-M', '--numstat', `${sinceFlag}=${since}`, `--until=${until}`, 'HEAD', '--', path,
  ];
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const out = (name: string): string => join(outDir, name);

  const rows: Row[] = [];
  const kstatRss: number[] = []; // kstat's own process
  const treeRss: number[] = []; // kstat and its git children, the largest of them
  const noteRss = (r: Result): void => {
    if (!r.cmd.kstat) return;
    for (const s of r.samples) {
      treeRss.push(s.rssKB);
      if (s.selfKB !== null) kstatRss.push(s.selfKB);
    }
  };

  // The index scenario's update starts from an index built once at a first-parent ancestor of HEAD
  // about UPDATE_COMMITS non-merge commits back; each timed run gets its own copy of it.
  const kstatIndex = (dir: string, rev: string): string[] => [...selfrss, a.kstat, '-C', repo, 'index', '--index-dir', dir, '--rev', rev];
  const baseDir = out('index-at-base');
  const baseRan = out('index-at-base-after-a-run');
  // What kstat says of the index on stderr (--quiet keeps it quiet): one more run, untimed, without --quiet.
  const indexNote = (env: NodeJS.ProcessEnv, args: string[]): string => {
    const r = spawnSync('node', [a.kstat, '-C', repo, '--json', ...args], { env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    const said = (r.stderr ?? '').split('\n').filter((l) => /\bindex\b/.test(l)).map((l) => l.trim());
    return said.length > 0 ? said.join(' | ').split(`${outDir}/`).join('') : `nothing said of the index (exit ${r.status ?? r.signal})`;
  };
  const walkedInstead = (note: string): boolean => /walked instead/.test(note);
  /** Why an indexed row fails besides its value: its JSON differs from --no-index's, or the index was not used. */
  const indexFaults = (same: boolean | null, walked: boolean): string => [...(same === false ? ['JSON differs'] : []), ...(walked ? ['index not used'] : [])].join('; ');
  let base: { sha: string; commits: number; firstParents: number } | null = null;
  let baseFailure: string | null = null;
  if (a.only.has('index')) {
    base = updateBase(repo, UPDATE_COMMITS);
    console.log(`  index update base: ${base.sha.slice(0, 12)}, ${base.firstParents} first-parent steps below HEAD; git rev-list --no-merges --count ${base.sha.slice(0, 12)}..HEAD = ${base.commits}`);
    const s = runTimed({ label: 'kstat index at the base', argv: kstatIndex(baseDir, base.sha), out: null, kstat: true }, baseEnv);
    if (typeof s === 'string') baseFailure = s;
    else if (s.selfKB !== null) kstatRss.push(s.selfKB);
    console.log(`  kstat index --rev ${base.sha.slice(0, 12)}: ${typeof s === 'string' ? s : `${secs(s.wall)} s, kstat itself ${mb(s.selfKB ?? NaN)} MB, ${(duSize(baseDir) / 2 ** 20).toFixed(1)} MiB (not timed against anything)`}`);
    if (!baseFailure) {
      // The index must stop at the base, or the "update" has nothing to add.
      const r = spawnSync('node', [a.kstat, '-C', repo, 'index', '--index-dir', baseDir, '--status'], { env: baseEnv, encoding: 'utf8' });
      const status = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
      if (r.status !== 0 || !status.includes(base.sha.slice(0, 12))) baseFailure = `kstat index --status does not name the base: ${JSON.stringify(status.split('\n')[0] ?? '')}`;
    }
    if (!baseFailure) {
      // The same index after one run at the base (untimed): what a clone that ran kstat before its
      // pull has, sections' liveness kept at the old tip to carry.
      rmSync(baseRan, { recursive: true, force: true });
      cpSync(baseDir, baseRan, { recursive: true });
      const r = spawnSync('node', [a.kstat, '-C', repo, '--json', '-q', '--index-dir', baseRan, '--rev', base.sha, leaf], { env: baseEnv, stdio: 'ignore' });
      if (r.status !== 0) baseFailure = `a run at the base failed (exit ${r.status ?? r.signal})`;
    }
  }

  for (const graph of a.graph) {
    const env: NodeJS.ProcessEnv = graph === 'off' ? { ...baseEnv, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.commitGraph', GIT_CONFIG_VALUE_0: 'false' } : baseEnv;
    const G = graph === 'off' ? 'no commit-graph' : 'commit-graph';

    // One path: a small leaf, a large subtree, the whole tree.
    const single: Array<[Scenario, string, string]> = [
      ['leaf', leaf, `leaf ${leaf}`],
      ['drivers', sub, `subtree ${sub}`],
      ['tree', '.', 'whole tree .'],
    ];
    for (const [name, path, title] of single) {
      if (!a.only.has(name)) continue;
      console.log(`\n== ${title} · ${G} ==`);
      const cmds: Cmd[] = [
        { label: 'kstat', argv: kstat(path), out: out(`${name}-kstat.json`), kstat: true },
        { label: 'git log --since-as-filter', argv: logArgs(path), out: out(`${name}-git.txt`) },
      ];
      if (name === 'leaf') cmds.push({ label: 'git log --since (reference)', argv: logArgs(path, '--since'), out: null });
      const res = measure(cmds, a.runs, env);
      res.forEach((r) => console.log(describe(r)));
      res.forEach(noteRss);
      const [k, g] = res as [Result, Result];
      const rt = ratio(k, g);
      console.log(`  kstat/git ${Number.isNaN(rt) ? '—' : rt.toFixed(2) + '×'} (median of pairwise ratios)`);
      if (!k.failure && !g.failure) console.log(check(path, kstatFigures(out(`${name}-kstat.json`), path), gitFigures(out(`${name}-git.txt`))));
      rows.push({ scenario: title, graph: G, measure: 'kstat / git log', value: rt, target: '≤ 1.15×', pass: Number.isNaN(rt) ? null : rt <= 1.15 });
    }

    // Every directory two levels under the subtree (drivers), in one run.
    if (a.only.has('each') && driverDirs.length > 0) {
      const n = driverDirs.length;
      const sample = Array.from({ length: Math.min(SAMPLE, n) }, (_, i) => driverDirs[Math.floor(((i + 0.5) * n) / Math.min(SAMPLE, n))]!);
      const factor = n / sample.length;
      console.log(`\n== every ${sub}/*/* (${n} paths) · ${G} ==`);
      const walks = sample.map((p, i) => `${logArgs(p).map(q).join(' ')} > ${q(out(`each-git-${i}.txt`))}`).join(' && ');
      const perPath = sample.map((p) => `${kstat(p).map(q).join(' ')} > /dev/null`).join(' && ');
      const cmds: Cmd[] = [
        { label: `kstat --each ${sub} --depth 2`, argv: kstat('--each', sub, '--depth', '2'), out: out('each-kstat.json'), kstat: true },
        { label: `(a) git log … -- ${sub} (1 walk)`, argv: logArgs(sub), out: null },
        { label: `(b) git log … -- PATH × ${n}`, argv: ['sh', '-c', walks], out: null, factor },
        { label: `kstat PATH × ${n}`, argv: ['sh', '-c', perPath], out: null, factor, kstat: true },
      ];
      const res = measure(cmds, a.runs, env);
      res.forEach((r) => console.log(describe(r)));
      res.forEach(noteRss);
      const [k, ga, gb, kp] = res as [Result, Result, Result, Result];
      const fastest = [ga, gb].filter((r) => !r.failure).sort((x, y) => median(x.samples.map((s) => s.wall)) - median(y.samples.map((s) => s.wall)))[0];
      const rg = fastest ? ratio(k, fastest) : NaN;
      const rp = ratio(kp, k);
      console.log(`  kstat/fastest plain git (${fastest ? fastest.cmd.label.slice(0, 3) : '—'}) ${Number.isNaN(rg) ? '—' : rg.toFixed(2) + '×'}; kstat per path / kstat --each ${Number.isNaN(rp) ? '—' : rp.toFixed(1) + '×'}`);
      if (!k.failure && !gb.failure) {
        const figures = kstatAll(out('each-kstat.json'));
        sample.forEach((p, i) => console.log(check(p, figures.get(p), gitFigures(out(`each-git-${i}.txt`)))));
      }
      rows.push({ scenario: `${sub}/*/* in one run`, graph: G, measure: 'kstat / fastest plain git', value: rg, target: '≤ 1.0×', pass: Number.isNaN(rg) ? null : rg <= 1.0 });
      rows.push({ scenario: `${sub}/*/* in one run`, graph: G, measure: 'kstat per path / kstat --each', value: rp, target: '≥ 10×', pass: Number.isNaN(rp) ? null : rp >= 10 });
    }

    // Source lines of the whole tree.
    if (a.only.has('lines')) {
      console.log(`\n== lines of . · ${G} ==`);
      const cmds: Cmd[] = [
        { label: 'kstat tree figures (bench/lines)', argv: [...selfrss, join(ROOT, 'dist/bench/lines.js'), repo, '.'], out: out('lines-kstat.json'), kstat: true },
        { label: 'git archive HEAD | wc -l', argv: ['sh', '-c', `git -C ${q(repo)} archive HEAD | wc -l`], out: out('lines-git.txt') },
      ];
      const res = measure(cmds, a.runs, env);
      res.forEach((r) => console.log(describe(r)));
      res.forEach(noteRss);
      const [k, g] = res as [Result, Result];
      const rt = ratio(k, g);
      console.log(`  kstat/git ${Number.isNaN(rt) ? '—' : rt.toFixed(2) + '×'}`);
      if (!k.failure && !g.failure) {
        const kl = JSON.parse(readFileSync(out('lines-kstat.json'), 'utf8')) as { files: number; lines: number };
        console.log(`  kstat: ${kl.files} files, ${kl.lines} lines; wc -l of the tar stream: ${readFileSync(out('lines-git.txt'), 'utf8').trim()} (headers and binary files included, so not equal)`);
      }
      rows.push({ scenario: 'lines of .', graph: G, measure: 'kstat / git archive|wc -l', value: rt, target: '≤ 2×', pass: Number.isNaN(rt) ? null : rt <= 2 });
    }

    // The persistent index (kstat index): building it, runs that read it, a run that updates it.
    if (a.only.has('index')) {
      // 1. Building the index of all history, against one plain walk of all history.
      console.log(`\n== index: build (all history) · ${G} ==`);
      const dir = out(`index-${graph}`);
      const built = measure(
        [
          { label: 'kstat index --rev HEAD', argv: kstatIndex(dir, 'HEAD'), out: null, kstat: true, before: () => rmSync(dir, { recursive: true, force: true }) },
          { label: 'git log --no-merges -M --numstat', argv: ['git', '-C', repo, 'log', '--no-merges', '-M', '--numstat', 'HEAD'], out: null },
        ],
        a.runs,
        env,
      );
      built.forEach((r) => console.log(describe(r)));
      built.forEach(noteRss);
      const [kb, gb] = built as [Result, Result];
      const rb = ratio(kb, gb);
      const own = kb.samples.map((s) => s.selfKB).filter((x): x is number => x !== null);
      const buildPeak = own.length > 0 ? Math.max(...own) / 1024 : NaN;
      console.log(`  kstat index/git log ${Number.isNaN(rb) ? '—' : rb.toFixed(3) + '×'} (median of pairwise ratios)${kb.failure ? '' : `; index ${(duSize(dir) / 2 ** 20).toFixed(1)} MiB`}`);
      rows.push({ scenario: 'index: build', graph: G, measure: 'kstat index / git log (all)', value: rb, target: '≤ 1.5×', pass: Number.isNaN(rb) ? null : rb <= 1.5 });
      rows.push({ scenario: 'index: build', graph: G, measure: 'peak RSS of kstat index (MB)', value: buildPeak, target: '≤ 300 MB', pass: Number.isNaN(buildPeak) ? null : buildPeak <= 300 });
      // The index as built, before any run has kept what it learned (line counts, mailmap answers,
      // sections' liveness): what the first run after kstat index finds.
      const pristine = out(`index-${graph}-as-built`);
      rmSync(pristine, { recursive: true, force: true });
      if (!kb.failure) cpSync(dir, pristine, { recursive: true });

      // 2. Runs that read the index just built, against the same runs with --no-index.
      const each = driverDirs.length > 0;
      console.log(`\n== index: indexed runs, leaf ${leaf}${each ? ` and --each ${sub} --depth 2` : ''} · ${G} ==`);
      const pairs: Array<[string, string, string[], string]> = [['leaf', `leaf ${leaf}`, [leaf], '0.1']];
      if (each) pairs.push(['each', `--each ${sub} --depth 2`, ['--each', sub, '--depth', '2'], '0.05']);
      if (kb.failure) {
        console.log('  no index (kstat index failed): the indexed runs are skipped');
        for (const [name, , , target] of pairs) {
          for (const when of ['the same tip again', 'a new tip (no liveness kept)', 'the first run after kstat index']) rows.push({ scenario: `index: ${name}, ${when}`, graph: G, measure: 'indexed / --no-index', value: NaN, target: `≤ ${target}×`, pass: null });
        }
      } else {
        // Besides the same tip again: a new tip, whose runs find everything kept but the sections'
        // liveness (moving the tip empties it), and the first run after kstat index, which finds nothing kept.
        const newTip = out(`index-${graph}-new-tip`);
        const asBuilt = out(`index-${graph}-as-built-copy`);
        const copy = (from: string, to: string): void => {
          rmSync(to, { recursive: true, force: true });
          cpSync(from, to, { recursive: true });
        };
        const moved = (): void => {
          copy(dir, newTip);
          const db = new (createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3)(join(newTip, readdirSync(newTip)[0]!));
          db.exec('DELETE FROM liveness');
          db.close();
        };
        const variants = [
          { when: 'the same tip again', dir, before: undefined },
          { when: 'a new tip (no liveness kept)', dir: newTip, before: moved },
          { when: 'the first run after kstat index', dir: asBuilt, before: () => copy(pristine, asBuilt) },
        ];
        const cmds: Cmd[] = pairs.flatMap(([name, , args]): Cmd[] => [
          { label: `kstat ${name} --no-index`, argv: kstat('--no-index', ...args), out: out(`index-${name}-plain.json`), kstat: true },
          ...variants.map((v, j): Cmd => ({ label: `kstat ${name} --index-dir, ${v.when}`, argv: kstat('--index-dir', v.dir, ...args), out: out(`index-${name}-indexed-${j}.json`), kstat: true, before: v.before })),
        ]);
        const res = measure(cmds, a.runs, env);
        res.forEach((r) => console.log(describe(r)));
        res.forEach(noteRss);
        const per = variants.length + 1;
        pairs.forEach(([name, title, args, target], i) => {
          const kn = res[per * i]!;
          for (const [j, { when, dir: d, before }] of variants.entries()) {
            const k = res[per * i + 1 + j]!;
            const rt = ratio(k, kn);
            const same = !k.failure && !kn.failure ? sameBytes(out(`index-${name}-indexed-${j}.json`), out(`index-${name}-plain.json`)) : null;
            before?.();
            const note = indexNote(env, ['--index-dir', d, ...args]);
            const walked = walkedInstead(note);
            console.log(`  ${title}, ${when}: indexed/--no-index ${Number.isNaN(rt) ? '—' : rt.toFixed(3) + '×'}; JSON ${same === null ? 'not compared (a run failed)' : same ? 'byte-identical ✓' : 'DIFFERS ✗'}`);
            console.log(`    the same run without --quiet (untimed) says: ${note}${walked ? ' ✗' : ''}`);
            const why = indexFaults(same, walked);
            rows.push({ scenario: `index: ${name}, ${when}`, graph: G, measure: 'indexed / --no-index', value: rt, target: `≤ ${target}×`, pass: Number.isNaN(rt) || same === null ? null : rt <= Number(target) && same && !walked, ...(why ? { note: why } : {}) });
          }
        });
      }

      // 3. An index built at the base, about UPDATE_COMMITS commits behind HEAD: the first indexed run
      // at HEAD walks them and adds them; a second run finds the index whole.
      if (base) {
        const title = `index: update +${base.commits}`;
        console.log(`\n== index: update, +${base.commits} non-merge commits (${base.sha.slice(0, 12)}..HEAD), leaf ${leaf} · ${G} ==`);
        if (baseFailure) {
          console.log(`  no index at the base (${baseFailure}): skipped`);
          rows.push({ scenario: title, graph: G, measure: '1st indexed run (updates)', value: NaN, target: '≤ 3 s', pass: null, seconds: true });
        } else {
          const upd = out(`index-update-${graph}`);
          const updRan = out(`index-update-${graph}-after-a-run`);
          const fresh = (): void => {
            rmSync(upd, { recursive: true, force: true });
            cpSync(baseDir, upd, { recursive: true });
          };
          const freshRan = (): void => {
            rmSync(updRan, { recursive: true, force: true });
            cpSync(baseRan, updRan, { recursive: true });
          };
          const res = measure(
            [
              { label: 'kstat leaf, 1st run (updates)', argv: kstat('--index-dir', upd, leaf), out: out('index-update-1.json'), kstat: true, before: fresh },
              { label: 'kstat leaf, 2nd run', argv: kstat('--index-dir', upd, leaf), out: out('index-update-2.json'), kstat: true },
              { label: 'kstat leaf, 1st run after a run at the base (updates, carries)', argv: kstat('--index-dir', updRan, leaf), out: out('index-update-3.json'), kstat: true, before: freshRan },
            ],
            a.runs,
            env,
          );
          const [k1, k2, k3] = res as [Result, Result, Result];
          if (k1.failure && !k2.failure) k2.failure = 'not counted: the 1st run failed, so this run updated the index itself';
          res.forEach((r) => console.log(describe(r)));
          res.forEach(noteRss);
          const t1 = k1.failure ? NaN : median(k1.samples.map((s) => s.wall));
          const t2 = k2.failure ? NaN : median(k2.samples.map((s) => s.wall));
          const t3 = k3.failure ? NaN : median(k3.samples.map((s) => s.wall));
          // Against the --no-index leaf run of step 2 (this pass), when it ran.
          const plain = out('index-leaf-plain.json');
          const same = k1.failure || k2.failure || k3.failure || !existsSync(plain) ? null : ['1', '2', '3'].every((n) => sameBytes(out(`index-update-${n}.json`), plain));
          console.log(`  1st run ${secs(t1)} s, 2nd run ${secs(t2)} s, 1st run after a run at the base ${secs(t3)} s (medians); JSON against --no-index ${same === null ? 'not compared' : same ? 'byte-identical ✓' : 'DIFFERS ✗'}`);
          fresh();
          const note = indexNote(env, ['--index-dir', upd, leaf]);
          const walked = walkedInstead(note);
          console.log(`    a 1st run without --quiet on another fresh copy (untimed) says: ${note}${walked ? ' ✗' : ''} (${base.commits} expected added)`);
          const why = indexFaults(same, walked);
          rows.push({ scenario: title, graph: G, measure: '1st indexed run (updates)', value: t1, target: '≤ 3 s', pass: Number.isNaN(t1) ? null : t1 <= 3 && same !== false && !walked, seconds: true, ...(why ? { note: why } : {}) });
          rows.push({ scenario: title, graph: G, measure: '2nd indexed run', value: t2, target: '(info)', pass: null, seconds: true });
          rows.push({ scenario: title, graph: G, measure: '1st run, the base had a run', value: t3, target: '≤ 3 s', pass: Number.isNaN(t3) ? null : t3 <= 3 && same !== false, seconds: true });
        }
      }
    }
  }

  const peak = kstatRss.length > 0 ? Math.max(...kstatRss) : NaN;
  const treePeak = treeRss.length > 0 ? Math.max(...treeRss) : NaN;
  rows.push({ scenario: 'every kstat run', graph: '', measure: 'peak RSS of kstat itself (MB)', value: peak / 1024, target: '≤ 300 MB', pass: Number.isNaN(peak) ? null : peak / 1024 <= 300 });
  rows.push({ scenario: 'every kstat run', graph: '', measure: 'peak RSS incl. git children (MB)', value: treePeak / 1024, target: '(info)', pass: null });

  console.log('\n== targets ==');
  const w = [Math.max(24, ...rows.map((r) => r.scenario.length + 2)), 17, 34, 8, 9];
  console.log(`  ${'scenario'.padEnd(w[0]!)}${'graph'.padEnd(w[1]!)}${'measure'.padEnd(w[2]!)}${'value'.padStart(w[3]!)}  ${'target'.padEnd(w[4]!)} result`);
  for (const r of rows) {
    const v = Number.isNaN(r.value) ? '—' : r.seconds ? `${secs(r.value)} s` : r.measure.startsWith('peak') ? r.value.toFixed(0) : `${r.value.toFixed(2)}×`;
    const verdict = (r.target === '(info)' ? '' : r.pass === null ? 'n/a (a command failed)' : r.pass ? 'pass' : 'FAIL') + (r.note ? ` (${r.note})` : '');
    console.log(`  ${r.scenario.padEnd(w[0]!)}${r.graph.padEnd(w[1]!)}${r.measure.padEnd(w[2]!)}${v.padStart(w[3]!)}  ${r.target.padEnd(w[4]!)} ${verdict}`);
  }

  if (wroteGraph && a.repo && !a.keep) {
    for (const f of graphFiles) rmSync(f, { recursive: true, force: true });
    console.log('\n(removed the commit-graph this run wrote into --repo; --keep leaves it)');
  }
  if (a.keep) console.log(`\noutputs of the last run of each command: ${outDir}`);
  else rmSync(outDir, { recursive: true, force: true });
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
