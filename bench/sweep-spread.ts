// How commits spread across directories: the measurement behind K, the `--sweep-dirs` default
// (docs/signals.md "Substantive work"). One walk of the window's non-merge commits; for each depth d,
// how many distinct directories at depth d a commit touches, and, per path P at depth d (the view the
// sweep rule takes), how many it touches outside P, and which pairs each K would call a sweep.
//
//   node dist/bench/sweep-spread.js --repo DIR [--years N] [--depth 2,3,4] [--k 4,6,8,10,12,16]
//                                   [--sample-k 6,8,10] [--samples 15] [--files 20,50,100,200,500]
//
// Prints markdown. Percentiles are nearest-rank. "Files" are the names the rule looks at: every name
// `git diff-tree -r --root --no-renames` prints, so a rename counts both its names.
import { execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { hermeticGitEnv } from '../fixtures/git-env.js';
import { gitDate } from '../src/git/history.js';
import { NulSplitter } from '../src/git/nul-split.js';
import { directoryAt, treewideSubject } from '../src/signals/sweep.js';
import { isoUtc, yearsBefore } from '../src/signals/window.js';

interface Args {
  repo: string;
  years: number;
  depths: number[];
  ks: number[];
  sampleKs: number[];
  samples: number;
  fileBounds: number[];
}

function usage(msg: string): never {
  process.stderr.write(
    `sweep-spread: ${msg}\nusage: node dist/bench/sweep-spread.js --repo DIR [--years N] [--depth 2,3,4] [--k 4,6,8,10,12,16] [--sample-k 6,8,10] [--samples 15] [--files 20,50,100,200,500]\n`,
  );
  process.exit(2);
}

function numbers(flag: string, text: string): number[] {
  const list = text.split(',').filter(Boolean).map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1)) usage(`${flag} takes whole numbers ≥ 1, comma-separated`);
  return [...new Set(list)].sort((a, b) => a - b);
}

function parseArgs(argv: string[]): Args {
  const a: Partial<Args> & Omit<Args, 'repo'> = { years: 5, depths: [2, 3, 4], ks: [4, 6, 8, 10, 12, 16], sampleKs: [6, 8, 10], samples: 15, fileBounds: [20, 50, 100, 200, 500] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const val = (): string => argv[++i] ?? usage(`${flag} needs a value`);
    if (flag === '--repo') a.repo = resolve(val());
    else if (flag === '--years') a.years = numbers(flag, val())[0]!;
    else if (flag === '--depth') a.depths = numbers(flag, val());
    else if (flag === '--k') a.ks = numbers(flag, val());
    else if (flag === '--sample-k') a.sampleKs = numbers(flag, val());
    else if (flag === '--samples') a.samples = numbers(flag, val())[0]!;
    else if (flag === '--files') a.fileBounds = numbers(flag, val());
    else usage(`unknown argument ${flag}`);
  }
  if (!a.repo) usage('--repo is required');
  return a as Args;
}

// ---------------------------------------------------------------------------------------------
// The walk

interface Commit {
  sha: string;
  subject: string;
  names: string[];
}

/** One `git log --raw -z` walk; each commit handed over with every name its raw records carry. */
async function walk(repo: string, since: number, until: number, onCommit: (c: Commit) => void): Promise<void> {
  const args = ['-C', repo, 'log', '--no-merges', '--raw', '--no-renames', '-r', '--root', '-z', '--ignore-submodules=none', '--no-abbrev', '--format=%x01%H%x00%s',
    `--since-as-filter=${gitDate(Math.ceil(since))}`, `--until=${gitDate(Math.floor(until))}`, 'HEAD'];
  const child = spawn('git', args, { env: hermeticGitEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
  let cur: Commit | null = null;
  // After `\x01sha` comes the subject, then pairs of `:meta` and one name (no renames, so one name).
  let expect: 'subject' | 'meta' | 'name' = 'meta';
  const split = new NulSplitter((rec) => {
    if (expect === 'subject') {
      cur!.subject = rec.toString('utf8');
      expect = 'meta';
    } else if (expect === 'name') {
      cur!.names.push(rec.toString('latin1'));
      expect = 'meta';
    } else if (rec[0] === 1) {
      if (cur) onCommit(cur);
      cur = { sha: rec.toString('latin1', 1), subject: '', names: [] };
      expect = 'subject';
    } else if (rec.length > 0) {
      const at = rec[0] === 0x0a ? 1 : 0;
      if (rec[at] !== 0x3a) throw new Error(`unexpected record ${JSON.stringify(rec.toString('latin1').slice(0, 80))}`);
      expect = 'name';
    }
  });
  child.stdout.on('data', (chunk: Buffer) => split.push(chunk));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`git log exited with ${code}`);
  if (cur) onCommit(cur);
}

// ---------------------------------------------------------------------------------------------
// Tallies

/** A histogram of whole numbers. */
class Hist {
  readonly counts = new Map<number, number>();
  n = 0;
  add(v: number, times = 1): void {
    this.counts.set(v, (this.counts.get(v) ?? 0) + times);
    this.n += times;
  }
  /** Nearest rank: the smallest v with at least ⌈p·n⌉ values ≤ v. */
  percentile(p: number): number {
    const rank = Math.max(1, Math.ceil((p / 100) * this.n));
    let seen = 0;
    for (const [v, c] of [...this.counts].sort((a, b) => a[0] - b[0])) {
      seen += c;
      if (seen >= rank) return v;
    }
    return 0;
  }
  atLeast(k: number): number {
    let s = 0;
    for (const [v, c] of this.counts) if (v >= k) s += c;
    return s;
  }
  max(): number {
    return this.n === 0 ? 0 : Math.max(...this.counts.keys());
  }
}

interface PathTally {
  commits: number;
  /** Sweeps by the directory rule alone, one count per K of `--k`. */
  sweeps: number[];
}

interface Sample {
  sha: string;
  subject: string;
  files: number;
  outside: number;
  /** Most files outside any one depth-d path the commit touches. */
  filesOutside: number;
  where: string;
}

interface DepthTally {
  /** Distinct directories at d, per commit. */
  spread: Hist;
  /** Distinct directories at d outside P, per (commit, P). */
  pairs: Hist;
  paths: Map<string, PathTally>;
  /** Commits that touch at least one directory at depth d. */
  touching: number;
  /** Their directories outside a depth-d path they touch (the same for every such path). */
  touchingOutside: Hist;
  /** Of treewide: commits touching a depth-d path, their outside count (one per commit: it is the same for every P it touches). */
  treewide: Hist;
  treewidePairs: Hist;
  /** Pairs by files outside P ≥ F (rows) and outside directories < K (columns): what a file bound adds. */
  fileOnly: number[][];
  fileAny: number[];
  /** Commits by their outside count, kept near the sampled K values and for the file bound. */
  near: Sample[];
  /** Commits whose subject names one path they touch (its origin), by their directories outside that path. */
  origin: Hist;
  /** (commit, P) pairs of commits whose subject says they span many places (`treewide:`, `tree:`, a glob or a list), by outside count. */
  spanning: Hist;
  originSwept: Sample[];
  bigLocal: Sample[];
}

/** `src/mainboard/google{9} src/soc/intel{1}`: the directories, grouped by their parent. */
function where(keys: Iterable<string>, depth: number): string {
  const groups = new Map<string, number>();
  for (const k of keys) {
    const parts = k === '' ? [] : k.split('/');
    const g = parts.length === depth && depth > 1 ? `${parts.slice(0, -1).join('/')}/*` : k === '' ? '(top)' : k;
    groups.set(g, (groups.get(g) ?? 0) + 1);
  }
  const list = [...groups].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([g, n]) => (n > 1 ? `${g}×${n}` : g));
  const text = list.slice(0, 6).join(' ');
  return list.length > 6 ? `${text} …+${list.length - 6}` : text;
}

/** Path abbreviations subjects use (coreboot's `mb/`, `sb/`, …). */
const ABBREVIATIONS: Record<string, string> = { mb: 'mainboard', sb: 'southbridge', nb: 'northbridge', vc: 'vendorcode' };

/**
 * The one depth-d directory the subject's prefix names (`soc/intel/apollolake: …`, `drm/i915: …`,
 * `btrfs: …`): the touched directory whose last components are the prefix's. null when the prefix
 * is a glob or a list (`mb/*`, `sb,soc/intel`), `tree`/`treewide`, or names no touched directory or several.
 */
function origin(subject: string, keys: Iterable<string>, depth: number): string | null {
  const colon = subject.indexOf(':');
  if (colon <= 0) return null;
  const prefix = subject.slice(0, colon).trim();
  if (/[\s*,{}]/.test(prefix) || /^(tree|treewide)$/i.test(prefix)) return null;
  const want = prefix.replace(/^src\//, '').split('/').filter(Boolean).map((p) => ABBREVIATIONS[p] ?? p);
  if (want.length === 0 || want.length > depth) return null;
  let found: string | null = null;
  for (const k of keys) {
    if (components(k) !== depth) continue;
    const tail = k.split('/').slice(depth - want.length);
    if (tail.every((x, i) => x === want[i])) {
      if (found !== null) return null;
      found = k;
    }
  }
  return found;
}

/** A subject whose prefix says the commit spans many places: `treewide:`, `tree:`, or a glob (`*`) of paths before the colon. A list (`sb,soc/intel:`) names a few. */
function spanningSubject(subject: string): boolean {
  const colon = subject.indexOf(':');
  if (colon <= 0) return false;
  const prefix = subject.slice(0, colon).trim();
  return /^(tree|tree wide|treewide)$/i.test(prefix) || (!/\s/.test(prefix) && prefix.includes('*'));
}

function components(key: string): number {
  if (key === '') return 0;
  let n = 1;
  for (let i = key.indexOf('/'); i !== -1; i = key.indexOf('/', i + 1)) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Report

const COMMIT_KS = [2, 3, 4, 6, 8, 10, 12, 16, 20, 32];
const PCTS = [50, 90, 99, 99.9];
const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((100 * a) / b).toFixed(a === 0 || a / b >= 0.001 ? 1 : 3)}%`);
const row = (cells: Array<string | number>): string => `| ${cells.join(' | ')} |`;
const head = (cells: string[]): string => `${row(cells)}\n${row(cells.map(() => '---'))}`;
const oneLine = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function family(path: string, depth: number): string {
  return depth === 1 ? '' : path.split('/').slice(0, Math.min(2, depth - 1)).join('/');
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const until = Number(execFileSync('git', ['-C', a.repo, 'log', '-1', '--format=%ct', 'HEAD'], { env: hermeticGitEnv(), encoding: 'utf8' }).trim());
  const headSha = execFileSync('git', ['-C', a.repo, 'rev-parse', 'HEAD'], { env: hermeticGitEnv(), encoding: 'utf8' }).trim();
  const since = yearsBefore(until, a.years);
  const minSample = Math.max(1, a.sampleKs[0]! - 2);
  const maxSample = a.sampleKs[a.sampleKs.length - 1]! + 1;
  const defaultK = a.sampleKs.includes(8) ? 8 : a.sampleKs[Math.floor(a.sampleKs.length / 2)]!;

  const files = new Hist();
  let commits = 0;
  const treewide: Array<{ sha: string; subject: string; files: number; spread: number[] }> = [];
  const tallies = new Map<number, DepthTally>();
  for (const d of a.depths) {
    tallies.set(d, { spread: new Hist(), pairs: new Hist(), paths: new Map(), touching: 0, touchingOutside: new Hist(), treewide: new Hist(), treewidePairs: new Hist(),
      fileOnly: a.fileBounds.map(() => a.ks.map(() => 0)), fileAny: a.fileBounds.map(() => 0), near: [], bigLocal: [], origin: new Hist(), originSwept: [], spanning: new Hist() });
  }

  await walk(a.repo, since, until, (c) => {
    commits++;
    const wide = spanningSubject(c.subject);
    files.add(c.names.length);
    const tw = treewideSubject(c.subject);
    const spreads: number[] = [];
    for (const d of a.depths) {
      const t = tallies.get(d)!;
      const keys = new Map<string, number>();
      for (const name of c.names) {
        const k = directoryAt(name, d);
        keys.set(k, (keys.get(k) ?? 0) + 1);
      }
      t.spread.add(keys.size);
      spreads.push(keys.size);
      const outside = keys.size - 1;
      let touched = 0;
      let filesOutside = 0;
      for (const [k, n] of keys) {
        if (components(k) !== d) continue;
        touched++;
        filesOutside = Math.max(filesOutside, c.names.length - n);
        t.pairs.add(outside);
        let p = t.paths.get(k);
        if (!p) t.paths.set(k, (p = { commits: 0, sweeps: a.ks.map(() => 0) }));
        p.commits++;
        a.ks.forEach((K, i) => {
          if (outside >= K) p.sweeps[i]!++;
        });
        a.fileBounds.forEach((F, i) => {
          if (c.names.length - n < F) return;
          t.fileAny[i]!++;
          a.ks.forEach((K, j) => {
            if (outside < K) t.fileOnly[i]![j]!++;
          });
        });
        if (tw) t.treewidePairs.add(outside);
        if (wide) t.spanning.add(outside);
      }
      if (touched === 0) continue;
      t.touching++;
      t.touchingOutside.add(outside);
      const sample = (): Sample => ({ sha: c.sha.slice(0, 12), subject: c.subject, files: c.names.length, outside, filesOutside, where: where(keys.keys(), d) });
      if (tw) t.treewide.add(outside);
      const named = origin(c.subject, keys.keys(), d);
      if (named !== null) {
        t.origin.add(outside);
        if (outside >= minSample) t.originSwept.push({ ...sample(), where: `${named} ← ${where(keys.keys(), d)}` });
      }
      if (outside >= minSample && outside <= maxSample) t.near.push(sample());
      if (outside < defaultK && filesOutside >= a.fileBounds[0]!) t.bigLocal.push(sample());
    }
    if (tw) treewide.push({ sha: c.sha.slice(0, 12), subject: c.subject, files: c.names.length, spread: spreads });
  });

  const out: string[] = [];
  const say = (s = ''): void => void out.push(s);
  say(`# Sweep spread: ${a.repo}`);
  say();
  say(`HEAD ${headSha}, window ${a.years}y by committer date: ${isoUtc(since)} → ${isoUtc(until)}. ${commits} non-merge commits.`);
  say();
  say('## Files changed per commit');
  say();
  say(head(['commits', ...PCTS.map((p) => `p${p}`), 'max', ...a.fileBounds.map((f) => `≥ ${f}`)]));
  say(row([files.n, ...PCTS.map((p) => files.percentile(p)), files.max(), ...a.fileBounds.map((f) => `${files.atLeast(f)} (${pct(files.atLeast(f), files.n)})`)]));
  say();
  say(`## Distinct directories at depth d per commit (all ${commits} commits)`);
  say();
  say(head(['d', ...PCTS.map((p) => `p${p}`), 'max', ...COMMIT_KS.map((k) => `≥ ${k}`)]));
  for (const d of a.depths) {
    const h = tallies.get(d)!.spread;
    say(row([d, ...PCTS.map((p) => h.percentile(p)), h.max(), ...COMMIT_KS.map((k) => h.atLeast(k))]));
  }
  say();
  say('## Per path: directories at depth d outside P, over every (commit, P at depth d) pair');
  say();
  say(head(['d', 'paths', 'commits touching one', 'pairs', ...PCTS.map((p) => `p${p}`), 'max', ...COMMIT_KS.map((k) => `≥ ${k}`)]));
  for (const d of a.depths) {
    const t = tallies.get(d)!;
    say(row([d, t.paths.size, t.touching, t.pairs.n, ...PCTS.map((p) => t.pairs.percentile(p)), t.pairs.max(), ...COMMIT_KS.map((k) => t.pairs.atLeast(k))]));
  }
  say();
  say('## Per path: sweeps by the directory rule for each K');
  say();
  say('pairs: (commit, P) pairs with ≥ K directories outside P. paths hit: paths with at least one sweep. Share per path is sweeps / the path\'s commits; "median share" is over paths with ≥ 10 commits; "≥ 25%", "≥ 50%": such paths losing that share of their commits.');
  say();
  say(head(['d', 'K', 'sweep pairs', 'of pairs', 'commits sweeping', 'paths hit', 'paths ≥ 10 commits', 'median share', 'mean share', '≥ 25%', '≥ 50%']));
  for (const d of a.depths) {
    const t = tallies.get(d)!;
    const busy = [...t.paths.values()].filter((p) => p.commits >= 10);
    a.ks.forEach((K, i) => {
      const swept = t.pairs.atLeast(K);
      const shares = busy.map((p) => p.sweeps[i]! / p.commits).sort((x, y) => x - y);
      const median = shares.length === 0 ? 0 : shares[Math.ceil(shares.length / 2) - 1]!;
      const mean = shares.length === 0 ? 0 : shares.reduce((s, x) => s + x, 0) / shares.length;
      const sweeping = t.touchingOutside.atLeast(K);
      say(row([d, K, swept, pct(swept, t.pairs.n), `${sweeping} (${pct(sweeping, t.touching)})`, [...t.paths.values()].filter((p) => p.sweeps[i]! > 0).length, busy.length,
        pct(median, 1), pct(mean, 1), shares.filter((s) => s >= 0.25).length, shares.filter((s) => s >= 0.5).length]));
    });
  }
  say();
  for (const d of a.depths) {
    const t = tallies.get(d)!;
    const fams = new Map<string, { pairs: number; sweeps: number[] }>();
    for (const [path, p] of t.paths) {
      const f = family(path, d);
      const g = fams.get(f) ?? { pairs: 0, sweeps: a.ks.map(() => 0) };
      g.pairs += p.commits;
      p.sweeps.forEach((s, i) => (g.sweeps[i]! += s));
      fams.set(f, g);
    }
    if (d > 1) {
      say(`### Depth ${d}: by family (first ${Math.min(2, d - 1)} component${d > 2 ? 's' : ''} of P), the 10 with most pairs; share of pairs that are sweeps`);
      say();
      say(head(['family', 'pairs', ...a.ks.map((K) => `K=${K}`)]));
      for (const [f, g] of [...fams].sort((x, y) => y[1].pairs - x[1].pairs).slice(0, 10)) say(row([`\`${f}/…\``, g.pairs, ...g.sweeps.map((s) => `${s} (${pct(s, g.pairs)})`)]));
      say();
    } else {
      say('### Depth 1');
      say();
    }
    const i = a.ks.indexOf(defaultK);
    if (i !== -1) {
      say(`Paths (≥ 10 commits) with the largest share of sweeps at K=${defaultK}:`);
      say();
      say(head(['path', 'commits', 'sweeps', 'share']));
      const busy = [...t.paths].filter(([, p]) => p.commits >= 10).sort((x, y) => y[1].sweeps[i]! / y[1].commits - x[1].sweeps[i]! / x[1].commits || y[1].commits - x[1].commits);
      for (const [path, p] of busy.slice(0, 10)) say(row([`\`${path}\``, p.commits, p.sweeps[i]!, pct(p.sweeps[i]!, p.commits)]));
      say();
    }
  }
  say('## Origin work: commits whose subject names one path they touch');
  say();
  say('The subject\'s prefix (before the first `:`) names exactly one depth-d directory the commit touches (`soc/intel/apollolake:` → `src/soc/intel/apollolake`; `mb/` `sb/` `nb/` `vc/` expanded; globs, lists and `tree`/`treewide` name none). That pair is the path\'s own work, whatever else the commit touches: a sweep there is a false positive of the directory rule. The other pairs of such a commit are not counted here.');
  say();
  say(head(['d', 'origin commits', ...PCTS.map((p) => `p${p}`), 'max', ...a.ks.map((K) => `swept at K=${K}`)]));
  for (const d of a.depths) {
    const h = tallies.get(d)!.origin;
    say(row([d, h.n, ...PCTS.map((p) => h.percentile(p)), h.max(), ...a.ks.map((K) => `${h.atLeast(K)} (${pct(h.atLeast(K), h.n)})`)]));
  }
  for (const d of a.depths) {
    const t = tallies.get(d)!;
    const list = t.originSwept.filter((x) => x.outside >= minSample).sort((x, y) => x.outside - y.outside);
    say();
    say(`### d=${d}: origin commits with ≥ ${minSample} directories outside their named path (${list.length}; up to ${a.samples}, evenly spaced by count)`);
    say();
    say(head(['sha', 'out', 'files', 'subject', 'origin ← where']));
    for (const x of spaced(list, a.samples)) say(row([x.sha, x.outside, x.files, oneLine(x.subject, 80).replace(/\|/g, '\\|'), x.where]));
  }
  say();
  say('## Spanning subjects: commits that say they span many places');
  say();
  say('Subject prefix `treewide`, `tree`, `tree wide`, or a glob of paths (`mb/*/*:`, `soc/amd/*:`). Their (commit, P) pairs are sweeps by their own account, at least at the depth the glob spans (`mb/lenovo/*:` is local work for `src/mainboard/lenovo`); "reach K" is the share the directory rule alone catches (those titled `treewide:` are caught by their subject anyway).');
  say();
  say(head(['d', 'pairs', ...PCTS.map((p) => `p${p}`), 'max', ...a.ks.map((K) => `reach K=${K}`)]));
  for (const d of a.depths) {
    const h = tallies.get(d)!.spanning;
    say(row([d, h.n, ...PCTS.map((p) => h.percentile(p)), h.max(), ...a.ks.map((K) => `${h.atLeast(K)} (${pct(h.atLeast(K), h.n)})`)]));
  }
  say();
  say('## File count: what a bound "≥ F files outside P" would add over the directory rule');
  say();
  say('Pairs with ≥ F files outside P, and of those the pairs the directory rule does NOT already call a sweep (outside directories < K).');
  say();
  say(head(['d', 'F', 'pairs ≥ F files outside', ...a.ks.map((K) => `not swept at K=${K}`)]));
  for (const d of a.depths) {
    const t = tallies.get(d)!;
    a.fileBounds.forEach((F, i) => say(row([d, F, t.fileAny[i]!, ...t.fileOnly[i]!])));
  }
  say();
  say(`## Treewide: ${treewide.length} commits with a subject starting \`treewide:\``);
  say();
  if (treewide.length > 0) {
    say(head(['d', 'touching a depth-d path', 'outside p50', 'min', 'max', ...a.ks.map((K) => `pairs ≥ ${K}`)]));
    for (const d of a.depths) {
      const t = tallies.get(d)!;
      say(row([d, t.treewide.n, t.treewide.percentile(50), t.treewide.n === 0 ? '–' : Math.min(...t.treewide.counts.keys()), t.treewide.max(),
        ...a.ks.map((K) => `${t.treewidePairs.atLeast(K)}/${t.treewidePairs.n}`)]));
    }
    say();
    say(head(['sha', 'files', ...a.depths.map((d) => `dirs@${d}`), 'subject']));
    for (const c of treewide.slice(0, 40)) say(row([c.sha, c.files, ...c.spread, oneLine(c.subject, 90).replace(/\|/g, '\\|')]));
    if (treewide.length > 40) say(`(… ${treewide.length - 40} more)`);
    say();
  }
  say('## Samples near K');
  say();
  say(`For each depth: up to ${a.samples} commits in each band of two "directories outside" values around the K of --sample-k (${a.sampleKs.join(', ')}): a band K−2..K−1 is just below K, a band K..K+1 just above. Evenly spaced over the window (newest first). "where" groups the commit's directories at depth d by their parent.`);
  const bands = [...new Set(a.sampleKs.flatMap((K) => [K - 2, K]))].filter((lo) => lo >= 1).sort((x, y) => x - y);
  for (const d of a.depths) {
    const t = tallies.get(d)!;
    for (const lo of bands) {
      const hi = lo + 1;
      const band = t.near.filter((s) => s.outside >= lo && s.outside <= hi);
      const side = [...(a.sampleKs.includes(lo + 2) ? [`below K=${lo + 2}`] : []), ...(a.sampleKs.includes(lo) ? [`from K=${lo}`] : [])].join(', ');
      say();
      say(`### d=${d}, outside ${lo}–${hi} (${side}): ${band.length} commits`);
      say();
      say(head(['sha', 'out', 'files', 'subject', 'where']));
      for (const s of spaced(band, a.samples)) say(row([s.sha, s.outside, s.files, oneLine(s.subject, 80).replace(/\|/g, '\\|'), s.where]));
    }
  }
  say();
  say(`## Samples: many files outside P, yet under ${defaultK} directories outside (what a file bound would catch)`);
  for (const d of a.depths) {
    const t = tallies.get(d)!;
    const F = a.fileBounds[Math.min(1, a.fileBounds.length - 1)]!;
    const band = t.bigLocal.filter((s) => s.filesOutside >= F);
    say();
    say(`### d=${d}: ${band.length} commits with ≥ ${F} files outside some path they touch and < ${defaultK} directories outside`);
    say();
    say(head(['sha', 'out', 'files outside', 'files', 'subject', 'where']));
    for (const s of spaced(band, a.samples)) say(row([s.sha, s.outside, s.filesOutside, s.files, oneLine(s.subject, 80).replace(/\|/g, '\\|'), s.where]));
  }
  say();
  process.stdout.write(out.join('\n'));
}

function spaced<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]!);
}

main().catch((e: unknown) => {
  process.stderr.write(`sweep-spread: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
