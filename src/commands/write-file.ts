// Files kstat writes (--svg): written whole or not at all. The document goes to a temporary file
// beside the target, is flushed, and is renamed over the target, so a full disk, a failed write
// or Ctrl-C leaves the old file (or none), never half of a new one (docs/failure-modes.md).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FileWriteError } from '../errors.js';
import type { Io } from './io.js';

/** The file system calls a write makes; tests replace them to fail at any step. */
export interface WriteFs {
  /** Creates `path` (it must not exist) and writes `data` to it, flushed to the disk. */
  create: (path: string, data: string) => Promise<void>;
  rename: (from: string, to: string) => Promise<void>;
  /** Removes `path` if it is there; synchronous, so that a signal handler can call it. */
  remove: (path: string) => void;
}

export const nodeFs: WriteFs = {
  async create(path, data) {
    const handle = await open(path, 'wx', 0o666);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename,
  remove(path) {
    try {
      rmSync(path, { force: true });
    } catch {
      // Nothing more can be done; the error that matters is the write's.
    }
  },
};

/** The temporary file for `target`: in its directory (a rename never crosses a file system), hidden, unique. */
export function temporaryPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes `data` to `target` (relative to `io.cwd`), or to stdout for `-`. On any failure the
 * temporary file is removed and a FileWriteError names the file and the fix.
 */
export async function writeOutput(target: string, data: string, io: Io, fs: WriteFs = nodeFs): Promise<void> {
  if (target === '-') {
    io.out(data);
    return;
  }
  const path = resolve(io.cwd, target);
  const temp = temporaryPath(path);
  // Ctrl-C mid-write: cli.ts runs this before it exits.
  const stop = io.onInterrupt(() => fs.remove(temp));
  try {
    await fs.create(temp, data);
    await fs.rename(temp, path);
  } catch (e) {
    fs.remove(temp);
    throw new FileWriteError(target, (e as NodeJS.ErrnoException).code ?? String(e));
  } finally {
    stop();
  }
}
