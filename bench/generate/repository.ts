// Writes a generated repository: git init, one `git fast-import` fed by the generator, the
// statistics in kstat-bench.json (which marks the repository as complete for bench/run.ts).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hermeticGitEnv } from '../../fixtures/git-env.js';
import { FastImport } from './fast-import.js';
import { Generator, MAX_OPEN, type GenStats } from './history.js';
import { GENERATOR_VERSION, type GenParams } from './params.js';

export interface GenerateOptions extends GenParams {
  dir: string;
  checkout: boolean;
}

export async function generate(o: GenerateOptions): Promise<GenStats> {
  const dir = resolve(o.dir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty; give a new or empty directory`);
  mkdirSync(dir, { recursive: true });
  const env = hermeticGitEnv();
  const git = (args: string[]): string => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  git(['init', '-q', '-b', 'master', ...(o.checkout ? [] : ['--bare'])]);
  git(['config', 'gc.auto', '0']);
  const config = o.compression === -1 ? [] : ['-c', `pack.compression=${o.compression}`];
  // --big-file-threshold=1: every blob is streamed, without a delta against whatever blob came
  // before it in the stream (unrelated files: slow to try, and chains that real packs don't have).
  // The malloc tunables keep fast-import from mapping and zeroing fresh pages for every object.
  const args = [...config, 'fast-import', '--done', '--date-format=raw', `--active-branches=${MAX_OPEN + 8}`, '--big-file-threshold=1', process.env.KSTAT_BENCH_FI_STATS ? '--stats' : '--quiet']; // KSTAT_BENCH_FI_STATS=1: fast-import's statistics on stderr
  const tunables = 'glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=268435456:glibc.malloc.top_pad=67108864';
  const child = spawn('git', args, { cwd: dir, env: { ...env, GLIBC_TUNABLES: tunables }, stdio: ['pipe', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    if (stderr.length < 65536) stderr += c.toString('utf8');
  });
  const exited = new Promise<number>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code) => res(code ?? 1));
  });
  const dead = exited.then((code) => {
    throw new Error(`git fast-import exited early (${code}): ${stderr.trim()}`);
  });
  dead.catch(() => {});
  child.stdin.on('error', () => {}); // reported through the exit code
  const g = new Generator(o);
  const stats = await g.run(new FastImport(child.stdin, dead));
  child.stdin.end();
  const code = await exited;
  if (process.env.KSTAT_BENCH_FI_STATS) process.stderr.write(stderr);
  if (code !== 0) throw new Error(`git fast-import failed (${code}): ${stderr.trim()}`);
  // Branch refs of merged maintainer trees are not needed: everything is reachable from master.
  const refs = git(['for-each-ref', '--format=%(refname)', 'refs/heads/wip/']).split('\n').filter(Boolean);
  if (refs.length > 0) execFileSync('git', ['update-ref', '--stdin'], { cwd: dir, env, input: refs.map((r) => `delete ${r}\n`).join('') });
  if (o.checkout) git(['reset', '-q', '--hard', 'master']);
  writeFileSync(resolve(dir, o.checkout ? '.git' : '.', 'kstat-bench.json'), JSON.stringify({ generator: GENERATOR_VERSION, params: { ...o, dir: undefined }, stats }, null, 2) + '\n');
  return stats;
}
