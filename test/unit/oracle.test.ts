// Checks the test oracle itself on a small repository whose figures are known by construction.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/build.js';
import { countLines, monthsBetween, oracleSignals, type OracleQuery } from '../helpers/oracle.js';

const t = (iso: string): number => Date.parse(iso) / 1000;

// Window: 2021-01-15T00:00:00Z .. 2021-05-10T00:00:00Z → months 2021-01 .. 2021-05.
const SINCE = t('2021-01-15T00:00:00Z');
const UNTIL = t('2021-05-10T00:00:00Z');

// A file name with a newline and a non-UTF-8 byte, to prove -z parsing.
const ODD = Buffer.concat([Buffer.from('src/odd\n'), Buffer.from([0xff]), Buffer.from('.txt')]);

interface Who {
  name: string;
  email: string;
}
const ALICE: Who = { name: 'Alice', email: 'Alice@Example.ORG' };
const ALICE2: Who = { name: 'Alice A.', email: 'alice@example.org' }; // same key once lower-cased
const BOB: Who = { name: 'Bob', email: 'bob@example.org' };
const BOBBY: Who = { name: 'Bobby', email: 'bobby@old.example' }; // .mailmap maps to bob@example.org
const CAROL: Who = { name: 'Carol', email: '' }; // identity = name
const CAROL_LC: Who = { name: 'carol', email: '' }; // another identity: names keep their case
const DAVE: Who = { name: 'Dave', email: 'dave@example.org' };
const ERIN: Who = { name: 'Erin', email: 'erin@example.org' };
const FRANK: Who = { name: 'Frank', email: 'frank@example.org' };
const ZED: Who = { name: 'Zed', email: 'zed@example.org' };

let root: string;
let repo: string;
let bare: string;
const sha: Record<string, string> = {};

function git(args: string[], who?: Who, epoch?: number): string {
  const extra: Record<string, string> = {};
  if (who) {
    Object.assign(extra, {
      GIT_AUTHOR_NAME: who.name,
      GIT_AUTHOR_EMAIL: who.email,
      GIT_COMMITTER_NAME: 'Committer',
      GIT_COMMITTER_EMAIL: 'committer@example.org',
    });
  }
  if (epoch !== undefined) Object.assign(extra, { GIT_AUTHOR_DATE: `@${epoch} +0000`, GIT_COMMITTER_DATE: `@${epoch} +0000` });
  return execFileSync('git', args, { cwd: repo, env: hermeticGitEnv(extra), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function write(rel: string | Buffer, content: string | Buffer): void {
  if (typeof rel === 'string') mkdirSync(dirname(join(repo, rel)), { recursive: true });
  const full = typeof rel === 'string' ? join(repo, rel) : Buffer.concat([Buffer.from(repo + '/'), rel]);
  writeFileSync(full, content);
}

function commit(label: string, iso: string, who: Who, message: string, extra: string[] = []): void {
  git(['add', '-A'], who);
  git(['commit', '-q', '-m', message, ...extra], who, t(iso));
  sha[label] = git(['rev-parse', 'HEAD']);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kstat-oracle-'));
  repo = join(root, 'work');
  mkdirSync(repo);
  git(['init', '-q', '-b', 'main']);
  // The oracle must not depend on the default log.showRoot=true to see the root commit's diff.
  git(['config', 'log.showRoot', 'false']);
  mkdirSync(join(repo, 'src'));
  mkdirSync(join(repo, 'docs'));

  // c1 (root) exactly at SINCE: src +3.
  write('src/a.txt', 'one\ntwo\nthree\n');
  write('README.md', 'readme\n');
  write('.mailmap', 'Robert <bob@example.org> <bobby@old.example>\n');
  commit('c1', '2021-01-15T00:00:00Z', ALICE, 'add a');

  // c2: clock skew, dated before SINCE though its parent is newer: outside the window.
  write('src/a.txt', 'one\ntwo\nTHREE\n');
  commit('c2', '2021-01-10T00:00:00Z', ZED, 'skewed');

  // c3: one line changed under src (+1/-1), one outside.
  write('src/a.txt', 'one\nTWO\nTHREE\n');
  write('README.md', 'README\n');
  commit('c3', '2021-02-03T12:00:00Z', BOB, 'modify a');

  // c4: pure rename inside src: 0/0.
  mkdirSync(join(repo, 'src/sub'));
  renameSync(join(repo, 'src/a.txt'), join(repo, 'src/sub/b.txt'));
  commit('c4', '2021-02-20T00:00:00Z', ALICE2, 'rename a to sub/b');

  // c5: a binary file (0), a 2-line file without final newline (+2), an oddly named file (+2).
  write('src/blob.bin', Buffer.from([0x00, 0x01, 0x02, 0x0a, 0x62, 0x69, 0x6e, 0x0a]));
  write('src/c.txt', 'x\ny');
  write(ODD, '1\n2\n');
  commit('c5', '2021-03-05T00:00:00Z', CAROL, 'add blob, c and odd');

  // c6: README.md moves into src (+1), src/c.txt moves out (-2).
  renameSync(join(repo, 'README.md'), join(repo, 'src/README.md'));
  renameSync(join(repo, 'src/c.txt'), join(repo, 'docs/c.txt'));
  commit('c6', '2021-03-10T00:00:00Z', BOBBY, 'move files across src');

  // c7: mode-only change: a commit, 0/0.
  chmodSync(join(repo, 'src/sub/b.txt'), 0o755);
  commit('c7', '2021-03-12T00:00:00Z', DAVE, 'make b executable');

  // c8: empty commit: touches no path.
  commit('c8', '2021-03-13T00:00:00Z', DAVE, 'empty', ['--allow-empty']);

  // c9 on a side branch: +1 under src.
  git(['checkout', '-q', '-b', 'topic']);
  write('src/sub/b.txt', 'one\nTWO\nTHREE\nfour\n');
  commit('c9', '2021-03-20T00:00:00Z', ERIN, 'append four');

  // c10 on main, outside src: docs +1.
  git(['checkout', '-q', 'main']);
  write('docs/other.txt', 'o\n');
  commit('c10', '2021-03-25T00:00:00Z', ALICE, 'add other');

  // c11: the merge (April): never counted.
  git(['merge', '-q', '--no-ff', '-m', 'merge topic', 'topic'], ALICE, t('2021-04-01T00:00:00Z'));
  sha.c11 = git(['rev-parse', 'HEAD']);

  // lib: the same change on two branches; the merge is TREESAME to main, so git's default
  // history simplification would hide the side branch's commit. --full-history keeps both.
  git(['checkout', '-q', '-b', 'side2']);
  write('lib/x.txt', 'x\n');
  commit('d1', '2021-04-02T00:00:00Z', ERIN, 'add x on side2');
  git(['checkout', '-q', 'main']);
  write('lib/x.txt', 'x\n');
  commit('d2', '2021-04-03T00:00:00Z', DAVE, 'add x on main');
  git(['merge', '-q', '--no-ff', '-m', 'merge side2', 'side2'], ALICE, t('2021-04-05T00:00:00Z'));

  // c12 exactly at UNTIL: +1/-1.
  write('src/sub/b.txt', 'ONE\nTWO\nTHREE\nfour\n');
  commit('c12', '2021-05-10T00:00:00Z', CAROL_LC, 'shout one');

  // c13 one second after UNTIL: outside the window, but the newest commit (last_commit).
  write('src/late.txt', 'late\n');
  symlinkSync('sub/b.txt', join(repo, 'src/link'));
  commit('c13', '2021-05-10T00:00:01Z', FRANK, 'add late\n\nbody text');

  bare = join(root, 'bare.git');
  execFileSync('git', ['clone', '-q', '--bare', repo, bare], { env: hermeticGitEnv(), stdio: 'ignore' });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const q = (path: string, over: Partial<OracleQuery> = {}): OracleQuery => ({ repo, rev: 'HEAD', path, since: SINCE, until: UNTIL, ...over });

describe('oracle helpers', () => {
  it('counts lines as docs/signals.md says', () => {
    expect(countLines(Buffer.from(''))).toBe(0);
    expect(countLines(Buffer.from('a\nb\n'))).toBe(2);
    expect(countLines(Buffer.from('a\nb'))).toBe(2);
    expect(countLines(Buffer.from('\n\n\n'))).toBe(3);
    expect(countLines(Buffer.from('a\0b\n'))).toBe(0);
    // A NUL after the first 8000 bytes does not make the file binary.
    expect(countLines(Buffer.concat([Buffer.alloc(8000, 0x61), Buffer.from('\0\n')]))).toBe(1);
    expect(countLines(Buffer.concat([Buffer.alloc(7999, 0x61), Buffer.from('\0\n')]))).toBe(0);
  });

  it('lists months inclusively, across years', () => {
    expect(monthsBetween(t('2020-11-30T23:59:59Z'), t('2021-02-01T00:00:00Z'))).toEqual(['2020-11', '2020-12', '2021-01', '2021-02']);
    expect(monthsBetween(t('2021-04-21T00:00:00Z'), t('2021-04-21T00:00:00Z'))).toEqual(['2021-04']);
    expect(monthsBetween(t('2021-04-21T00:00:00Z'), t('2026-04-21T00:00:00Z'))).toHaveLength(61);
  });
});

describe('oracleSignals on a repository built by hand', () => {
  it('src: every figure', () => {
    expect(oracleSignals(q('src'))).toEqual({
      files: 5, // sub/b.txt, blob.bin, README.md, late.txt, odd name (not the symlink)
      lines: 8, // 4 + 0 + 1 + 1 + 2
      commits: 8, // c1 c3 c4 c5 c6 c7 c9 c12
      added: 11, // 3 + 1 + 0 + 4 + 1 + 0 + 1 + 1
      removed: 4, // 0 + 1 + 0 + 0 + 2 + 0 + 0 + 1
      authors: 6, // alice (either case), bob (incl. mailmapped bobby), Carol and carol (no e-mail), dave, erin
      active_months: 4,
      monthly: [
        { month: '2021-01', commits: 1, added: 3, removed: 0 },
        { month: '2021-02', commits: 2, added: 1, removed: 1 },
        { month: '2021-03', commits: 4, added: 6, removed: 2 },
        { month: '2021-04', commits: 0, added: 0, removed: 0 },
        { month: '2021-05', commits: 1, added: 1, removed: 1 },
      ],
      last_commit: { sha: sha.c13, date: '2021-05-10T00:00:01Z', subject: 'add late' },
    });
  });

  it('a trailing slash changes nothing', () => {
    expect(oracleSignals(q('src/'))).toEqual(oracleSignals(q('src')));
  });

  it('whole tree: renames across src are renames here', () => {
    const s = oracleSignals(q('.'));
    expect(s.files).toBe(9); // .mailmap, 5 under src, docs/c.txt, docs/other.txt, lib/x.txt
    expect(s.lines).toBe(13); // 1 + 8 + 2 + 1 + 1
    expect(s.commits).toBe(11); // src's 8 + c10 + d1 + d2
    expect(s.added).toBe(16); // c1 5, c3 2, c5 4, c9 1, c10 1, d1 1, d2 1, c12 1
    expect(s.removed).toBe(3); // c3 2, c12 1
    expect(s.authors).toBe(6);
    expect(s.monthly.map((m) => m.commits)).toEqual([1, 2, 5, 2, 1]);
    expect(s.last_commit?.sha).toBe(sha.c13);
  });

  it('docs: a file moved in counts in full', () => {
    const s = oracleSignals(q('docs'));
    expect([s.files, s.lines, s.commits, s.added, s.removed, s.authors, s.active_months]).toEqual([2, 3, 2, 3, 0, 2, 1]);
    expect(s.last_commit).toEqual({ sha: sha.c10, date: '2021-03-25T00:00:00Z', subject: 'add other' });
  });

  it('a single file: created by a rename from outside it, mode change counted', () => {
    const s = oracleSignals(q('src/sub/b.txt'));
    expect([s.files, s.lines, s.commits, s.added, s.removed, s.authors]).toEqual([1, 4, 4, 5, 1, 4]); // c4 c7 c9 c12
    expect(s.last_commit?.sha).toBe(sha.c12);
  });

  it('full history: a change made on both branches counts on both', () => {
    const s = oracleSignals(q('lib'));
    expect([s.files, s.lines, s.commits, s.added, s.removed, s.authors, s.active_months]).toEqual([1, 1, 2, 2, 0, 2, 1]);
    expect(s.last_commit?.sha).toBe(sha.d2);
  });

  it('a symlink is no file but its commit counts', () => {
    const s = oracleSignals(q('src/link', { until: UNTIL + 1 }));
    expect([s.files, s.lines, s.commits, s.added, s.removed]).toEqual([0, 0, 1, 1, 0]);
  });

  it('window bounds are inclusive, to the second', () => {
    expect(oracleSignals(q('src', { since: SINCE + 1 })).commits).toBe(7);
    expect(oracleSignals(q('src', { until: UNTIL - 1 })).commits).toBe(7);
    expect(oracleSignals(q('src', { until: UNTIL + 1 })).commits).toBe(9);
    // Before the skewed commit's date: it comes back in.
    const all = oracleSignals(q('src', { since: t('2021-01-10T00:00:00Z') }));
    expect(all.commits).toBe(9);
    expect(all.authors).toBe(7);
  });

  it('epoch 0 is read as 1970, not misparsed', () => {
    const s = oracleSignals(q('src', { since: 0, until: t('2022-01-01T00:00:00Z') }));
    expect(s.commits).toBe(10);
    expect(s.monthly[0]?.month).toBe('1970-01');
    expect(s.monthly).toHaveLength(52 * 12 + 1);
    const none = oracleSignals(q('src', { since: 0, until: 99_999_999 }));
    expect(none.commits).toBe(0);
  });

  it('an unknown path gives zeros and no last commit', () => {
    const s = oracleSignals(q('nope'));
    expect(s).toEqual({
      files: 0,
      lines: 0,
      commits: 0,
      added: 0,
      removed: 0,
      authors: 0,
      active_months: 0,
      monthly: ['2021-01', '2021-02', '2021-03', '2021-04', '2021-05'].map((month) => ({ month, commits: 0, added: 0, removed: 0 })),
      last_commit: null,
    });
  });

  it('a path is not a name prefix', () => {
    expect(oracleSignals(q('sr')).commits).toBe(0);
    expect(oracleSignals(q('src/sub/b')).files).toBe(0);
  });

  it('another revision: the tree and history are that revision\'s', () => {
    const s = oracleSignals(q('src', { rev: sha.c10! }));
    expect([s.files, s.lines, s.commits, s.added, s.removed]).toEqual([4, 6, 6, 9, 3]); // no c9 (topic), c12, c13; no late.txt
    expect(s.last_commit?.sha).toBe(sha.c7);
  });

  it('a bare clone reads HEAD:.mailmap and gives the same figures', () => {
    expect(oracleSignals(q('src', { repo: bare }))).toEqual(oracleSignals(q('src')));
  });
});
