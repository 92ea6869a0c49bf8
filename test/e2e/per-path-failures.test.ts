// One bad path never costs the others: a path whose figures cannot be computed takes its place in
// the output with its error, every other path's figures are those of its own run, and the exit
// code says that some failed. Lists are read as bounded streams, and the output's shape follows
// the request, never the data.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv, type Recipe } from '../../fixtures/build.js';
import { edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { EXIT } from '../../src/errors.js';
import type { PathFailure, PathReport, PathResult } from '../../src/types.js';
import { expectFailure, kstat, KSTAT_BIN, kstatJson, parseJson, parseNdjson } from '../helpers/cli.js';
import { figures } from '../helpers/figures.js';
import { commitLooseLine, fixtureRepo, git, looseObject, removeTempDirs, tempDir } from '../helpers/repos.js';

let edge: string;
beforeAll(() => {
  edge = fixtureRepo(edgeCases);
});
afterAll(removeTempDirs);

const json = <T = PathResult[]>(stdout: string): T => parseJson<T>(stdout);

/** An error without git's own words, which depend on the reader that met the object first. */
const gist = (message: string): string => message.replace(/ \(.*\): /, ': ');

/** What a path's own run says: its figures, or its error. */
function alone(repo: string, path: string): unknown {
  const r = kstat(['--json', '-C', repo, '--', path], { cwd: repo });
  if (r.code === 0) return figures(json<PathReport>(r.stdout));
  return gist(r.stderr.replace(/^kstat: /, '').trimEnd());
}

/** A run's entries as each path's own run would give them. */
const shaped = (results: PathResult[]): unknown[] => results.map((r) => ('error' in r ? gist(r.error.message) : figures(r)));

describe('a damaged repository', () => {
  /** The edge fixture with one more commit, whose blob (under drivers/edge/ren) is corrupt. */
  function damaged(): { repo: string; blob: string } {
    const repo = join(tempDir('kstat-damaged-'), 'repo');
    execFileSync('git', ['clone', '-q', edge, repo], { env: hermeticGitEnv(), stdio: 'pipe' });
    const blob = commitLooseLine(repo);
    const file = looseObject(repo, blob);
    chmodSync(file, 0o644);
    writeFileSync(file, 'not a zlib stream');
    return { repo, blob };
  }

  it('--each: only the directory whose history needs the object fails; every other one equals its own run', () => {
    const { repo, blob } = damaged();
    const r = kstat(['--json', '--each', 'drivers/edge'], { cwd: repo });
    expect(r.code).toBe(EXIT.somePathsFailed);
    const results = json(r.stdout);
    expect(results.length).toBeGreaterThan(5);
    const failed = results.filter((x): x is PathFailure => 'error' in x);
    expect(failed.map((f) => [f.path, f.error.code])).toEqual([['drivers/edge/ren', 'damaged']]);
    expect(failed[0]!.error.message).toMatch(new RegExp(`^damaged repository: object ${blob} cannot be read \\(.+\\): run git fsck`));
    expect(shaped(results)).toEqual(results.map((x) => alone(repo, x.path)));
    // Positional paths and NDJSON: the same entries, in the order asked.
    const nd = kstat(['--ndjson', 'drivers/outside', 'drivers/edge/ren', 'drivers/edge/moved'], { cwd: repo });
    expect(nd.code).toBe(EXIT.somePathsFailed);
    const lines = parseNdjson(nd.stdout);
    expect(lines.map((x) => x.path)).toEqual(['drivers/outside', 'drivers/edge/ren', 'drivers/edge/moved']);
    expect(shaped(lines)).toEqual(lines.map((x) => alone(repo, x.path)));
    // Asked alone, the path's failure is the run's, with its own exit code.
    expectFailure(kstat(['drivers/edge/ren'], { cwd: repo }), EXIT.damaged, new RegExp(`damaged repository: object ${blob}`));
  });
});

describe('a partial clone filtered by size', () => {
  const who = { name: 'A', email: 'a@example.org' };
  const big = 'x'.repeat(80) + '\n';
  const recipe: Recipe = {
    name: 'sized',
    description: 'small files in a/ and c/, one large file in big/',
    head: 'main',
    commits: [
      { branch: 'main', author: who, authorDate: '2025-01-01T00:00:00Z', message: 'start', ops: [{ op: 'write', path: 'a/one.c', content: 'one\n' }, { op: 'write', path: 'c/two.c', content: 'two\n' }] },
      { branch: 'main', author: who, authorDate: '2025-02-01T00:00:00Z', message: 'big', ops: [{ op: 'write', path: 'big/data.c', content: big.repeat(40) }] },
      { branch: 'main', author: who, authorDate: '2025-03-01T00:00:00Z', message: 'more', ops: [{ op: 'write', path: 'a/one.c', content: 'one\nmore\n' }, { op: 'write', path: 'big/data.c', content: big.repeat(41) }] },
      { branch: 'main', author: who, authorDate: '2025-04-01T00:00:00Z', message: 'c', ops: [{ op: 'write', path: 'c/two.c', content: 'two\nthree\n' }] },
    ],
  };

  it('--each .: only big/ fails, naming the object; a/ and c/ equal the full clone', () => {
    const source = fixtureRepo(recipe);
    git(source, ['config', 'uploadpack.allowFilter', 'true']);
    const clone = join(tempDir('kstat-sized-'), 'clone.git');
    execFileSync('git', ['clone', '-q', '--bare', '--filter=blob:limit=1k', `file://${source}`, clone], { env: hermeticGitEnv(), stdio: 'pipe' });
    const r = kstat(['--json', '--each', '.'], { cwd: clone });
    expect(r.code).toBe(EXIT.somePathsFailed);
    const results = json(r.stdout);
    expect(results.map((x) => ('error' in x ? [x.path, x.error.code] : x.path))).toEqual(['a', ['big', 'partial-clone'], 'c']);
    const full = json(kstat(['--json', '--each', '.'], { cwd: source }).stdout);
    expect([0, 2].map((i) => figures(results[i] as PathReport))).toEqual([0, 2].map((i) => figures(full[i] as PathReport)));
  });
});

describe('lists keep going', () => {
  it('a line that never existed, one with blanks, one that leaves the repository: each its own error, in its place', () => {
    const list = join(tempDir(), 'dirs.txt');
    writeFileSync(list, ['drivers/edge/ren', 'drivers/nope', ' drivers/outside', '\uFEFFdrivers/edge/moved', '../x', 'drivers/edge/moved', ''].join('\n'));
    const r = kstat(['--json', '--paths-from', list], { cwd: edge });
    expect(r.code).toBe(EXIT.somePathsFailed);
    const results = json(r.stdout);
    const codes = results.map((x) => ('error' in x ? x.error.code : 'ok'));
    expect(results.map((x) => x.path)).toEqual(['drivers/edge/ren', 'drivers/nope', ' drivers/outside', '\uFEFFdrivers/edge/moved', '../x', 'drivers/edge/moved']);
    expect(codes).toEqual(['ok', 'not-found', 'not-found', 'not-found', 'usage', 'ok']);
    const messages = results.map((x) => ('error' in x ? x.error.message : ''));
    expect(messages[1]).toMatch(/path not found: "drivers\/nope" .*\(did you mean "drivers\/edge"\?\)|path not found: "drivers\/nope"/);
    expect(messages[2]).toMatch(/it has a leading blank: remove it from the list/);
    expect(messages[3]).toMatch(/it has a byte-order mark: remove it from the list/);
    expect(messages[4]).toMatch(/"..\/x" leaves the repository/);
    expect(figures(results[0] as PathReport)).toEqual(figures(kstatJson(['drivers/edge/ren'], { cwd: edge })));
  });

  it('a path named on the command line that never existed still fails the run at once', () => {
    expectFailure(kstat(['drivers/edge/ren', 'drivers/nope'], { cwd: edge }), EXIT.usage, /path not found: "drivers\/nope"/);
  });

  it('exit 0 only when every path succeeded', () => {
    const list = join(tempDir(), 'ok.txt');
    writeFileSync(list, 'drivers/edge/ren\ndrivers/outside\n');
    expect(kstat(['--json', '--paths-from', list], { cwd: edge }).code).toBe(0);
  });
});

describe('--paths-from is read as a bounded stream', () => {
  it('an endless line (/dev/zero) is refused at once, not read into memory', () => {
    const r = kstat(['--paths-from', '/dev/zero'], { cwd: edge });
    expectFailure(r, EXIT.usage, /^kstat: --paths-from "\/dev\/zero": line 1 is longer than 4,096 bytes, so it is no path/);
  });

  it('more paths than a run takes is refused with the fix', () => {
    const list = join(tempDir(), 'huge.txt');
    writeFileSync(list, Array.from({ length: 100_001 }, (_, i) => `d${i}`).join('\n'));
    expectFailure(kstat(['--paths-from', list], { cwd: edge }), EXIT.usage, /names more than 100,000 paths: split the list/);
  });

  it.each([
    ['SIGINT', EXIT.interrupted],
    ['SIGTERM', EXIT.terminated],
  ] as const)('a FIFO without a writer: %s stops kstat at once (exit %i)', async (signal, code) => {
    const fifo = join(tempDir(), 'fifo');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [KSTAT_BIN, '--paths-from', fifo], { cwd: edge, env: hermeticGitEnv({ NO_COLOR: '1' }) });
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise((r) => setTimeout(r, 500));
    const sent = Date.now();
    child.kill(signal);
    expect(await done).toBe(code);
    expect(Date.now() - sent).toBeLessThan(3_000);
  });
});

describe('the shape follows the request', () => {
  it('--each finding one directory, a one-line list and a path named twice give arrays; one path an object', () => {
    const each = kstat(['--json', '--each', 'drivers/edge/-dash'], { cwd: edge });
    expect(json(each.stdout).map((x) => x.path)).toEqual(['drivers/edge/-dash/-p']);
    const list = join(tempDir(), 'one.txt');
    writeFileSync(list, 'drivers/outside\n');
    expect(json(kstat(['--json', '--paths-from', list], { cwd: edge }).stdout).map((x) => x.path)).toEqual(['drivers/outside']);
    expect(json(kstat(['--json', 'drivers/outside', 'drivers/outside/'], { cwd: edge }).stdout).map((x) => x.path)).toEqual(['drivers/outside']);
    expect(Array.isArray(json(kstat(['--json', 'drivers/outside'], { cwd: edge }).stdout))).toBe(false);
  });
});

describe('paths are read as git reads pathspecs', () => {
  it('relative to the current directory in a work tree, :/ from the top, absolute inside it; named from the top', () => {
    const top = (path: string) => kstatJson([path], { cwd: edge });
    const sub = join(edge, 'drivers/edge');
    const from = (path: string, cwd = sub) => kstatJson([path], { cwd });
    for (const [typed, named] of [
      ['ren', 'drivers/edge/ren'],
      ['.', 'drivers/edge'],
      ['./ren/', 'drivers/edge/ren'],
      ['../outside', 'drivers/outside'],
      [':/drivers/outside', 'drivers/outside'],
      [':/', '.'],
      [join(edge, 'drivers/edge/moved'), 'drivers/edge/moved'],
    ] as const) {
      const r = from(typed);
      expect([typed, r.path, figures(r)]).toEqual([typed, named, figures(top(named))]);
    }
    // git itself reads `ren` there as drivers/edge/ren.
    expect(git(sub, ['log', '-1', '--format=%H', '--full-history', '--no-merges', 'HEAD', '--', 'ren']).trim()).toBe(from('ren').last_commit?.sha);
    // -C names the directory paths are relative to, as git -C does.
    expect(kstatJson(['-C', sub, 'ren'], { cwd: '/' }).path).toBe('drivers/edge/ren');
    // --each and --paths-from lines too.
    const each = kstat(['--json', '--each', '.'], { cwd: sub });
    expect(each.stdout).toBe(kstat(['--json', '--each', 'drivers/edge'], { cwd: edge }).stdout);
    const list = join(tempDir(), 'rel.txt');
    writeFileSync(list, 'ren\n../outside\n');
    expect(json(kstat(['--json', '--paths-from', list], { cwd: sub }).stdout).map((x) => x.path)).toEqual(['drivers/edge/ren', 'drivers/outside']);
  });

  it('a directory deleted long ago at the top is not found from a subdirectory that never had it', () => {
    // drivers/edge/gone exists in history only; from drivers/ "gone" is drivers/gone, which never existed.
    const r = kstat(['gone'], { cwd: join(edge, 'drivers') });
    expectFailure(r, EXIT.usage, /path not found: "drivers\/gone" .*; paths are relative to the current directory, "drivers", and :\/ starts one at the top\)$/m);
  });

  it('a bare repository reads paths from the top; leaving the repository is refused', () => {
    const bare = join(tempDir(), 'bare.git');
    git(edge, ['clone', '-q', '--bare', edge, bare]);
    expect(kstatJson(['drivers/edge/ren'], { cwd: bare }).path).toBe('drivers/edge/ren');
    expectFailure(kstat(['../../x'], { cwd: join(edge, 'drivers') }), EXIT.usage, /"..\/..\/x" leaves the repository/);
  });
});
