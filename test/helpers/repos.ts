// Temp repositories built from fixture recipes, removed when the test file ends.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRepo, hermeticGitEnv, type BuildOptions, type Recipe } from '../../fixtures/build.js';

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
