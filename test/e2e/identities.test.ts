// Who wrote what, when the data is odd: a malformed or missing .mailmap counts authors exactly
// as git maps them, and bytes that are not UTF-8 still give valid UTF-8 JSON.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv, type CommitSpec, type Recipe } from '../../fixtures/build.js';
import { KSTAT_BIN, parseJson } from '../helpers/cli.js';
import { figures } from '../helpers/figures.js';
import { oracleSignals } from '../helpers/oracle.js';
import { fixtureRepo, removeTempDirs } from '../helpers/repos.js';
import type { PathReport } from '../../src/types.js';

afterAll(removeTempDirs);

const SINCE = Date.parse('2021-04-21T00:00:00Z') / 1000;
const UNTIL = Date.parse('2026-04-21T00:00:00Z') / 1000;
const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

function commit(day: number, author: CommitSpec['author'], message: string, path: string, content: string | Buffer = `${day}\n`): CommitSpec {
  const date = new Date(Date.UTC(2024, 0, day)).toISOString().replace('.000', '');
  return { branch: 'main', author, authorDate: date, committerDate: date, message, ops: [{ op: 'write', path, content }] };
}

function people(mailmap: Buffer | null): Recipe {
  const commits: CommitSpec[] = [
    commit(1, { name: 'Ann', email: 'ann@example.org' }, 'one', 'd/a.c'),
    commit(2, { name: 'Ann A.', email: 'ANN@example.org' }, 'two', 'd/a.c'),
    commit(3, { name: 'Ann', email: 'ann@old.example.org' }, 'three', 'd/b.c'),
    commit(4, { name: latin1('Jürgen'), email: latin1('jürgen@example.org') }, 'four', 'd/c.c'),
    commit(5, { name: 'nobody', email: '' }, 'five', 'd/c.c'),
    // A Latin-1 subject without an encoding header: raw bytes that are not UTF-8.
    { ...commit(6, { name: 'Bob', email: 'bob@example.org' }, '', 'd/d.c'), message: latin1('caf\u00e9 au lait, 100\u00b0') },
  ];
  if (mailmap) commits.push(commit(7, { name: 'Keeper', email: 'k@example.org' }, 'mailmap', '.mailmap', mailmap));
  return { name: 'people', description: 'odd identities and mailmaps', head: 'main', commits };
}

/** kstat's stdout as bytes: what a pipeline reads. */
function run(repo: string, args: string[]): Buffer {
  const r = spawnSync(process.execPath, [KSTAT_BIN, '--json', ...args], { cwd: repo, env: hermeticGitEnv({ NO_COLOR: '1' }) });
  expect(r.stderr.toString()).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const MALFORMED = Buffer.concat([
  Buffer.from('# a comment\n'),
  Buffer.from('Ann <ann@example.org> <ann@old.example.org>\r\n'), // valid, with CRLF
  Buffer.from('<unclosed@example.org\n'),
  Buffer.from('>< backwards\n'),
  Buffer.from('no addresses at all\n'),
  Buffer.from(`${'x'.repeat(5000)} <long@example.org>\n`),
  Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0a]), // binary junk, with a NUL
  Buffer.from('Bob <bob@example.org'), // last line, no newline, unclosed
]);

describe('identities', () => {
  it.each([
    ['no .mailmap', null],
    ['a malformed .mailmap', MALFORMED],
    ['an empty .mailmap', Buffer.alloc(0)],
  ])('%s: authors as git maps them', (_, mailmap) => {
    const repo = fixtureRepo(people(mailmap));
    for (const path of ['d', '.']) {
      const report = parseJson<PathReport>(run(repo, ['--since', '2021-04-21', '--until', '2026-04-21', path]).toString('utf8'));
      expect(figures(report)).toEqual(oracleSignals({ repo, rev: 'HEAD', path, since: SINCE, until: UNTIL }));
    }
  });

  it('e-mails differing only in case are one author; a malformed .mailmap still applies its valid line', () => {
    const count = (mailmap: Buffer | null): number => {
      const repo = fixtureRepo(people(mailmap));
      return parseJson<PathReport>(run(repo, ['--since', '2021-04-21', '--until', '2026-04-21', 'd']).toString('utf8')).authors;
    };
    // ann@ and ANN@ are one; ann@old is another; Jürgen; the empty e-mail; Bob.
    expect(count(null)).toBe(5);
    // The malformed file's one valid line joins ann@old to ann@.
    expect(count(MALFORMED)).toBe(4);
  });

  it('JSON is valid UTF-8 whatever bytes the names and subjects hold', () => {
    const repo = fixtureRepo(people(MALFORMED));
    const out = run(repo, ['--since', '2021-04-21', '--until', '2026-04-21', 'd/d.c']);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(out);
    const report = parseJson<PathReport>(text);
    // The Latin-1 bytes é and ° are not UTF-8: each reads as U+FFFD, the rest stays.
    expect(report.last_commit?.subject).toBe('caf\ufffd au lait, 100\ufffd');
  });
});
