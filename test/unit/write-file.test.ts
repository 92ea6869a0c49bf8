// Atomic writes (--svg): the document lands whole under its name or not at all; every failure
// removes the temporary file and says which file and what to do.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs, temporaryPath, writeOutput, type WriteFs } from '../../src/commands/write-file.js';
import type { Io } from '../../src/commands/io.js';
import { EXIT, FileWriteError } from '../../src/errors.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kstat-write-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

/** An Io whose interrupt hooks the test can fire, as cli.ts does on SIGINT. */
function fakeIo(): Io & { written: string[]; interrupt: () => void; hooks: Set<() => void> } {
  const hooks = new Set<() => void>();
  const written: string[] = [];
  return {
    out: (t) => void written.push(t),
    err: () => {},
    stdout: {},
    stderr: {},
    stdin: process.stdin,
    env: {},
    cwd: dir,
    onInterrupt(w) {
      hooks.add(w);
      return () => void hooks.delete(w);
    },
    written,
    hooks,
    interrupt: () => hooks.forEach((w) => w()),
  };
}

const errorOf = async (p: Promise<unknown>): Promise<FileWriteError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof FileWriteError) return e;
    throw e;
  }
  throw new Error('no error');
};

/** A WriteFs whose create writes half the data for real, then fails as a full disk does. */
const fullDisk: WriteFs = {
  ...nodeFs,
  async create(path, data) {
    await nodeFs.create(path, data.slice(0, data.length / 2));
    throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
  },
};

describe('writeOutput', () => {
  it('writes the file, relative to the working directory, and replaces an old one; no temporary file stays', async () => {
    const io = fakeIo();
    await writeOutput('chart.svg', 'one', io);
    await writeOutput('chart.svg', 'two', io);
    expect(readFileSync(join(dir, 'chart.svg'), 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['chart.svg']);
    expect(io.written).toEqual([]);
    expect(io.hooks.size).toBe(0);
  });

  it('sends - to stdout', async () => {
    const io = fakeIo();
    await writeOutput('-', '<svg/>', io);
    expect(io.written).toEqual(['<svg/>']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('puts the temporary file beside the target, hidden, under a unique name', () => {
    const a = temporaryPath('/x/y/chart.svg');
    expect(a).toMatch(/^\/x\/y\/\.chart\.svg\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect(temporaryPath('/x/y/chart.svg')).not.toBe(a);
  });

  it('fails on a directory that does not exist, naming the file and the fix', async () => {
    const e = await errorOf(writeOutput('missing/chart.svg', 'x', fakeIo()));
    expect(e.exitCode).toBe(EXIT.output);
    expect(e.message).toBe('cannot write missing/chart.svg: its directory does not exist: create it, or name a file in a directory that does');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails when a part of the directory is a file', async () => {
    writeFileSync(join(dir, 'plain'), 'x');
    const e = await errorOf(writeOutput('plain/chart.svg', 'x', fakeIo()));
    expect(e.message).toMatch(/^cannot write plain\/chart\.svg: a part of its directory is not a directory/);
  });

  it('fails on a target that is a directory, and leaves nothing beside it', async () => {
    mkdirSync(join(dir, 'chart.svg'));
    const e = await errorOf(writeOutput('chart.svg', 'x', fakeIo()));
    expect(e.message).toMatch(/^cannot write chart\.svg: /);
    expect(readdirSync(dir)).toEqual(['chart.svg']);
  });

  // A read-only directory: tests run as root here, which writes anywhere, so EACCES is injected below.
  it.each([
    ['EACCES', 'permission denied: name a file in a directory you can write to'],
    ['EROFS', 'the file system is read-only: name a file on a writable one'],
    ['EIO', 'EIO (check the disk and the directory)'],
  ])('fails on %s from the system with its fix, and removes the temporary file', async (code, words) => {
    const failing: WriteFs = {
      ...nodeFs,
      async create(path, data) {
        await nodeFs.create(path, data);
        throw Object.assign(new Error(code), { code });
      },
    };
    const e = await errorOf(writeOutput('chart.svg', 'x', fakeIo(), failing));
    expect(e.message).toBe(`cannot write chart.svg: ${words}`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves the old file whole when the disk fills mid-write', async () => {
    const io = fakeIo();
    await writeOutput('chart.svg', 'the old chart', io);
    const e = await errorOf(writeOutput('chart.svg', 'a new chart, longer', io, fullDisk));
    expect(e.message).toBe('cannot write chart.svg: the disk is full: free some space, or write to another disk');
    expect(readFileSync(join(dir, 'chart.svg'), 'utf8')).toBe('the old chart');
    expect(readdirSync(dir)).toEqual(['chart.svg']);
  });

  it('removes the temporary file when a failed rename leaves it', async () => {
    const failing: WriteFs = { ...nodeFs, rename: async () => Promise.reject(Object.assign(new Error('x'), { code: 'EXDEV' })) };
    const e = await errorOf(writeOutput('chart.svg', 'x', fakeIo(), failing));
    expect(e.message).toBe('cannot write chart.svg: EXDEV (check the disk and the directory)');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('on Ctrl-C mid-write, the interrupt hook removes the temporary file', async () => {
    const io = fakeIo();
    let seen: string[] = [];
    const interrupted: WriteFs = {
      ...nodeFs,
      async create(path, data) {
        await nodeFs.create(path, data.slice(0, 3));
        seen = readdirSync(dir);
        // What cli.ts's SIGINT handler does before it exits.
        io.interrupt();
        throw Object.assign(new Error('interrupted'), { code: 'EINTR' });
      },
    };
    await errorOf(writeOutput('chart.svg', 'abcdef', io, interrupted));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^\.chart\.svg\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
