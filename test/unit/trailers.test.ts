import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/git-env.js';
import { mapContacts } from '../../src/git/mailmap.js';
import { contactOf, keyOf, parseTrailers, TRAILER_FORMAT } from '../../src/kernel/trailers.js';
import { removeTempDirs, tempDir } from '../helpers/repos.js';

afterAll(removeTempDirs);

describe('parseTrailers', () => {
  it.each([
    ['', []],
    ['Signed-off-by: A <a@x>\n', [{ key: 'Signed-off-by', value: 'A <a@x>' }]],
    ['reviewed-BY: B  <b@y>\nFixes: 123 ("x: y")', [{ key: 'reviewed-BY', value: 'B  <b@y>' }, { key: 'Fixes', value: '123 ("x: y")' }]],
    ['no colon here\n: empty key\nK:\n', [{ key: 'K', value: '' }]],
  ])('%j', (text, want) => {
    expect(parseTrailers(Buffer.from(text, 'latin1'))).toEqual(want);
  });

  it('keeps every byte of a value', () => {
    const [t] = parseTrailers(Buffer.from([0x41, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    expect(Buffer.from(t!.value, 'latin1')).toEqual(Buffer.from([0xff, 0xfe]));
  });

  it('reads what git prints for folded, odd-case and duplicate trailers', () => {
    const dir = tempDir();
    const who = { GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@x', GIT_AUTHOR_DATE: '@1700000000 +0000', GIT_COMMITTER_DATE: '@1700000000 +0000' };
    const env = hermeticGitEnv(who);
    const run = (args: string[]): Buffer => execFileSync('git', args, { cwd: dir, env });
    run(['init', '-q']);
    writeFileSync(join(dir, 'f'), 'x\n');
    run(['add', 'f']);
    run(['commit', '-q', '-m', 'subject\n\nbody: not a trailer\n\nSigned-off-by: A <a@x>\nreviewed-BY:  B <b@y>\nFixes: 1234 ("a\n folded one")\nSigned-off-by: A <a@x>\n']);
    const got = parseTrailers(run(['log', '-1', `--format=${TRAILER_FORMAT}`]));
    expect(got.map((t) => [keyOf(t.key), t.value])).toEqual([
      ['signed-off-by', 'A <a@x>'],
      ['reviewed-by', 'B <b@y>'],
      ['fixes', '1234 ("a folded one")'],
      ['signed-off-by', 'A <a@x>'],
    ]);
  });
});

describe('contactOf', () => {
  it.each([
    ['A B <a@x.org>', { name: 'A B', email: 'a@x.org' }],
    ['"Q, R" <q@x>', { name: 'Q, R', email: 'q@x' }],
    ['stable@vger.kernel.org # v5.4+', { name: '', email: 'stable@vger.kernel.org' }],
    ['<x@y> # comment', { name: '', email: 'x@y' }],
    ['1234abcd ("subject")', null],
    ['A <>', null],
    ['A <a b@x>', null],
  ])('%s', (value, want) => {
    expect(contactOf(value)).toEqual(want);
  });
});

describe('mapContacts', () => {
  it('maps through the repository mailmap as git does, case-insensitively, keeping order and unmapped ones', async () => {
    const dir = tempDir();
    execFileSync('git', ['init', '-q'], { cwd: dir, env: hermeticGitEnv() });
    writeFileSync(join(dir, '.mailmap'), 'New Name <new@x.org> <old@x.org>\n');
    const got = await mapContacts({ cwd: dir }, [
      { name: 'Old', email: 'OLD@x.org' },
      { name: 'Other', email: 'o@y' },
      { name: 'Odd <', email: 'old@x.org' },
      { name: '', email: 'old@x.org' },
    ], ['.mailmap']);
    expect(got).toEqual([
      { name: 'New Name', email: 'new@x.org' },
      { name: 'Other', email: 'o@y' },
      { name: 'Odd <', email: 'old@x.org' },
      { name: 'New Name', email: 'new@x.org' },
    ]);
  });

  it('asks git nothing without a mailmap', async () => {
    const got = await mapContacts({ cwd: '/nonexistent' }, [{ name: 'A', email: 'a@x' }], []);
    expect(got).toEqual([{ name: 'A', email: 'a@x' }]);
  });
});
