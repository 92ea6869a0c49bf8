// --paths-from: a list of paths, read as a bounded stream.
import { constants, createReadStream, fstatSync, openSync } from 'node:fs';
import { Socket } from 'node:net';
import { KstatError, UsageError } from '../errors.js';
import { parsePathList } from '../options.js';
import { grouped } from '../text/format.js';

/** A list's line longer than any path a file system takes is not a path: the input is something else. */
const MAX_LIST_LINE = 4096;
/** More paths than this in one run is a mistake, or a run to split (kstat's memory grows with the paths). */
export const MAX_LIST_PATHS = 100_000;

/** A list's bytes. A FIFO is read through the event loop: opening one blocks until a writer comes, and a wait in node's thread pool would outlast Ctrl-C. */
function listStream(file: string, stdin: NodeJS.ReadableStream): NodeJS.ReadableStream {
  if (file === '-') return stdin;
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  if (fstatSync(fd).isFIFO()) return new Socket({ fd, readable: true, writable: false });
  return createReadStream('', { fd });
}

/**
 * The paths in a --paths-from list (one per line, `-` for standard input; parsePathList's rules),
 * read as a stream: a pipe that never ends or a FIFO without a writer leaves kstat answering
 * Ctrl-C, and a line or list without bound is refused before it fills memory.
 */
export async function readPathsFrom(file: string, stdin: NodeJS.ReadableStream): Promise<string[]> {
  const what = `--paths-from ${JSON.stringify(file)}`;
  const paths: string[] = [];
  let line = 0;
  const take = (bytes: Buffer): void => {
    line++;
    paths.push(...parsePathList(bytes.toString('utf8')));
    if (paths.length > MAX_LIST_PATHS) {
      throw new UsageError(`${what} names more than ${grouped(MAX_LIST_PATHS)} paths: split the list and run kstat once per part`);
    }
  };
  let rest = Buffer.alloc(0);
  try {
    for await (const chunk of listStream(file, stdin)) {
      const buf = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
      let start = 0;
      for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, start)) {
        take(buf.subarray(start, nl));
        start = nl + 1;
      }
      rest = Buffer.from(buf.subarray(start));
      if (rest.length > MAX_LIST_LINE) {
        throw new UsageError(`${what}: line ${line + 1} is longer than ${grouped(MAX_LIST_LINE)} bytes, so it is no path: give a list of paths, one per line`);
      }
    }
  } catch (e) {
    if (e instanceof KstatError) throw e;
    throw new UsageError(`cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? String(e)} (give a readable file, or - for standard input)`);
  }
  if (rest.length > 0) take(rest);
  return paths;
}
