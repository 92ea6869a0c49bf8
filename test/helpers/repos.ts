// Temp repositories built from fixture recipes, removed when the test file ends.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRepo, type BuildOptions, type Recipe } from '../../fixtures/build.js';
import { hermeticGitEnv } from '../../fixtures/git-env.js';

const made: string[] = [];

export function tempDir(prefix = 'kstat-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function fixtureRepo(recipe: Recipe, opts: BuildOptions = {}): string {
  return buildRepo(recipe, join(tempDir(`kstat-${recipe.name}-`), opts.bare ? 'repo.git' : 'repo'), opts);
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Plain git in a test repository, hermetic. */
export function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, env: hermeticGitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Every entry under dir with its type, size, modification time and content hash: what any write changes. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  // Buffer paths: a name that is not UTF-8 must still be found again.
  const walk = (at: Buffer): void => {
    for (const e of readdirSync(at, { withFileTypes: true, encoding: 'buffer' })) {
      const p = Buffer.concat([at, Buffer.from('/'), e.name]);
      const st = lstatSync(p);
      const hash = e.isFile() ? createHash('sha256').update(readFileSync(p)).digest('hex') : '';
      out.push(`${p.toString('latin1')} ${e.isFile() ? 'f' : e.isDirectory() ? 'd' : 'o'} ${st.size} ${st.mtimeMs} ${hash}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(Buffer.from(dir));
  return out.sort();
}
