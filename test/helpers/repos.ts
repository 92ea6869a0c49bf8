// Temp repositories built from fixture recipes, removed when the test file ends.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * One more commit in a copy of the edge fixture: a line appended to drivers/edge/ren/b.c, by D
 * on 2026-04-20. Its objects are loose (a fixture's are packed), so a test can break or remove
 * them: the new blob's id is returned.
 */
export function commitLooseLine(repo: string, subject = 'loose'): string {
  writeFileSync(join(repo, 'drivers/edge/ren/b.c'), 'one more line\n', { flag: 'a' });
  const who = { GIT_AUTHOR_NAME: 'D', GIT_AUTHOR_EMAIL: 'd@example.org', GIT_COMMITTER_NAME: 'D', GIT_COMMITTER_EMAIL: 'd@example.org' };
  execFileSync('git', ['commit', '-qam', subject], { cwd: repo, env: hermeticGitEnv({ ...who, GIT_AUTHOR_DATE: '2026-04-20T00:00:00Z', GIT_COMMITTER_DATE: '2026-04-20T00:00:00Z' }), stdio: 'pipe' });
  return git(repo, ['rev-parse', 'HEAD:drivers/edge/ren/b.c']).trim();
}

/** The file of a loose object. */
export const looseObject = (repo: string, oid: string): string => join(repo, '.git/objects', oid.slice(0, 2), oid.slice(2));

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
