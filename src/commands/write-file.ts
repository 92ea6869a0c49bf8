// Writing a document (--html) so that a reader never sees half of it: a temporary file beside the
// target, then a rename. A full disk, a failed write or a stop before the rename leaves the target
// as it was and no temporary file behind.
// TODO(merge with h6): h6 writes the shared atomic-write module for --svg; keep one of the two.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KstatError, EXIT } from '../errors.js';

/** Temporary files still to remove if the process is stopped mid-write (removeTemporaries). */
const pending = new Set<string>();

/** Writes `text` to `target` atomically; `-` sends it to `out` (stdout) instead. */
export async function writeDocument(target: string, text: string, out: (text: string) => void, flag: string): Promise<void> {
  if (target === '-') {
    out(text);
    return;
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(temp);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    const why = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    throw new KstatError(`${flag} ${target}: cannot write it (${why}); check the directory exists, is writable and has space`, EXIT.output);
  } finally {
    pending.delete(temp);
  }
}

/** Removes what a stopped write left (synchronously: cli.ts calls it while a signal stops the process). */
export function removeTemporaries(): void {
  for (const temp of pending) rmSync(temp, { force: true });
  pending.clear();
}
