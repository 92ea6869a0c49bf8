// Finding the repository, checking git, and resolving the revision.
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GitFailure, GitMissingError, NotARepositoryError, RevisionError } from '../errors.js';
import { checkCommitTime } from './log-parser.js';
import { runGit, streamGit, tryGit, type GitContext } from './run.js';

/** `--since-as-filter` arrived in git 2.37. */
export const MIN_GIT: readonly [number, number] = [2, 37];

export interface Repository extends GitContext {
  /** The directory as the user named it (-C, KSTAT_REPO or the current one), for messages. */
  name: string;
  gitDir: string;
  objectsDir: string;
  /** Where git reads grafts: the common directory's info/grafts (GIT_GRAFT_FILE is never passed on). */
  graftFile: string;
  bare: boolean;
  /** A shallow clone's cut: commits whose parents are missing (empty when history is whole). */
  shallow: string[];
  /** `git config --list` as git resolves it here, keys lower-cased as git prints them. */
  config: Map<string, string>;
  /** Where the directory kstat was pointed at sits in the work tree (`drivers/vdpa/`), '' at the top or in a bare repository. */
  prefix: string;
}

export interface Revision {
  name: string;
  sha: string;
  /** Committer date, epoch seconds. */
  time: number;
}

/** `git version 2.39.5` → [2, 39]; null when git printed something else. */
export function parseGitVersion(out: string): [number, number] | null {
  const m = /^git version (\d+)\.(\d+)/.exec(out.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

export async function checkGitVersion(): Promise<void> {
  const out = (await runGit({ cwd: '/' }, ['--version'])).toString('utf8');
  const v = parseGitVersion(out);
  if (!v) throw new GitMissingError(`cannot read git's version from ${JSON.stringify(out.trim())}: install git 2.37 or newer`);
  const [major, minor] = MIN_GIT;
  if (v[0] < major || (v[0] === major && v[1] < minor)) {
    throw new GitMissingError(`${out.trim()} is too old: kstat needs git ${major}.${minor} or newer (for --since-as-filter); upgrade git`);
  }
}

export async function openRepository(dir: string): Promise<Repository> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new NotARepositoryError(`no such directory: ${dir} (pass -C DIR with a clone of linux.git)`);
  }
  // The config is read while git finds the repository: both only need the directory.
  const config = readConfig(dir);
  config.catch(() => {});
  let out: Buffer;
  try {
    out = await runGit({ cwd: dir }, ['rev-parse', '--is-bare-repository', '--is-inside-git-dir', '--absolute-git-dir', '--git-path', 'objects', '--git-path', 'shallow', '--git-path', 'info/grafts', '--show-prefix']);
  } catch (e) {
    if (e instanceof GitFailure) {
      throw new NotARepositoryError(`not a git repository: ${dir} (run kstat inside a clone of linux.git, or pass -C DIR)${hint(e.stderr)}`);
    }
    throw e;
  }
  const [bare, insideGitDir, gitDir, objects, shallowFile, graftFile, prefix] = out.toString('utf8').replace(/\n$/, '').split('\n') as [string, string, string, string, string, string, string];
  const isBare = bare === 'true';
  // Work at the top level so that paths are repository-relative wherever kstat was started;
  // from inside a work tree's .git directory, that is the work tree around it.
  const [top, configMap] = await Promise.all([isBare ? null : workTreeTop(dir, gitDir, insideGitDir === 'true'), config]);
  const shallowPath = resolve(dir, shallowFile);
  const shallow = existsSync(shallowPath) ? readFileSync(shallowPath, 'latin1').split('\n').filter(Boolean) : [];
  return { name: dir, cwd: top ?? gitDir, gitDir, objectsDir: resolve(dir, objects), graftFile: resolve(dir, graftFile), bare: top === null, shallow, config: configMap, prefix: top === null ? '' : prefix };
}

async function workTreeTop(dir: string, gitDir: string, insideGitDir: boolean): Promise<string | null> {
  const from = insideGitDir ? dirname(gitDir) : dir;
  const out = await tryGit({ cwd: from }, ['rev-parse', '--absolute-git-dir', '--show-toplevel']);
  const [foundGitDir, top] = out ? out.toString('utf8').trimEnd().split('\n') : [];
  return foundGitDir === gitDir && top ? top : null;
}

/** `key\nvalue\0` records; the last value of a key wins, as git reads single-valued keys. */
export function parseConfigList(out: Buffer): Map<string, string> {
  const config = new Map<string, string>();
  for (const rec of out.toString('utf8').split('\0')) {
    if (!rec) continue;
    const nl = rec.indexOf('\n');
    config.set(nl === -1 ? rec : rec.slice(0, nl), nl === -1 ? 'true' : rec.slice(nl + 1));
  }
  return config;
}

async function readConfig(dir: string): Promise<Map<string, string>> {
  return parseConfigList((await tryGit({ cwd: dir }, ['config', '--list', '-z'])) ?? Buffer.alloc(0));
}

/**
 * Whether git, run here, replaces objects: it reads replace refs from GIT_REPLACE_REF_BASE
 * (refs/replace/ by default) unless GIT_NO_REPLACE_OBJECTS is set, and core.useReplaceRefs,
 * when set, overrides the variable either way (git 2.39). Where it does, git sees other history
 * than the objects and its commit-graph hold, and ignores the graph.
 */
export async function hasReplaceRefs(repo: Repository): Promise<boolean> {
  const setting = repo.config.get('core.usereplacerefs');
  if (setting !== undefined ? !configBool(setting, true) : process.env.GIT_NO_REPLACE_OBJECTS !== undefined) return false;
  // An empty base makes every ref a candidate.
  const base = process.env.GIT_REPLACE_REF_BASE ?? 'refs/replace/';
  return (await runGit(repo, ['for-each-ref', '--count=1', '--format=%(refname)', ...(base ? ['--', base] : [])])).length > 0;
}

/** Grafts change parents the way replace refs do, and git then ignores its commit-graph (an empty grafts file costs only the early stop). */
export function hasGrafts(repo: Repository): boolean {
  return existsSync(repo.graftFile);
}

/** A commit's parents as its object names them, never as the commit-graph does. */
export async function commitParents(repo: Repository, sha: string): Promise<string[]> {
  const raw = (await runGit(repo, ['cat-file', 'commit', sha])).toString('latin1');
  const end = raw.indexOf('\n\n');
  const header = end === -1 ? raw : raw.slice(0, end);
  return [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]!);
}

/** git's boolean config values. */
export function configBool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return !/^(false|no|off|0|)$/i.test(value.trim());
}

function hint(stderr: string): string {
  // git refuses repositories owned by someone else; its own fix is the useful part.
  return /dubious ownership/.test(stderr) ? ': git reports dubious ownership (see git config safe.directory)' : '';
}

/**
 * The one commit `name` names. git's revision parser decides what the text means: a range
 * (`A..B`, `A...B`, `^A`, `A^!`, `A^-`) or a set (`A^@`) is refused, never read as one of its ends.
 */
export async function resolveRevision(repo: Repository, name: string): Promise<Revision> {
  const object = await singleObject(repo, name);
  const out = object && (await tryGit(repo, ['log', '-1', '--no-walk', '--format=%H %ct', '--end-of-options', `${object}^{commit}`, '--']));
  if (!out) {
    const anyRef = await runGit(repo, ['for-each-ref', '--count=1', '--format=%(refname)']);
    if (anyRef.length === 0 && name === 'HEAD') {
      throw new NotARepositoryError(`the repository has no commits yet: ${repo.name} (commit something, or point -C at a clone with history)`);
    }
    throw new RevisionError(`unknown revision ${JSON.stringify(name)}: not a commit in ${repo.name} (try a branch, tag or commit id, e.g. --rev v6.9)`);
  }
  const [sha = '', time] = out.toString('latin1').trim().split(' ');
  checkCommitTime(sha, Number(time));
  return { name, sha, time: Number(time) };
}

/**
 * The object id `name` resolves to, or null when git knows no such name. `rev-parse --verify`
 * accepts exactly one object; for a range or a set it fails too, but prints what it read.
 */
async function singleObject(repo: Repository, name: string): Promise<string | null> {
  const chunks: Buffer[] = [];
  let failed = false;
  try {
    await streamGit(repo, ['rev-parse', '--verify', '--end-of-options', name], (c) => {
      chunks.push(c);
    });
  } catch (e) {
    if (!(e instanceof GitFailure)) throw e;
    failed = true;
  }
  const read = Buffer.concat(chunks).toString('latin1').split('\n').filter(Boolean);
  if (read.some((r) => r.startsWith('^'))) throw notOneCommit(name, 'is a range');
  if (failed && read.length > 0) throw notOneCommit(name, 'names a set of commits');
  return failed ? null : (read[0] ?? null);
}

function notOneCommit(name: string, what: string): RevisionError {
  return new RevisionError(`--rev ${JSON.stringify(name)} ${what}: --rev names one commit (a branch, tag or commit id, e.g. v6.9)`);
}

/** The mailmaps git reads here, in git's order: the work tree's .mailmap, mailmap.blob, mailmap.file. */
export async function mailmapSources(repo: Repository): Promise<string[]> {
  const sources: string[] = [];
  // git opens the work tree's .mailmap without following a symlink.
  const local = join(repo.cwd, '.mailmap');
  if (!repo.bare && existsSync(local) && lstatSync(local).isFile()) sources.push('.mailmap');
  // In a bare repository git reads HEAD:.mailmap unless mailmap.blob says otherwise.
  const blob = repo.config.get('mailmap.blob') ?? (repo.bare ? 'HEAD:.mailmap' : null);
  if (blob && (await tryGit(repo, ['cat-file', '-e', blob])) !== null) sources.push(`blob:${blob}`);
  const file = repo.config.get('mailmap.file');
  if (file && existsSync(resolve(repo.cwd, file))) sources.push(`file:${file}`);
  return sources;
}

/**
 * In a shallow clone, the committer date of the newest commit whose parents are cut off:
 * before it, history may be missing. Null when the clone is complete.
 */
export async function shallowBoundary(repo: Repository): Promise<number | null> {
  if (repo.shallow.length === 0) return null;
  const dates = (await runGit(repo, ['log', '--no-walk=unsorted', '--format=%ct', ...repo.shallow])).toString('latin1').trim().split('\n');
  return dates.reduce((max, d) => Math.max(max, Number(d)), -Infinity);
}
