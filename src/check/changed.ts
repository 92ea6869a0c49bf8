// Pull-request mode (`kstat check --changed BASE[..HEAD]`): the directories a change touches.
import { firstGitLine, GitFailure, RevisionError } from '../errors.js';
import { NulSplitter } from '../git/nul-split.js';
import { streamGit, type GitContext } from '../git/run.js';

/** `BASE`, `BASE..HEAD` or `BASE...HEAD`: the change from where HEAD left BASE to HEAD. */
export function parseChanged(spec: string, rev: string): { base: string; head: string } {
  const m = /^(.+?)\.{2,3}(.*)$/.exec(spec);
  const [base, head] = m ? [m[1]!, m[2] || rev] : [spec, rev];
  if (base === '' || base.startsWith('-') || head.startsWith('-')) {
    throw new RevisionError(`--changed ${JSON.stringify(spec)}: name the base the change starts from, e.g. --changed origin/master or origin/master..HEAD`);
  }
  return { base, head };
}

/**
 * The files the change touches, as `git diff BASE...HEAD` lists them: against the merge base,
 * so commits that landed on BASE meanwhile are not the change's. A rename touches both sides.
 */
export async function changedFiles(ctx: GitContext, base: string, head: string): Promise<string[]> {
  const files: string[] = [];
  const split = new NulSplitter((rec) => files.push(rec.toString('utf8')));
  try {
    await streamGit(ctx, ['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--end-of-options', `${base}...${head}`, '--'], (c) => split.push(c));
  } catch (e) {
    if (!(e instanceof GitFailure)) throw e;
    throw new RevisionError(`--changed ${JSON.stringify(`${base}...${head}`)}: ${firstGitLine(e.stderr) || 'git cannot compare them'} (name commits this clone has; in CI, fetch the base first, e.g. git fetch origin master)`);
  }
  return files;
}

/**
 * The directory to check for each touched file: its nearest ancestor that a rule names (`named`),
 * else its ancestor `depth` levels from the top, else its own directory. Each directory once.
 */
export function changedDirectories(files: readonly string[], named: (dir: string) => boolean, depth?: number): string[] {
  const dirs = new Set<string>();
  for (const file of files) {
    const parts = file.split('/').slice(0, -1);
    let dir: string | undefined;
    for (let n = parts.length; n >= 1 && dir === undefined; n--) {
      const d = parts.slice(0, n).join('/');
      if (named(d)) dir = d;
    }
    dir ??= parts.length === 0 ? '.' : parts.slice(0, depth === undefined ? parts.length : Math.min(depth, parts.length)).join('/');
    dirs.add(dir);
  }
  return [...dirs];
}
