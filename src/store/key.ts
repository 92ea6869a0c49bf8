// What the index's facts depend on beside history itself (docs/signals.md "git configuration"):
// the settings that change what `git log --numstat` prints (diff.algorithm, diff.renameLimit,
// core.bigFileThreshold, attributes), the mailmap that maps authors as git prints them, and
// what changes which commits and parents git sees (replace refs, grafts, a shallow cut). Each is
// a part of the key; an index whose key differs from the repository's is not read.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { mailmapFile } from '../git/mailmap.js';
import { configBool, type Repository } from '../git/repo.js';
import { runGit } from '../git/run.js';

/** Config keys whose values may change what the whole-tree walk prints for a commit. */
const SETTINGS = /^(diff\.|core\.bigfilethreshold$|core\.attributesfile$|core\.quotepath$|mailmap\.|i18n\.|log\.|core\.usereplacerefs$)/;

const digest = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex').slice(0, 16);

/** A file's bytes as one part of the key: 'none' when there is no such file. */
function fileDigest(file: string): string {
  return existsSync(file) && lstatSync(file).isFile() ? digest(readFileSync(file)) : 'none';
}

/** Each part of the key by name (`settings`, `mailmap`, `attributes`, `replace`, `grafts`, `shallow`). */
export type KeyParts = Record<string, string>;

export async function indexKey(repo: Repository, mailmap: readonly string[]): Promise<KeyParts> {
  const key = keyParts(repo, mailmap);
  const [rest, attributes] = await Promise.all([key.rest, key.attributes]);
  return { ...rest, attributes };
}

/**
 * The key in two parts: the `attributes` part lists the work tree's `.gitattributes` files, which
 * scans the work tree (50-90 ms on coreboot, longer than all the rest), so a run can read the
 * index beside it (store/use.ts). `rest` is every other part.
 */
export function keyParts(repo: Repository, mailmap: readonly string[]): { rest: Promise<KeyParts>; attributes: Promise<string> } {
  const attributes = attributesDigest(repo);
  // Observed by whoever awaits it; the rest may fail first.
  attributes.catch(() => {});
  const settings = [...repo.config.entries()].filter(([k]) => SETTINGS.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rest = Promise.all([mailmapDigest(repo, mailmap), replaceDigest(repo)]).then(([maps, replace]) => ({
    settings: digest(JSON.stringify(settings)),
    mailmap: maps,
    replace,
    grafts: fileDigest(repo.graftFile),
    shallow: digest([...repo.shallow].sort().join(' ')),
  }));
  return { rest, attributes };
}

/** The parts of two keys that differ, by name. */
export function keyDiffers(stored: KeyParts, now: KeyParts): string[] {
  return [...new Set([...Object.keys(stored), ...Object.keys(now)])].filter((k) => stored[k] !== now[k]);
}

/** The mailmap sources git reads here (repo.ts mailmapSources), each by its content. */
async function mailmapDigest(repo: Repository, sources: readonly string[]): Promise<string> {
  const parts = await Promise.all(
    sources.map(async (s) => {
      if (s.startsWith('blob:')) return `${s}:${(await runGit(repo, ['rev-parse', '--verify', '--quiet', s.slice('blob:'.length)])).toString('latin1').trim()}`;
      return `${s}:${fileDigest(mailmapFile(repo.cwd, s))}`;
    }),
  );
  return digest(parts.join('\n'));
}

/**
 * The attribute files git reads for a diff: the repository's info/attributes, the user's
 * (core.attributesFile or its XDG default), and in a work tree every `.gitattributes` on disk,
 * tracked or not (listing the untracked ones scans the work tree: tens of milliseconds).
 */
async function attributesDigest(repo: Repository): Promise<string> {
  const common = dirname(repo.objectsDir);
  const home = process.env.HOME ?? '';
  const user = repo.config.get('core.attributesfile')?.replace(/^~(?=\/)/, home) ?? join(process.env.XDG_CONFIG_HOME || join(home, '.config'), 'git', 'attributes');
  const parts = [`info:${fileDigest(join(common, 'info', 'attributes'))}`, `user:${fileDigest(resolve(repo.cwd, user))}`];
  if (!repo.bare) {
    // Tracked or not, ignored or not: git reads every .gitattributes on disk (-c -o, no excludes).
    const listed = (await runGit(repo, ['ls-files', '-z', '-c', '-o', '--full-name', '--', ':(top,glob)**/.gitattributes'], { magic: true })).toString('latin1');
    for (const f of listed.split('\0').filter(Boolean).sort()) parts.push(`${f}:${fileDigest(join(repo.cwd, Buffer.from(f, 'latin1').toString('utf8')))}`);
  }
  return digest(parts.join('\n'));
}

/** The replace refs git honours here, with what they point at; 'off' when git ignores them. */
async function replaceDigest(repo: Repository): Promise<string> {
  const setting = repo.config.get('core.usereplacerefs');
  if (setting !== undefined ? !configBool(setting, true) : process.env.GIT_NO_REPLACE_OBJECTS !== undefined) return 'off';
  const base = process.env.GIT_REPLACE_REF_BASE ?? 'refs/replace/';
  const refs = await runGit(repo, ['for-each-ref', '--format=%(refname) %(objectname)', ...(base ? ['--', base] : [])]);
  return digest(`${base}\n${refs.toString('latin1')}`);
}
