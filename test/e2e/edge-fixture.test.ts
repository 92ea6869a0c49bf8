// Proves, with plain git, that the edge-cases fixture really has every trap it claims to have.
// If one of these fails, the fixture (or the builder) no longer exercises what kstat's tests
// think it does.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo, hermeticGitEnv } from '../../fixtures/build.js';
import { splitNul } from '../helpers/oracle.js';
import { EDGE_PATHS, EDGE_WINDOW, edgeCases } from '../../fixtures/recipes/edge-cases.js';

const SINCE = 1618963200; // 2021-04-21T00:00:00Z
const UNTIL = 1776729600; // 2026-04-21T00:00:00Z
const SINCE_ISO = '2021-04-21T00:00:00Z';
const RAW_SINCE = `@${SINCE} +0000`;
const RAW_UNTIL = `@${UNTIL} +0000`;

let dir: string;
/** Commit subject → sha (subjects are unique in the recipe; checked below). */
const bySubject = new Map<string, string>();

function run(args: string[]): Buffer {
  return execFileSync('git', args, {
    cwd: dir,
    env: hermeticGitEnv(),
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
const git = (...args: string[]): string => run(args).toString('utf8');
/** git with every pathspec read literally (no glob or magic). */
const lit = (...args: string[]): string => git('--literal-pathspecs', ...args);
const nonEmpty = (s: string): string[] => s.split('\n').filter((l) => l !== '');

function sha(subject: string): string {
  const s = bySubject.get(subject);
  if (!s) throw new Error(`no commit with subject ${JSON.stringify(subject)}`);
  return s;
}
const ct = (rev: string): number => Number(git('log', '-1', '--format=%ct', rev).trim());
const at = (rev: string): number => Number(git('log', '-1', '--format=%at', rev).trim());

/** Subjects of C(path): non-merge commits in the window touching the path, with full history. */
function windowSubjects(path: string): string[] {
  return nonEmpty(lit('log', '--full-history', '--no-merges', `--since-as-filter=${RAW_SINCE}`, `--until=${RAW_UNTIL}`, '--format=%s', 'HEAD', '--', path));
}

/** Regular files and symlinks at HEAD under a path: mode → names (as latin1 strings, byte for byte). */
function treeEntries(path?: string): { mode: string; name: string }[] {
  const out = run(['--literal-pathspecs', 'ls-tree', '-r', '-z', 'HEAD', ...(path ? ['--', path] : [])]);
  const entries: { mode: string; name: string }[] = [];
  for (const rec of out.toString('latin1').split('\0')) {
    if (rec === '') continue;
    const tab = rec.indexOf('\t');
    entries.push({ mode: rec.slice(0, rec.indexOf(' ')), name: rec.slice(tab + 1) });
  }
  return entries;
}
const latin1 = (s: string | Buffer): string => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('latin1');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kstat-edge-'));
  buildRepo(edgeCases, dir);
  for (const line of nonEmpty(git('log', '--all', '--format=%H %s'))) {
    const [h, ...rest] = line.split(' ');
    const subject = rest.join(' ');
    if (bySubject.has(subject)) throw new Error(`duplicate subject ${subject}`);
    bySubject.set(subject, h!);
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('edge-cases fixture: shape', () => {
  it('HEAD is branch main, committed at exactly 2026-04-21T00:00:00Z', () => {
    expect(git('symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
    expect(git('cat-file', '-p', 'HEAD')).toMatch(/^committer [^\n]* 1776729600 \+0000$/m);
    expect(Date.parse(EDGE_WINDOW.until) / 1000).toBe(UNTIL);
    expect(Date.parse(EDGE_WINDOW.since) / 1000).toBe(SINCE);
    // since = until − 5 calendar years.
    const s = new Date(UNTIL * 1000);
    s.setUTCFullYear(s.getUTCFullYear() - 5);
    expect(s.getTime() / 1000).toBe(SINCE);
  });

  it('is small, deterministic and fully imported', () => {
    expect(edgeCases.commits.length).toBeLessThan(80);
    expect(Number(git('rev-list', '--all', '--count').trim())).toBe(edgeCases.commits.length);
    expect(bySubject.size).toBe(edgeCases.commits.length);
    // The worktree is clean after the build.
    expect(git('status', '--porcelain')).toBe('');
  });

  it('EDGE_PATHS: unique, include ".", and each exists in history except the one that never did', () => {
    const paths = EDGE_PATHS.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain('.');
    for (const { path, why } of EDGE_PATHS) {
      expect(why.length).toBeGreaterThan(10);
      const touched = lit('log', '--all', '--full-history', '-1', '--format=%H', '--', path).trim();
      if (path === 'drivers/edge/never') expect(touched, path).toBe('');
      else expect(touched, path).not.toBe('');
    }
  });
});

describe('edge-cases fixture: history and dates', () => {
  it('clock skew: plain --since misses an in-window commit on drivers/edge/skew that --since-as-filter finds', () => {
    const base = ['log', '--full-history', '--no-merges', '--format=%H', 'HEAD'];
    const plain = nonEmpty(lit(...base, `--since=${SINCE_ISO}`, '--', 'drivers/edge/skew'));
    const filter = nonEmpty(lit(...base, `--since-as-filter=${SINCE_ISO}`, '--', 'drivers/edge/skew'));
    expect(plain.length).toBeLessThan(filter.length);
    const x = sha('edge/skew: add a.c (hidden from plain --since)');
    const y = sha('edge/skew: add old.c with a 2015 clock');
    expect(filter).toContain(x);
    expect(plain).not.toContain(x);
    // X is in the window, Y (a descendant of X) is dated years before it.
    expect(ct(x)).toBeGreaterThanOrEqual(SINCE);
    expect(ct(y)).toBeLessThan(Date.parse('2016-01-01T00:00:00Z') / 1000);
    execFileSync('git', ['merge-base', '--is-ancestor', x, y], { cwd: dir, env: hermeticGitEnv() });
    // The newest commit that touched skew/old.c is Y, dated 2015, outside the window.
    expect(lit('log', '-1', '--full-history', '--no-merges', '--format=%H', 'HEAD', '--', 'drivers/edge/skew/old.c').trim()).toBe(y);
    expect(windowSubjects('drivers/edge/skew/old.c')).toEqual([]);
  });

  it('window edges: 2021-04-21T00:00:00Z and HEAD are inside, a second before or after is outside', () => {
    const before = sha('edge/edges: one second before the window');
    const atSince = sha('edge/edges: exactly at the window start');
    const after = sha('edge/edges: one second after the window end');
    expect(ct(before)).toBe(SINCE - 1);
    expect(ct(atSince)).toBe(SINCE);
    expect(ct(after)).toBe(UNTIL + 1);
    execFileSync('git', ['merge-base', '--is-ancestor', after, 'HEAD'], { cwd: dir, env: hermeticGitEnv() });
    expect(windowSubjects('drivers/edge/edges').sort()).toEqual(
      ['edge/edges: HEAD, exactly at the window end', 'edge/edges: exactly at the window start'].sort(),
    );
    expect(nonEmpty(lit('log', '--format=%s', 'HEAD', '--', 'drivers/edge/edges'))).toHaveLength(4);
  });

  it('author and committer dates months apart, on both sides of the window start', () => {
    const late = sha('edge/dates: authored before the window, committed in it');
    const early = sha('edge/dates: authored in the window, committed before it');
    const ninetyDays = 90 * 86400;
    expect(at(late)).toBeLessThan(SINCE);
    expect(ct(late)).toBeGreaterThanOrEqual(SINCE);
    expect(ct(late) - at(late)).toBeGreaterThan(ninetyDays);
    expect(ct(early)).toBeLessThan(SINCE);
    expect(at(early)).toBeGreaterThanOrEqual(SINCE);
    expect(at(early) - ct(early)).toBeGreaterThan(ninetyDays);
    expect(windowSubjects('drivers/edge/dates')).toEqual(['edge/dates: authored before the window, committed in it']);
  });

  it('time zones: +14:00 / -12:00 commits whose local month is not their UTC month', () => {
    const cases: Array<[string, string, string]> = [
      ['edge/tz: local 2023-03, UTC 2023-02', '2023-03', '2023-02'],
      ['edge/tz: local 2023-05, UTC 2023-06', '2023-05', '2023-06'],
      ['edge/tz: local 2021-04-21, UTC 2021-04-20: before the window', '2021-04', '2021-04'],
      ['edge/tz: local 2021-04-20, UTC exactly the window start', '2021-04', '2021-04'],
    ];
    for (const [subject, local, utc] of cases) {
      const h = sha(subject);
      const iso = git('log', '-1', '--format=%cI', h).trim();
      expect(iso.slice(0, 7), subject).toBe(local);
      expect(new Date(ct(h) * 1000).toISOString().slice(0, 7), subject).toBe(utc);
      expect(iso, subject).toMatch(/[+-](14|12):00$/);
    }
    // Local date 2021-04-21 (+14:00) is before the window; local 2021-04-20 (-12:00) is its first second.
    expect(ct(sha('edge/tz: local 2021-04-21, UTC 2021-04-20: before the window'))).toBeLessThan(SINCE);
    expect(ct(sha('edge/tz: local 2021-04-20, UTC exactly the window start'))).toBe(SINCE);
    expect(windowSubjects('drivers/edge/tz')).toHaveLength(3);
  });

  it('a side branch merged into main; the merge changes files; --full-history matters', () => {
    const merge = sha("Merge branch 'side'");
    expect(nonEmpty(git('log', '-1', '--format=%P', merge).trim().replace(/ /g, '\n'))).toHaveLength(2);
    const firstParent = new Set(nonEmpty(git('rev-list', '--first-parent', 'HEAD')));
    const sideCommits = [
      'edge/branch: add side.c (side branch)',
      'edge/branch-hidden: try a change (side branch)',
      'edge/branch: edit side.c, revert hidden.c (side branch)',
    ].map(sha);
    for (const s of sideCommits) {
      expect(firstParent.has(s)).toBe(false);
      expect(ct(s)).toBeGreaterThanOrEqual(SINCE);
    }
    expect(windowSubjects('drivers/edge/branch')).toEqual(
      expect.arrayContaining(['edge/branch: add side.c (side branch)', 'edge/branch: edit side.c, revert hidden.c (side branch)']),
    );
    // The merge's own diff (against its first parent) touches drivers/edge/branch.
    expect(nonEmpty(lit('diff', '--name-only', `${merge}^1`, merge, '--', 'drivers/edge/branch')).sort()).toEqual([
      'drivers/edge/branch/evil.c',
      'drivers/edge/branch/side.c',
    ]);
    // evil.c exists only thanks to the merge: no non-merge commit ever touched it.
    expect(treeEntries('drivers/edge/branch/evil.c')).toHaveLength(1);
    expect(lit('log', '--full-history', '--no-merges', '--format=%H', 'HEAD', '--', 'drivers/edge/branch/evil.c')).toBe('');
    // branch-hidden: the side branch changed and reverted hidden.c; default simplification hides that.
    const simplified = nonEmpty(lit('log', '--no-merges', '--format=%s', 'HEAD', '--', 'drivers/edge/branch-hidden'));
    const full = nonEmpty(lit('log', '--full-history', '--no-merges', '--format=%s', 'HEAD', '--', 'drivers/edge/branch-hidden'));
    expect(simplified.length).toBeLessThan(full.length);
    expect(windowSubjects('drivers/edge/branch-hidden')).toHaveLength(2);
  });

  it('drivers/edge/gone: deleted before HEAD, with history in the window', () => {
    expect(treeEntries('drivers/edge/gone')).toEqual([]);
    expect(existsSync(join(dir, 'drivers/edge/gone'))).toBe(false);
    expect(windowSubjects('drivers/edge/gone')).toEqual([
      'edge/gone: remove the directory',
      'edge/gone: edit g1.c',
      'edge/gone: add g1.c and g2.c',
    ]);
  });

  it('drivers/edge/old: only history before the window', () => {
    const cts = nonEmpty(lit('log', '--full-history', '--format=%ct', 'HEAD', '--', 'drivers/edge/old')).map(Number);
    expect(cts.length).toBeGreaterThan(0);
    for (const t of cts) expect(t).toBeLessThan(SINCE);
    expect(treeEntries('drivers/edge/old')).toHaveLength(1);
  });

  it('an empty commit that touches no path, not even "."', () => {
    const empty = sha('empty commit');
    expect(nonEmpty(git('log', '-1', '--format=%P', empty))).toHaveLength(1);
    expect(git('diff-tree', '--no-commit-id', '-r', empty)).toBe('');
    expect(nonEmpty(lit('log', '--full-history', '--format=%H', 'HEAD', '--', '.'))).not.toContain(empty);
    expect(nonEmpty(git('log', '--format=%H', 'HEAD'))).toContain(empty);
  });
});

describe('edge-cases fixture: renames', () => {
  const numstat = (path: string): string[] =>
    nonEmpty(lit('log', '--full-history', '--no-merges', '-M', '--numstat', '--format=', 'HEAD', '--', path));

  it('a rename with a small edit inside drivers/edge/ren is paired by git -M', () => {
    expect(numstat('drivers/edge/ren')).toContain('2\t2\tdrivers/edge/ren/{a.c => b.c}');
    // The -z form names both sides.
    const z = run(['log', '-1', '-M', '--numstat', '-z', '--format=', sha('edge/ren: rename a.c to b.c'), '--', 'drivers/edge/ren']).toString('utf8');
    expect(z).toContain('2\t2\t\0drivers/edge/ren/a.c\0drivers/edge/ren/b.c\0');
    // Queried as the file path b.c, the rename crosses the path's boundary: all 30 lines added.
    expect(numstat('drivers/edge/ren/b.c')).toContain('30\t0\tdrivers/edge/ren/b.c');
  });

  it('moves across the boundary of drivers/edge/ren are whole-file adds and deletes there, renames above it', () => {
    const ren = numstat('drivers/edge/ren');
    expect(ren).toContain('0\t25\tdrivers/edge/ren/c.c'); // moved out to moved/
    expect(ren).toContain('0\t24\tdrivers/edge/ren/d.c'); // moved out to the prefix sibling ren-extra/
    expect(ren).toContain('22\t0\tdrivers/edge/ren/in.c'); // moved in from drivers/outside
    expect(numstat('drivers/edge/moved')).toEqual(['25\t0\tdrivers/edge/moved/c.c']);
    expect(numstat('drivers/outside')).toEqual(['0\t22\tdrivers/outside/in.c', '22\t0\tdrivers/outside/in.c']);
    const edge = numstat('drivers/edge');
    expect(edge).toContain('0\t0\tdrivers/edge/{ren => moved}/c.c');
    expect(edge).toContain('0\t0\tdrivers/edge/{ren => ren-extra}/d.c');
    expect(numstat('drivers')).toContain('1\t1\tdrivers/{outside => edge/ren}/in.c');
  });

  it('drivers/edge/ren-extra shares a string prefix with drivers/edge/ren but is not under it', () => {
    const names = treeEntries().map((e) => e.name);
    const prefixOnly = names.filter((n) => n.startsWith('drivers/edge/ren') && !n.startsWith('drivers/edge/ren/'));
    expect(prefixOnly.length).toBeGreaterThan(0);
    const ren = nonEmpty(lit('log', '--full-history', '--format=%s', 'HEAD', '--', 'drivers/edge/ren'));
    expect(ren).not.toContain('edge/ren-extra: edit a.c');
    expect(nonEmpty(lit('log', '--full-history', '--format=%s', 'HEAD', '--', 'drivers/edge/ren-extra'))).toContain('edge/ren-extra: edit a.c');
  });
});

describe('edge-cases fixture: contents and modes', () => {
  const blob = (path: string): Buffer => run(['cat-file', 'blob', `HEAD:${path}`]);

  it('binary files (NUL in the first 8,000 bytes) added and modified; a NUL at byte 8,000 is text', () => {
    expect(blob('drivers/edge/bin/blob.bin').indexOf(0)).toBeGreaterThanOrEqual(0);
    expect(blob('drivers/edge/bin/blob.bin').indexOf(0)).toBeLessThan(8000);
    expect(blob('drivers/edge/bin/nul-at-7999.bin').indexOf(0)).toBe(7999);
    expect(blob('drivers/edge/bin/late-nul.txt').indexOf(0)).toBe(8000);
    const ns = nonEmpty(lit('log', '--numstat', '--format=', 'HEAD', '--', 'drivers/edge/bin'));
    expect(ns.filter((l) => l === '-\t-\tdrivers/edge/bin/blob.bin')).toHaveLength(2);
    expect(ns).toContain('-\t-\tdrivers/edge/bin/nul-at-7999.bin');
    expect(ns).toContain('128\t0\tdrivers/edge/bin/late-nul.txt');
    expect(ns).toContain('2\t0\tdrivers/edge/bin/late-nul.txt');
  });

  it('a file without a trailing newline and an empty file', () => {
    const noeol = blob('drivers/edge/text/noeol.c');
    expect(noeol.toString('utf8')).toBe('a\nb\nc\nd');
    expect(noeol[noeol.length - 1]).not.toBe(0x0a);
    expect(git('cat-file', '-s', 'HEAD:drivers/edge/text/empty.c').trim()).toBe('0');
    expect(treeEntries('drivers/edge/text')).toEqual([
      { mode: '100644', name: 'drivers/edge/text/empty.c' },
      { mode: '100644', name: 'drivers/edge/text/noeol.c' },
    ]);
  });

  it('odd names survive byte for byte: spaces, tab, quotes, UTF-8, Latin-1, leading dash and colon, glob chars', () => {
    const latin1Name = Buffer.concat([Buffer.from('drivers/edge/ünï côde/latin1-', 'utf8'), Buffer.from([0xe9]), Buffer.from('.c')]);
    const expected: Array<string | Buffer> = [
      'drivers/edge/with space/file one.c',
      'drivers/edge/with space/tab\tand "quotes".c',
      'drivers/edge/ünï côde/naïve.c',
      latin1Name,
      'drivers/edge/-dash/x.c',
      'drivers/edge/-dash/-p/opt.c',
      '-p/root.c',
      ':colon/c.c',
      'drivers/edge/br[ack]et/g.c',
      'drivers/edge/brket',
      'drivers/edge/star*/s.c',
    ];
    const names = new Set(treeEntries().map((e) => e.name));
    for (const n of expected) {
      expect(names.has(latin1(n)), latin1(n)).toBe(true);
      // ...and in the worktree.
      const full = typeof n === 'string' ? join(dir, n) : Buffer.concat([Buffer.from(dir + '/'), n]);
      expect(existsSync(full), latin1(n)).toBe(true);
    }
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(latin1Name)).toThrow();
  });

  it('pathspecs must be literal: glob and magic readings give other answers', () => {
    const count = (pathspecArgs: string[], path: string): number =>
      nonEmpty(git(...pathspecArgs, 'log', '--format=%H', 'HEAD', '--', path)).length;
    for (const p of ['drivers/edge/br[ack]et', 'drivers/edge/star*']) {
      expect(count(['--literal-pathspecs'], p), p).toBe(1);
      expect(count([], p), p).toBe(3);
    }
    expect(count(['--literal-pathspecs'], ':colon')).toBe(1);
    expect(count([], ':colon')).toBe(0);
  });

  it('an executable, a symlink (120000), a submodule (160000) and a mode-only change', () => {
    expect(treeEntries('drivers/edge/modes')).toEqual([
      { mode: '160000', name: 'drivers/edge/modes/fw' },
      { mode: '120000', name: 'drivers/edge/modes/link' },
      { mode: '100755', name: 'drivers/edge/modes/run.sh' },
      { mode: '100755', name: 'drivers/edge/modes/tool.c' },
    ]);
    expect(blob('drivers/edge/modes/link').toString('utf8')).toBe('tool.c');
    expect(lstatSync(join(dir, 'drivers/edge/modes/link')).isSymbolicLink()).toBe(true);
    const modeOnly = sha('edge/modes: make tool.c executable (mode only)');
    const raw = git('show', '--raw', '--no-abbrev', '--format=', modeOnly).trim();
    const m = /^:100644 100755 ([0-9a-f]{40}) ([0-9a-f]{40}) M\tdrivers\/edge\/modes\/tool\.c$/.exec(raw);
    expect(m, raw).not.toBeNull();
    expect(m![1]).toBe(m![2]);
    expect(git('show', '--numstat', '--format=', modeOnly).trim()).toBe('0\t0\tdrivers/edge/modes/tool.c');
    // The symlink's retarget is a commit on the link path with numstat 1/1.
    expect(nonEmpty(lit('log', '--numstat', '--format=', 'HEAD', '--', 'drivers/edge/modes/link'))).toEqual([
      '1\t1\tdrivers/edge/modes/link',
      '1\t0\tdrivers/edge/modes/link',
    ]);
    // A submodule's pointer moves are numstat records of their own.
    expect(nonEmpty(lit('log', '--numstat', '--format=', 'HEAD', '--', 'drivers/edge/modes/fw'))).toEqual([
      '1\t1\tdrivers/edge/modes/fw',
      '1\t0\tdrivers/edge/modes/fw',
    ]);
  });
});

describe('edge-cases fixture: identities', () => {
  /** One record per commit on drivers/edge/people: raw e-mail, mailmapped e-mail, mailmapped name (bytes). */
  function people(): { ae: string; aE: string; aN: Buffer; s: string }[] {
    const out = run(['log', '--full-history', '--no-merges', '--format=%ae%x00%aE%x00%aN%x00%s%x00', 'HEAD', '--', 'drivers/edge/people']);
    const fields = splitNul(out);
    const recs: { ae: string; aE: string; aN: Buffer; s: string }[] = [];
    for (let i = 0; i + 3 < fields.length; i += 4) {
      recs.push({
        ae: fields[i]!.toString('utf8').replace(/^\n/, ''),
        aE: fields[i + 1]!.toString('utf8'),
        aN: fields[i + 2]!,
        s: fields[i + 3]!.toString('utf8'),
      });
    }
    return recs;
  }

  it('an author with an empty e-mail', () => {
    const anon = people().filter((r) => r.aN.toString('utf8') === 'Anon Ymous');
    expect(anon).toHaveLength(2);
    for (const r of anon) expect(r.ae).toBe('');
    expect(git('cat-file', '-p', sha('edge/people: anonymous, empty e-mail'))).toMatch(/^author Anon Ymous <> \d+ \+0000$/m);
  });

  it('a Latin-1 (not UTF-8) author name', () => {
    const j = people().filter((r) => r.ae === 'juergen@edge.example');
    expect(j).toHaveLength(2);
    for (const r of j) {
      expect(r.aN.equals(Buffer.from([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e]))).toBe(true);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(r.aN)).toThrow();
    }
    expect(git('cat-file', '-p', sha('edge/people: Latin-1 author name'))).not.toMatch(/^encoding /m);
  });

  it('two e-mails of one person differing only in case', () => {
    const casey = [...new Set(people().filter((r) => r.aN.toString('utf8') === 'Casey Case').map((r) => r.ae))];
    expect(casey).toHaveLength(2);
    expect(casey[0]).not.toBe(casey[1]);
    expect(casey[0]!.toLowerCase()).toBe(casey[1]!.toLowerCase());
  });

  it('.mailmap at the root joins two different e-mails of one person', () => {
    expect(readFileSync(join(dir, '.mailmap'), 'utf8')).toContain('<mia@new.example> <mia@old.example>');
    const mia = people().filter((r) => r.aN.toString('utf8') === 'Mia Mapped');
    expect(new Set(mia.map((r) => r.ae)).size).toBe(2);
    expect(new Set(mia.map((r) => r.aE))).toEqual(new Set(['mia@new.example']));
  });

  it('drivers/edge/people has 8 commits and 4 identities (mailmapped e-mail lower-cased, or name)', () => {
    const recs = people();
    expect(recs).toHaveLength(8);
    const keys = new Set(recs.map((r) => (r.aE === '' ? `name:${latin1(r.aN)}` : r.aE.toLowerCase())));
    expect(keys.size).toBe(4);
  });
});
