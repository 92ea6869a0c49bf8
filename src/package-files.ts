// The package's own files (package.json, schema/), found from the running code wherever the build
// put it: dist/src/ (tsc, the library) or dist/cli/ (the bundle the command runs), or src/ (tests).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** A path inside the package: `packageFile('schema', 'x.json')`. */
export function packageFile(...parts: string[]): string {
  root ??= findRoot(dirname(fileURLToPath(import.meta.url)));
  return join(root, ...parts);
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'kstat') return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json of kstat above ${from}`);
  }
}
