// kstat as a process among others: signals stop every git child, a closed pipe is a quiet
// stop, runs at once on one repository agree, and git itself missing or too old is exit 5.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGitEnv } from '../../fixtures/build.js';
import { edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { kernel } from '../../fixtures/recipes/kernel.js';
import { analyze } from '../../src/analyze/index.js';
import { EXIT } from '../../src/errors.js';
import { isFailure } from '../../src/types.js';
import { expectFailure, KSTAT_BIN, kstat } from '../helpers/cli.js';
import { fixtureRepo, removeTempDirs, tempDir } from '../helpers/repos.js';

let repo: string;
beforeAll(() => {
  repo = fixtureRepo(edgeCases);
});
afterAll(removeTempDirs);

const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

/** A directory with a `git` that runs `body` (sh) before, or instead of, the real git. */
function fakeGit(body: string): string {
  const dir = tempDir('kstat-fake-git-');
  const script = join(dir, 'git');
  writeFileSync(script, `#!/bin/sh\n${body}\nexec ${REAL_GIT} "$@"\n`);
  chmodSync(script, 0o755);
  return dir;
}

/** Runs kstat without waiting, with the given PATH in front. */
function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [KSTAT_BIN, ...args], { cwd: repo, env: hermeticGitEnv({ NO_COLOR: '1', ...env }) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

/** Running, or stopped but not yet reaped by its parent: a zombie has finished, so it does not count. */
const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('signals stop every git child', () => {
  // The windowed walk (the only git log with --numstat) hangs, as a long walk would.
  const pidsOf = (file: string): number[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : []);
  const hangingWalk = (file: string) => fakeGit(`case " $* " in *" --numstat "*) echo $$ >> '${file}'; exec sleep 60;; esac`);

  it.each([
    ['SIGINT', EXIT.interrupted],
    ['SIGTERM', EXIT.terminated],
  ] as const)('%s during the walk: exit %i, no git left running', async (signal, code) => {
    const pids = join(tempDir(), 'pids');
    const bin = hangingWalk(pids);
    const run = start(['--json', '--each', 'drivers'], { PATH: `${bin}:${process.env.PATH}` });
    await until(() => pidsOf(pids).length > 0);
    run.child.kill(signal);
    const r = await run.done;
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    await until(() => pidsOf(pids).every((pid) => !alive(pid)), 5_000);
  });
});

describe('a failed reader stops its batch', () => {
  it('the library\'s other git processes of the batch are stopped, not left to finish', async () => {
    const pids = join(tempDir(), 'pids');
    // Every windowed walk hangs; a second later the last-commit walk fails.
    const bin = fakeGit(`case " $* " in *" --numstat "*) echo $$ >> '${pids}'; exec sleep 60;; *" --no-renames "*) sleep 1; echo 'fatal: last-commit walk failed' >&2; exit 128;; esac`);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      // The batch is split and each path walked again alone, which fails the same way: each path's own error.
      const results = await analyze({ repo, rev: 'HEAD', paths: ['drivers', 'fs'], jobs: 2, sliceFiles: 1, strategy: 'shared' });
      expect(results.map((r) => (isFailure(r) ? [r.path, r.error.code, r.error.message] : r.path))).toEqual(
        ['drivers', 'fs'].map((p) => [p, 'git-failed', 'git log failed: last-commit walk failed']),
      );
    } finally {
      process.env.PATH = path;
    }
    const walks = readFileSync(pids, 'utf8').split('\n').filter(Boolean).map(Number);
    expect(walks.length).toBeGreaterThan(0);
    await until(() => walks.every((pid) => !alive(pid)), 5_000);
  });
});

describe('pipes and neighbours', () => {
  it('a reader that has gone away (| head, closed early): nothing on stderr, exit 0', () => {
    const err = join(tempDir(), 'stderr');
    const out = execFileSync('bash', ['-c', `set -o pipefail; '${process.execPath}' '${KSTAT_BIN}' --ndjson --each drivers/edge --each drivers 2>'${err}' | (exec <&-; sleep 1) ; echo "rc=$?"`], {
      cwd: repo,
      env: hermeticGitEnv({ NO_COLOR: '1' }),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toBe('rc=0\n');
    expect(readFileSync(err, 'utf8')).toBe('');
  });

  it('two runs at once, and one beside kstat prepare, all succeed with the same figures', async () => {
    const args = ['--json', '--each', 'drivers/edge', '.'];
    const alone = kstat(args, { cwd: repo });
    expect(alone.code).toBe(0);
    const runs = [start(args), start(args), start(['prepare']), start(args)];
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) expect(r.code).toBe(0);
    for (const i of [0, 1, 3]) expect(results[i]!.stdout).toBe(alone.stdout);
  });
});

describe('priority', () => {
  /** Beside the walk: the tags, the maintainers' liveness and its files, the tree, the sweeps. */
  const BESIDE = [/ rev-list /, / log .*trailers/, / check-mailmap /, / diff-tree --stdin /, / ls-tree -r /];
  const isWalk = (args: string): boolean => / log .*--numstat .*--since-as-filter/.test(args);

  /** The nice value of each git that walks or runs beside the walk, with its arguments, as it ran. */
  const nices = (args: string[], cwd: string): Array<{ nice: number; args: string }> => {
    const log = join(tempDir(), 'nice.log');
    // kstat renices a git just after it starts: it waits up to 0.3 s for that before it says how nice it is.
    const bin = fakeGit(
      `case " $* " in *" log "*|*" rev-list "*|*" check-mailmap "*|*" diff-tree "*|*" ls-tree "*) n=0; while [ "$(cut -d' ' -f19 /proc/$$/stat)" = "${getPriority()}" ] && [ $n -lt 30 ]; do sleep 0.01; n=$((n+1)); done; echo "$(cut -d' ' -f19 /proc/$$/stat) $*" >> '${log}';; esac`,
    );
    const r = kstat(args, { cwd, env: { PATH: `${bin}:${process.env.PATH}` } });
    expect(r.code, r.stderr).toBe(0);
    return readFileSync(log, 'utf8').trimEnd().split('\n').map((line) => ({ nice: Number(line.slice(0, line.indexOf(' '))), args: line.slice(line.indexOf(' ') + 1) }));
  };

  it("without Bloom filters the walk keeps kstat's priority and the gits beside it step back; with them none does", () => {
    const kernelRepo = fixtureRepo(kernel);
    const base = getPriority();
    const run = ['--json', '--each', 'drivers'];
    const plain = nices(run, kernelRepo);
    expect(plain.filter((g) => isWalk(g.args)).length).toBeGreaterThan(0);
    for (const g of plain.filter((g) => isWalk(g.args))) expect(g.nice, g.args).toBe(base);
    for (const what of BESIDE) {
      const beside = plain.filter((g) => what.test(g.args) && !isWalk(g.args));
      expect(beside.length, String(what)).toBeGreaterThan(0);
      for (const g of beside) expect(g.nice, g.args).toBe(Math.min(19, base + 10));
    }
    expect(kstat(['prepare'], { cwd: kernelRepo }).code).toBe(0);
    for (const g of nices(run, kernelRepo)) expect(g.nice, g.args).toBe(base);
  });
});

describe('git itself', () => {
  it('missing from PATH: exit 5, one line', () => {
    const r = kstat(['drivers'], { cwd: repo, env: { PATH: tempDir() } });
    expectFailure(r, EXIT.gitMissing, 'kstat: git not found: install git 2.37 or newer and make sure it is on PATH\n');
  });

  it.each(['git version 2.36.4', 'git version 1.9.1', 'something else'])('answering %j: exit 5, one line', (version) => {
    const bin = fakeGit(`case " $* " in *" --version "*) echo '${version}'; exit 0;; esac`);
    const r = kstat(['drivers'], { cwd: repo, env: { PATH: `${bin}:${process.env.PATH}` } });
    expectFailure(r, EXIT.gitMissing, /^kstat: .*(too old: kstat needs git 2\.37 or newer|cannot read git's version).*\n$/);
  });

  it('git 2.37, the oldest it needs, is enough', () => {
    const bin = fakeGit(`case " $* " in *" --version "*) echo 'git version 2.37.0'; exit 0;; esac`);
    expect(kstat(['drivers'], { cwd: repo, env: { PATH: `${bin}:${process.env.PATH}` } }).code).toBe(0);
  });
});

describe('the progress line and signals', () => {
  it('Ctrl-C during a walk wipes the progress line from the terminal', async () => {
    const who = { name: 'P', email: 'p@example.org' };
    const long = fixtureRepo({
      name: 'long',
      description: 'enough commits for the progress line to be drawn',
      head: 'main',
      commits: Array.from({ length: 600 }, (_, i) => ({
        branch: 'main',
        author: who,
        authorDate: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString().replace(/\.000Z$/, 'Z'),
        message: `change ${i}`,
        ops: [{ op: 'write' as const, path: `d/f${i % 7}.c`, content: `${i}\n` }],
      })),
    });
    const pid = join(tempDir(), 'pid');
    // The windowed walk prints every commit, then hangs, as a long walk would.
    const bin = fakeGit(`case " $* " in *" --numstat "*) ${REAL_GIT} "$@"; echo $PPID > '${pid}'; exec sleep 60;; esac`);
    const cmd = [process.execPath, KSTAT_BIN, '--json', 'd'].map((a) => `'${a}'`).join(' ');
    const term = spawn('script', ['-qec', `${cmd} >/dev/null`, '/dev/null'], {
      cwd: long,
      env: hermeticGitEnv({ KSTAT_PROGRESS_DELAY_MS: '0', NO_COLOR: '1', PATH: `${bin}:${process.env.PATH}` }),
    });
    let screen = '';
    term.stdout.on('data', (c: Buffer) => (screen += c.toString('utf8')));
    const done = new Promise((resolve) => term.on('close', resolve));
    await until(() => existsSync(pid) && readFileSync(pid, 'utf8').trim() !== '' && /commits · /.test(screen));
    process.kill(Number(readFileSync(pid, 'utf8')), 'SIGINT');
    await done;
    const last = screen.lastIndexOf('commits · ');
    expect(last).toBeGreaterThan(0);
    // After the last progress text: the line is cleared, and nothing else is left on it.
    expect(screen.slice(last)).toMatch(/\r\u001b\[K\s*$/);
  });
});
