// Test oracle for MAINTAINERS (docs/signals.md "MAINTAINERS", "Maintainers' liveness"), deliberately
// simple and sharing nothing with src/: paragraphs split at blank lines, globs turned into
// anchored regexes segment by segment, and one plain `git log` per section and person.
import { execFileSync } from 'node:child_process';
import { hermeticGitEnv } from '../../fixtures/git-env.js';

export interface OracleSection {
  name: string;
  fields: Array<[string, string]>;
}

function run(repo: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd: repo, env: hermeticGitEnv(), encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
}

/** Paragraphs; in each, `#` lines dropped, field lines are `X:`, the name is the line before the first field. */
export function oracleSections(text: string): OracleSection[] {
  const out: OracleSection[] = [];
  for (const para of text.replace(/\r/g, '').split(/\n\s*\n/)) {
    const lines = para.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    const first = lines.findIndex((l) => /^[A-Z]:/.test(l));
    if (first < 1) continue;
    out.push({ name: lines[first - 1]!.trim(), fields: lines.slice(first).map((l) => [l[0]!, l.slice(2).trim()]) });
  }
  return out;
}

/** One pattern, as the script's rules say in words: a directory covers all below it; anything else is a prefix at its own level, `*` and `?` within a level. */
function patternMatches(pattern: string, file: string, isDir: (p: string) => boolean): { ok: boolean; depth: number } {
  const dir = pattern.endsWith('/') || (!/[*?.]/.test(pattern) && isDir(pattern));
  const base = pattern.replace(/\/$/, '');
  const levels = base.split('/').length;
  const depth = pattern.startsWith('*') ? -1 : dir ? levels : levels;
  if (dir && !/[*?]/.test(base)) return { ok: file.startsWith(`${base}/`), depth };
  const segment = (s: string): string => s.split('').map((ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.+^$()[\]{}|\\]/g, '\\$&'))).join('');
  const segments = base.split('/').map(segment);
  // Within its level the pattern is a prefix: anything but `/` may follow.
  const re = new RegExp(`^${segments.join('/')}${dir ? '/' : '[^/]*$'}`);
  return { ok: re.test(file), depth };
}

/** The sections that cover a file or a directory (`dir/`), deepest first, then in file order. */
export function oracleCover(sections: OracleSection[], file: string, isDir: (p: string) => boolean, fileOnly = false): Array<{ name: string; matched: string }> {
  const hits: Array<{ name: string; matched: string; depth: number; order: number }> = [];
  sections.forEach((s, order) => {
    if (s.fields.some(([t, v]) => t === 'X' && patternMatches(v, file, isDir).ok)) return;
    let hit: { matched: string; depth: number } | null = null;
    for (const [t, v] of s.fields) {
      if (t === 'F') {
        const m = patternMatches(v, file, isDir);
        if (m.ok) hit = { matched: v, depth: m.depth };
      } else if (t === 'N' && !fileOnly && new RegExp(v).test(file)) hit = { matched: v, depth: 0 };
    }
    if (hit) hits.push({ name: s.name, ...hit, order });
  });
  return hits.sort((a, b) => b.depth - a.depth || a.order - b.order).map(({ name, matched }) => ({ name, matched }));
}

export interface OracleSeen {
  date: string;
  sha: string;
  as: 'author' | 'committer' | 'trailer';
}

/** `git check-mailmap` one contact at a time: the e-mail it maps to, lower case. */
export function mappedEmail(repo: string, name: string, email: string): string {
  const out = run(repo, ['check-mailmap', name ? `${name} <${email}>` : `<${email}>`]).trim();
  return /<([^>]*)>$/.exec(out)![1]!.toLowerCase();
}

/** Every file name any commit ever had, with every section (F: less X:) it falls under. */
export function filesOfSection(repo: string, sections: OracleSection[], name: string, isDir: (p: string) => boolean): string[] {
  const all = new Set(run(repo, ['log', '--all', '--no-renames', '--format=', '--name-only']).split('\n').filter(Boolean));
  return [...all].filter((f) => oracleCover(sections, f, isDir, true).some((c) => c.name === name)).sort();
}

/** The section's commits, newest first: plain git log over its files. */
export function sectionCommits(repo: string, files: string[]): Array<{ sha: string; time: number; author: string; committer: string; trailers: string[] }> {
  if (files.length === 0) return [];
  const out = run(repo, ['--literal-pathspecs', 'log', '--no-merges', '--full-history', '--format=%H%x1f%ct%x1f%aE%x1f%cE%x1f%(trailers:only,unfold)%x1e', 'HEAD', '--', ...files]);
  return out
    .split('\x1e')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => {
      const [sha, ct, a, c, t] = r.split('\x1f') as [string, string, string, string, string];
      return { sha, time: Number(ct), author: a.toLowerCase(), committer: c.toLowerCase(), trailers: t.split('\n').filter(Boolean) };
    });
}

/** When a person was last seen on a section's files: the first of its commits naming them. */
export function oracleLastSeen(repo: string, commits: ReturnType<typeof sectionCommits>, email: string): OracleSeen | null {
  for (const c of commits) {
    const trailerEmails = c.trailers
      .filter((t) => /^[^:]*-by:/i.test(t))
      .map((t) => {
        const v = t.slice(t.indexOf(':') + 1).trim();
        const m = /^(.*?)\s*<([^>]+)>/.exec(v);
        return m ? mappedEmail(repo, m[1]!, m[2]!) : mappedEmail(repo, '', v.split(/\s/)[0]!);
      });
    const as = c.author === email ? 'author' : c.committer === email ? 'committer' : trailerEmails.includes(email) ? 'trailer' : null;
    if (as) return { date: new Date(c.time * 1000).toISOString().replace('.000Z', 'Z'), sha: c.sha, as };
  }
  return null;
}
