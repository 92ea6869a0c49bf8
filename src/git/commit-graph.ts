// Whether the repository has a commit-graph, and whether it carries changed-path Bloom
// filters: read from the files' chunk tables (a few bytes), never by asking git to walk.
import { existsSync, openSync, readSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CommitGraphInfo {
  present: boolean;
  bloom: boolean;
}

/** Chunk ids in a commit-graph file's table of contents (format: gitformat-commit-graph). */
export function graphChunks(head: Buffer): string[] {
  if (head.length < 8 || head.toString('latin1', 0, 4) !== 'CGPH') return [];
  const chunks = head[6]!;
  const ids: string[] = [];
  for (let i = 0; i < chunks; i++) {
    const at = 8 + i * 12;
    if (at + 4 > head.length) break;
    ids.push(head.toString('latin1', at, at + 4));
  }
  return ids;
}

function readHead(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(8 + 12 * 64);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** `objectsDir`: the repository's object directory. A split graph counts when every layer has filters. */
export function commitGraphInfo(objectsDir: string): CommitGraphInfo {
  const single = join(objectsDir, 'info', 'commit-graph');
  const chain = join(objectsDir, 'info', 'commit-graphs', 'commit-graph-chain');
  const files: string[] = [];
  if (existsSync(chain)) {
    for (const hash of readFileSync(chain, 'latin1').split('\n').filter(Boolean)) {
      files.push(join(objectsDir, 'info', 'commit-graphs', `graph-${hash}.graph`));
    }
  } else if (existsSync(single)) {
    files.push(single);
  }
  if (files.length === 0) return { present: false, bloom: false };
  try {
    const chunks = files.map((f) => graphChunks(readHead(f)));
    return { present: true, bloom: chunks.every((c) => c.includes('BIDX') && c.includes('BDAT')) };
  } catch {
    // A graph is named but a file cannot be read: git uses no filters from it, and the early
    // stop (generation.ts) says what is wrong.
    return { present: true, bloom: false };
  }
}
