#!/usr/bin/env node
// kstat index storage benchmark: SQLite (better-sqlite3 12.x) vs DuckDB (@duckdb/node-api).
//
// One command reproduces every number (about 20 minutes on 2 cores):
//
//   cp -r bench/index-storage /tmp/idxbench && cd /tmp/idxbench && npm init -y && npm install better-sqlite3@12 @duckdb/node-api && node bench.mjs [--repo /tmp/coreboot] [--no-install] [--no-drop]
//
// It writes results.json and results.md beside this file. Steps:
//   install  each package alone into a fresh folder with an empty npm cache: wall time, what npm fetched,
//            whether an install script ran a compiler, size of node_modules (skip with --no-install)
//   import   `node -e "require(pkg)"` wall time, median of 5, against `node -e 0`; require() alone timed in process
//   lab      history parsed once into memory (parse time), then every storage variant built from it:
//            insert time, index time, file size; each query warm (median of 5) and results compared
//   rounds   3 rounds of: the reference walks (plain `git log -M --numstat`, and the full command below, to
//            /dev/null), then the real build of each chosen variant: git | parse | insert streamed in one
//            process, wall time and peak RSS (/usr/bin/time -f %M; the node process's own maxRSS).
//            Interleaved so build/git ratios compare runs under the same machine load.
//   cold     each query in a fresh process (import + open + query), median of 5, page cache warm; and once
//            more after `echo 3 > /proc/sys/vm/drop_caches` (root only; skip with --no-drop)
//   lock     locktest.mjs: can a reader open the file while a writer holds it
//   check    Q1/Q2 results against plain git (`git log -- <prefix>` with the same window)
//
// The git command read (see parse.mjs):
//   git -c core.commitGraph=false log --no-merges --full-history -z \
//     --format=%H%x00%P%x00%ct%x00%aN%x00%aE%x00%cN%x00%cE%x00%s%x00%(trailers:only,unfold) --root -M --raw --numstat HEAD
//
// Variants (VARIANTS below): SQLite flat rows with index (path, seq) or (path, time); SQLite normalized
// (paths and identities stored once) with index (path, time, seq) or (path, seq, time); the last one again
// with WAL, with the default rollback journal, and with indexes made before the load; DuckDB in insertion
// order or sorted by path. `--main a,b` picks the variants that get streamed builds and cold runs
// (default sqlite:norm(path,time,seq),duckdb:insert-order). Queries: engines.mjs. Parser: parse.mjs.
// Subcommands used by the steps (run as child processes): `build <variant> <file>`,
// `query <variant> <file> <Q>`, `lab` (prints its JSON).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { LogParser, GIT_ARGS } from './parse.mjs';
import * as E from './engines.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const REPO = opt('--repo', '/tmp/coreboot');
const WORK = opt('--work', path.join(HERE, 'work'));
const REPS = 5;
const now = () => performance.now();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const r1 = (x) => Math.round(x * 10) / 10;

// SQLite variants: layout of changes + journal + when indexes are made. DuckDB: insertion order or sorted by path.
export const VARIANTS = {
  'sqlite:flat(path,seq)': { engine: 'sqlite', layout: 'rowid-seq', journal: 'off', indexesFirst: false },
  'sqlite:flat(path,time)': { engine: 'sqlite', layout: 'rowid-time', journal: 'off', indexesFirst: false },
  'sqlite:norm(path,seq,time)': { engine: 'sqlite', layout: 'normalized-seq', journal: 'off', indexesFirst: false },
  'sqlite:norm(path,time,seq)': { engine: 'sqlite', layout: 'normalized', journal: 'off', indexesFirst: false },
  'sqlite:norm(path,time,seq)/wal': { engine: 'sqlite', layout: 'normalized', journal: 'wal', indexesFirst: false },
  'sqlite:norm(path,time,seq)/default-journal': { engine: 'sqlite', layout: 'normalized', journal: 'delete', indexesFirst: false },
  'sqlite:norm(path,time,seq)/indexes-first': { engine: 'sqlite', layout: 'normalized', journal: 'off', indexesFirst: true },
  'duckdb:insert-order': { engine: 'duckdb', sorted: false },
  'duckdb:sorted-by-path': { engine: 'duckdb', sorted: true },
};
const fileOf = (name) => path.join(WORK, `main-${name.replace(/[^A-Za-z0-9.-]+/g, '_')}.${VARIANTS[name].engine}`);
// the variants that also get a streamed build and cold-process queries
const MAIN = opt('--main', 'sqlite:norm(path,time,seq),duckdb:insert-order').split(/,(?![^()]*\))/); // commas inside () belong to names

// ---------------------------------------------------------------- inputs
function headTime() { return +execFileSync('git', ['-C', REPO, 'log', '-1', '--format=%ct', 'HEAD']).toString().trim(); }
/** 5 calendar years up to HEAD's committer date, inclusive bounds. */
function windowOf(t) { const d = new Date(t * 1000); d.setUTCFullYear(d.getUTCFullYear() - 5); return { since: Math.floor(d / 1000), until: t }; }
function mainboardPrefixes() {
  const out = execFileSync('git', ['-C', REPO, 'ls-tree', '-r', '-d', '-z', '--name-only', 'HEAD', 'src/mainboard/'], { maxBuffer: 1 << 26 });
  return out.toString('latin1').split('\0').filter((p) => p.split('/').length === 4).map((p) => p + '/');
}
const Q1_PREFIX = 'src/mainboard/google/';
const Q2_PREFIXES = ['src/mainboard/google/', 'src/mainboard/via/', 'util/'];  // recent, long-dead, top-level
function inputs() {
  const w = windowOf(headTime());
  return { w, q3: mainboardPrefixes() };
}

// ---------------------------------------------------------------- feeding parsed history
function gitFeed(insert) {
  return new Promise((resolve, reject) => {
    const parser = new LogParser(insert);
    const git = spawn('git', ['-C', REPO, ...GIT_ARGS], { stdio: ['ignore', 'pipe', 'inherit'] });
    git.stdout.on('data', (b) => parser.push(b));
    git.on('error', reject);
    git.on('close', (code) => { if (code) return reject(new Error(`git exited ${code}`)); parser.end(); resolve(parser.stats); });
  });
}
function parseFile(file) {
  const commits = [];
  const parser = new LogParser((c) => commits.push(c));
  const fd = fs.openSync(file, 'r'); const b = Buffer.alloc(1 << 20); let n;
  while ((n = fs.readSync(fd, b)) > 0) parser.push(b.subarray(0, n));
  fs.closeSync(fd); parser.end();
  return { commits, stats: parser.stats };
}
const memFeed = (commits) => async (insert) => { for (const c of commits) insert(c); };

async function build(name, file, feed) {
  const v = VARIANTS[name];
  return v.engine === 'sqlite' ? E.sqliteBuild(file, feed, v) : E.duckdbBuild(file, feed, v);
}
async function open(name, file) {
  const v = VARIANTS[name];
  if (v.engine === 'sqlite') { const db = await E.sqliteOpen(file); return { q: E.sqliteQueries(db, v.layout), close: () => db.close(), db }; }
  const h = await E.duckdbOpen(file);
  return { q: await E.duckdbQueries(h), close: () => { h.con.closeSync(); h.inst.closeSync(); } };
}
/** The benchmark queries as closures over the inputs: name -> () => result. */
function queryCalls(q, inp) {
  const calls = {
    Q1: () => q.Q1(Q1_PREFIX, inp.w),
    Q2: () => q.Q2(Q2_PREFIXES[0]),
    Q2dead: () => q.Q2(Q2_PREFIXES[1]),
    Q2top: () => q.Q2(Q2_PREFIXES[2]),
    Q3: () => q.Q3(inp.q3, inp.w),
    Q3join: () => q.Q3join(inp.q3, inp.w),
    Q3scan: async () => q3scan(await q.Q1('src/mainboard/', inp.w), inp.q3),
    Q4: () => q.Q4(Q1_PREFIX, inp.w),
  };
  return calls;
}
/** Q3 as one range scan of the common parent, bucketed in JS (prefixes are disjoint and sorted). */
function q3scan(rows, prefixes) {
  const ps = prefixes.map((p) => Buffer.from(p)).sort(Buffer.compare);
  const acc = new Map(prefixes.map((p) => [p, { seqs: new Set(), a: 0, r: 0 }]));
  const find = (b) => { // last prefix <= b, then startsWith
    if (!b) return null;
    let lo = 0, hi = ps.length - 1, k = -1;
    while (lo <= hi) { const m = (lo + hi) >> 1; if (Buffer.compare(ps[m], b) <= 0) { k = m; lo = m + 1; } else hi = m - 1; }
    return k >= 0 && b.length >= ps[k].length && b.subarray(0, ps[k].length).equals(ps[k]) ? ps[k].toString('latin1') : null;
  };
  for (const row of rows) {
    const [seq, , , , , p, old, , added, removed] = row;
    const kp = find(Buffer.from(p)), ko = find(old ? Buffer.from(old) : null);
    if (kp) { const e = acc.get(kp); e.seqs.add(Number(seq)); e.a += Number(added ?? 0); e.r += Number(removed ?? 0); }
    if (ko && ko !== kp) acc.get(ko).seqs.add(Number(seq));
  }
  return [...acc].map(([p, e]) => [p, e.seqs.size, e.a, e.r]);
}
/** A canonical, engine-independent digest of a query result, to compare variants. */
function digest(name, res) {
  if (name.startsWith('Q1') || name === 'Q3scan_rows') return `${res.length} rows, seqs ${res.reduce((s, r) => s + Number(r[0]), 0)}, added ${res.reduce((s, r) => s + Number(r[8] ?? 0), 0)}`;
  if (name.startsWith('Q2')) return res ? `${res.sha} ${res.subject}` : 'none';
  if (name.startsWith('Q3')) { const s = [...res].sort((a, b) => (a[0] < b[0] ? -1 : 1)); return `${s.length} prefixes, commits ${s.reduce((t, r) => t + Number(r[1]), 0)}, added ${s.reduce((t, r) => t + Number(r[2]), 0)}, removed ${s.reduce((t, r) => t + Number(r[3]), 0)}, nonzero ${s.filter((r) => Number(r[1]) > 0).length}`; }
  if (name.startsWith('Q4')) return `${res.length} months, commits ${res.reduce((t, r) => t + Number(r[1]), 0)}`;
  return String(res);
}
async function timeQueries(q, inp, reps) {
  const calls = queryCalls(q, inp);
  const out = {};
  for (const [name, fn] of Object.entries(calls)) {
    const times = [];
    let res;
    for (let i = 0; i < reps + 1; i++) { const a = now(); res = await fn(); times.push(now() - a); }
    out[name] = { firstMs: r1(times[0]), warmMs: r1(median(times.slice(1))), result: digest(name, res) };
  }
  return out;
}

// ---------------------------------------------------------------- subcommands (children)
async function cmdBuild(name, file) {
  const t0 = now();
  let stats;
  const res = await build(name, file, async (insert) => { stats = await gitFeed(insert); });
  console.log(JSON.stringify({ ...res, objects: undefined, wallMs: now() - t0, stats, nodeMaxRssKB: process.resourceUsage().maxRSS }));
}
async function cmdQuery(name, file, qname) {
  const t0 = now();
  const inp = JSON.parse(process.env.IDXBENCH_INPUTS);
  if (VARIANTS[name].engine === 'sqlite') createRequire(import.meta.url)('better-sqlite3'); else await import('@duckdb/node-api');
  const ti = now();
  const h = await open(name, file);
  const t1 = now();
  const res = await queryCalls(h.q, inp)[qname]();
  const t2 = now();
  h.close();
  console.log(JSON.stringify({ importMs: ti - t0, openMs: t1 - ti, queryMs: t2 - t1, result: digest(qname, res) }));
}
async function cmdLab(inp, logFile) {
  if (!fs.existsSync(logFile)) {
    const fd = fs.openSync(logFile, 'w');
    spawnSync('git', ['-C', REPO, ...GIT_ARGS], { stdio: ['ignore', fd, 'inherit'] });
    fs.closeSync(fd);
  }
  const a = now();
  const { commits, stats } = parseFile(logFile);
  const parseMs = now() - a;
  const lab = { parseMs: r1(parseMs), logBytes: fs.statSync(logFile).size, stats, variants: {} };
  // renames/copies whose two sides are not under the same prefix: `git log -- P` sees them as A or D
  const q3 = inp.q3.map((p) => Buffer.from(p));
  const under = (b, p) => b.length >= p.length && b.subarray(0, p.length).equals(p);
  const prefixOf = (b) => q3.find((p) => under(b, p)) ?? null;
  let renames = 0, crossQ3 = 0, crossQ1 = 0;
  const g = Buffer.from(Q1_PREFIX);
  for (const c of commits) for (const f of c.files) if (f.old) {
    renames++;
    const a = prefixOf(f.old), b = prefixOf(f.path);
    if ((a || b) && a !== b) crossQ3++;
    if (under(f.old, g) !== under(f.path, g)) crossQ1++;
  }
  lab.renames = { renames, crossingAQ3Prefix: crossQ3, crossingQ1Prefix: crossQ1 };
  for (const name of Object.keys(VARIANTS)) {
    const file = path.join(WORK, `lab-${name.replace(/[^A-Za-z0-9.-]+/g, '_')}.${VARIANTS[name].engine === 'sqlite' ? 'sqlite' : 'duckdb'}`);
    const b = await build(name, file, memFeed(commits));
    const h = await open(name, file);
    const queries = await timeQueries(h.q, inp, REPS);
    if (VARIANTS[name].engine === 'sqlite') queries.plan = h.q.explain(Q1_PREFIX, inp.w);
    h.close();
    lab.variants[name] = { insertMs: r1(b.insertMs), commitMs: r1(b.commitMs), indexMs: r1(b.indexMs), analyzeMs: r1(b.analyzeMs), totalMs: r1(b.totalMs), bytes: b.bytes, objects: b.objects, queries };
    console.error(`lab ${name}: insert ${r1(b.insertMs)} ms, index ${r1(b.indexMs)} ms, ${b.bytes} B`);
  }
  return lab;
}

// ---------------------------------------------------------------- orchestration
function run(cmd, args, opts = {}) {
  const a = now();
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 28, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms: now() - a, stdout: r.stdout?.toString() ?? '', stderr: r.stderr?.toString() ?? '' };
}
/** One plain `git log -M --numstat` walk and one of the full command, output to /dev/null. */
function gitOnce() {
  const plain = ['-C', REPO, '-c', 'core.commitGraph=false', 'log', '--no-merges', '--full-history', '--root', '-M', '--numstat', 'HEAD'];
  const full = ['-C', REPO, ...GIT_ARGS];
  const devnull = fs.openSync('/dev/null', 'w');
  const t = {};
  for (const [k, args] of Object.entries({ plain, full })) {
    const a = now(); const r = spawnSync('git', args, { stdio: ['ignore', devnull, 'inherit'] }); if (r.status) throw new Error('git failed');
    t[k] = now() - a;
  }
  fs.closeSync(devnull);
  return t;
}
function importTimes() {
  const cases = { baseline: '0', 'better-sqlite3': "require('better-sqlite3')", '@duckdb/node-api': "require('@duckdb/node-api')",
    'better-sqlite3 + open + 1 query': `const D=require('better-sqlite3');new D(${JSON.stringify(fileOf(MAIN[0]))},{readonly:true}).prepare('select count(*) from commits').get()`,
  };
  const out = {};
  for (const [k, code] of Object.entries(cases)) {
    const ts = [];
    for (let i = 0; i < REPS; i++) ts.push(run(process.execPath, ['-e', code], { cwd: HERE }).ms);
    out[k] = r1(median(ts));
  }
  for (const pkg of ['better-sqlite3', '@duckdb/node-api']) {
    const ts = [];
    for (let i = 0; i < REPS; i++) ts.push(+run(process.execPath, ['-e', `const t=performance.now();require('${pkg}');console.log(performance.now()-t)`], { cwd: HERE }).stdout.trim());
    out[`${pkg}: require() alone, in process`] = r1(median(ts));
  }
  const duck = `import('@duckdb/node-api').then(async ({DuckDBInstance})=>{const i=await DuckDBInstance.create(${JSON.stringify(fileOf(MAIN[1]))},{access_mode:'READ_ONLY'});const c=await i.connect();await c.runAndReadAll('select count(*) from commits')})`;
  const ts = []; for (let i = 0; i < REPS; i++) ts.push(run(process.execPath, ['-e', duck], { cwd: HERE }).ms);
  out['@duckdb/node-api + open + 1 query'] = r1(median(ts));
  return out;
}
function duSize(dir) { return +execFileSync('du', ['-sb', dir]).toString().split('\t')[0]; }
function installs() {
  const out = {};
  for (const pkg of ['better-sqlite3@12', '@duckdb/node-api']) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idxinst-'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"x","private":true}');
    const r = run('npm', ['install', '--foreground-scripts', '--loglevel', 'http', '--cache', path.join(dir, '.cache'), pkg], { cwd: dir });
    const log = r.stdout + r.stderr;
    const fetched = [...log.matchAll(/GET 200 (\S+\.tgz)/g)].map((m) => m[1].replace(/^https?:\/\/[^/]+\//, ''));
    const tgzBytes = fetched.length ? +execFileSync('sh', ['-c', `du -cb ${path.join(dir, '.cache')}/_cacache/content-v2 | tail -1`]).toString().split('\t')[0] : 0;
    out[pkg] = {
      wallMs: r1(r.ms), fetchedTarballs: fetched.length, fetched, downloadedBytes: tgzBytes,
      prebuildTried: /prebuild-install/.test(log), prebuildFailed: /prebuild-install warn install/.test(log) ? (log.match(/prebuild-install warn install (.*)/) || [])[1] : null,
      // compiled here = node-gyp left its object files behind (npm at --loglevel http does not echo the compiler)
      compiled: execFileSync('find', [path.join(dir, 'node_modules'), '-maxdepth', '6', '-path', '*/build/Release/obj.target']).toString().trim() !== '',
      installScripts: Object.entries(JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/.package-lock.json'))).packages).filter(([, m]) => m.hasInstallScript).map(([k]) => k),
      nodeModulesBytes: duSize(path.join(dir, 'node_modules')),
      packages: Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/.package-lock.json'))).packages).length,
    };
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
function timed(cmd, args, env) {
  const r = run('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { env: { ...process.env, ...env } });
  const [elapsed, rss] = r.stderr.trim().split('\n').pop().split(' ');
  return { wallMs: +elapsed * 1000, peakRssKB: +rss, out: JSON.parse(r.stdout.trim().split('\n').pop()) };
}
function gitCheck(inp) {
  const g = (args) => execFileSync('git', ['-C', REPO, ...args], { maxBuffer: 1 << 28 }).toString();
  const inWin = g(['log', '--no-merges', '--full-history', '-M', '--format=%H', `--since-as-filter=@${inp.w.since} +0000`, `--until=@${inp.w.until} +0000`, 'HEAD', '--', Q1_PREFIX]).trim().split('\n').filter(Boolean);
  const last = Object.fromEntries(Q2_PREFIXES.map((p) => [p, g(['log', '-1', '--no-merges', '--full-history', '--format=%H %s', 'HEAD', '--', p]).trim()]));
  return { q1Commits: inWin.length, q2: last };
}

async function main() {
  fs.mkdirSync(WORK, { recursive: true });
  const inp = inputs();
  const res = { when: new Date().toISOString(), repo: REPO, head: execFileSync('git', ['-C', REPO, 'rev-parse', 'HEAD']).toString().trim(),
    node: process.version, window: inp.w, q3Prefixes: inp.q3.length, versions: {} };
  for (const p of ['better-sqlite3', '@duckdb/node-api']) res.versions[p] = JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', p, 'package.json'))).version;
  res.load = [];
  const load = (step) => res.load.push([step, os.loadavg().map((x) => x.toFixed(2)).join(' ')]);
  const save = () => { fs.writeFileSync(path.join(HERE, 'results.json'), JSON.stringify(res, null, 1)); };
  if (!flag('--no-install')) { console.error('install…'); load('install'); res.install = installs(); save(); }
  console.error('lab…'); load('lab');
  res.lab = await cmdLab(inp, path.join(WORK, 'log.bin')); save();
  // The reference walks and the streamed builds (git | parse | insert in one process, peak RSS), interleaved
  // round by round so that both see the same machine load; each ratio is build / git of the same round.
  res.build = {}; res.cold = {};
  res.git = { runs: { plain: [], full: [] } };
  const env = { IDXBENCH_INPUTS: JSON.stringify(inp) };
  const rounds = [];
  for (let round = 0; round < 3; round++) {
    console.error(`round ${round}: git…`); load(`round ${round}`);
    const g = gitOnce();
    res.git.runs.plain.push(g.plain); res.git.runs.full.push(g.full);
    const rr = { git: g, builds: {} };
    for (const name of MAIN) {
      console.error(`round ${round}: build ${name}…`);
      const b = timed(process.execPath, [path.join(HERE, 'bench.mjs'), 'build', name, fileOf(name), '--repo', REPO], env);
      rr.builds[name] = { wallMs: b.wallMs, peakRssKB: b.peakRssKB, nodeRssKB: b.out.nodeMaxRssKB, insertMs: b.out.insertMs, indexMs: b.out.indexMs, bytes: b.out.bytes, stats: b.out.stats };
    }
    rounds.push(rr); save();
  }
  res.git.plainMs = r1(median(res.git.runs.plain)); res.git.fullMs = r1(median(res.git.runs.full));
  for (const name of MAIN) {
    const bs = rounds.map((r) => r.builds[name]);
    const m = (k) => r1(median(bs.map((b) => b[k])));
    res.build[name] = { wallMs: m('wallMs'), ratioFull: +median(rounds.map((r) => r.builds[name].wallMs / r.git.full)).toFixed(2),
      ratioPlain: +median(rounds.map((r) => r.builds[name].wallMs / r.git.plain)).toFixed(2), walls: bs.map((b) => r1(b.wallMs)),
      peakRssKB: m('peakRssKB'), nodeRssKB: m('nodeRssKB'), insertMs: m('insertMs'), indexMs: m('indexMs'), bytes: bs[0].bytes, stats: bs[0].stats };
  }
  save();
  for (const name of MAIN) {
    const file = fileOf(name);
    console.error(`cold ${name}…`); load(`cold ${name}`);
    res.cold[name] = {};
    for (const q of Object.keys(res.lab.variants[name].queries).filter((k) => k.startsWith('Q'))) {
      const runs = [];
      for (let i = 0; i < REPS; i++) runs.push(timed(process.execPath, [path.join(HERE, 'bench.mjs'), 'query', name, file, q, '--repo', REPO], env));
      let drop = null;
      if (!flag('--no-drop')) {
        try { execFileSync('sh', ['-c', 'sync; echo 3 > /proc/sys/vm/drop_caches']); drop = timed(process.execPath, [path.join(HERE, 'bench.mjs'), 'query', name, file, q, '--repo', REPO], env); } catch { drop = null; }
      }
      res.cold[name][q] = { processMs: r1(median(runs.map((r) => r.wallMs))), importMs: r1(median(runs.map((r) => r.out.importMs))), openMs: r1(median(runs.map((r) => r.out.openMs))), queryMs: r1(median(runs.map((r) => r.out.queryMs))),
        droppedCacheProcessMs: drop ? r1(drop.wallMs) : null, droppedCacheQueryMs: drop ? r1(drop.out.queryMs) : null, peakRssKB: median(runs.map((r) => r.peakRssKB)), result: runs[0].out.result };
    }
    save();
  }
  console.error('import…'); res.import = importTimes(); save();
  res.lock = run(process.execPath, [path.join(HERE, 'locktest.mjs')], { cwd: HERE }).stdout.trim().split('\n');
  { const ts = []; for (let i = 0; i < 3; i++) ts.push(run('git', ['-C', REPO, 'rev-list', '--no-merges', 'HEAD']).ms); res.revListMs = r1(median(ts)); }
  console.error('git check…'); res.gitCheck = gitCheck(inp); save();
  load('end'); save();
  fs.writeFileSync(path.join(HERE, 'results.md'), report(res));
  console.error('done: results.json, results.md');
}

function report(res) {
  const L = [];
  const mb = (b) => (b / 1048576).toFixed(1) + ' MiB';
  const s = (ms) => (ms / 1000).toFixed(2) + ' s';
  L.push(`# idxbench ${res.when}`, '', `repo ${res.repo} HEAD ${res.head}, node ${res.node}, window ${new Date(res.window.since * 1000).toISOString()} .. ${new Date(res.window.until * 1000).toISOString()}, ${res.q3Prefixes} Q3 prefixes`, '');
  L.push(`git reference (median of 3 rounds, interleaved with the streamed builds): plain \`git log -M --numstat\` ${s(res.git.plainMs)}; full command (--raw, trailers) ${s(res.git.fullMs)}`, '');
  L.push(`parse of ${mb(res.lab.logBytes)} in memory: ${s(res.lab.parseMs)}; ${JSON.stringify(res.lab.stats)}; ${JSON.stringify(res.lab.renames)}; \`git rev-list --no-merges HEAD\` ${res.revListMs} ms`, '');
  L.push('| variant | insert | index+analyze | file | Q1 | Q2 | Q2 dead | Q2 top | Q3 per-prefix | Q3 join | Q3 scan | Q4 |', '|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [n, v] of Object.entries(res.lab.variants)) {
    const q = v.queries; const w = (k) => (q[k] ? `${q[k].warmMs} ms` : '');
    L.push(`| ${n} | ${s(v.insertMs + v.commitMs)} | ${s(v.indexMs + v.analyzeMs)} | ${mb(v.bytes)} | ${w('Q1')} | ${w('Q2')} | ${w('Q2dead')} | ${w('Q2top')} | ${w('Q3')} | ${w('Q3join')} | ${w('Q3scan')} | ${w('Q4')} |`);
  }
  L.push('', 'warm = median of 5 in one process after one first run. Results:', '');
  for (const [n, v] of Object.entries(res.lab.variants)) L.push(`- ${n}: ${Object.entries(v.queries).filter(([k]) => k.startsWith('Q')).map(([k, x]) => `${k}: ${x.result}`).join('; ')}`);
  L.push('', '## streamed builds (git | parse | insert, one process)', '', '| variant | wall | peak RSS node | peak RSS max(node, git) | insert (in stream) | index | file |', '|---|---|---|---|---|---|---|');
  for (const [n, b] of Object.entries(res.build)) L.push(`| ${n} | ${s(b.wallMs)} (${b.ratioFull}× full git, ${b.ratioPlain}× plain; rounds ${b.walls.map((w) => s(w)).join(', ')}) | ${mb(b.nodeRssKB * 1024)} | ${mb(b.peakRssKB * 1024)} | ${s(b.insertMs)} | ${s(b.indexMs)} | ${mb(b.bytes)} |`);
  L.push('', '## cold process (fresh node: import + open + query), median of 5; then once after dropping the page cache', '', '| variant | query | process wall | import | open+prepare | query | query, dropped cache | process, dropped cache | peak RSS |', '|---|---|---|---|---|---|---|---|---|');
  for (const [n, c] of Object.entries(res.cold)) for (const [q, x] of Object.entries(c)) L.push(`| ${n} | ${q} | ${x.processMs} ms | ${x.importMs} ms | ${x.openMs} ms | ${x.queryMs} ms | ${x.droppedCacheQueryMs ?? '-'} ms | ${x.droppedCacheProcessMs ?? '-'} ms | ${mb(x.peakRssKB * 1024)} |`);
  L.push('', `## import (node -e, median of 5): ${JSON.stringify(res.import)}`, '');
  if (res.install) { L.push('## install (fresh folder, empty npm cache)', ''); for (const [p, i] of Object.entries(res.install)) L.push(`- ${p}: ${s(i.wallMs)}, ${i.packages} packages, ${i.fetchedTarballs} tarballs (${mb(i.downloadedBytes)}), node_modules ${mb(i.nodeModulesBytes)}, install scripts: ${JSON.stringify(i.installScripts)}, prebuilt fetch: ${i.prebuildTried ? (i.prebuildFailed ?? 'ok') : 'n/a'}, compiled from source: ${i.compiled}`); L.push(''); }
  L.push('## a reader while a writer has the file open (locktest.mjs)', '', ...res.lock.map((l) => `- ${l}`), '');
  L.push(`## git check: ${JSON.stringify(res.gitCheck)}`, '', `load average (1/5/15 min) at each step: ${JSON.stringify(res.load)}`, '');
  return L.join('\n');
}

const [cmd, ...rest] = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1].startsWith('--') && ['--repo', '--work', '--main'].includes(argv[i - 1])));
if (cmd === 'build') await cmdBuild(rest[0], rest[1]);
else if (cmd === 'query') await cmdQuery(rest[0], rest[1], rest[2]);
else if (cmd === 'lab') { fs.mkdirSync(WORK, { recursive: true }); const r = await cmdLab(inputs(), path.join(WORK, 'log.bin')); console.log(JSON.stringify(r, null, 1)); }
else await main();
