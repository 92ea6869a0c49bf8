// The command as one module graph (dist/cli/), built from tsc's output: node loads a few files
// instead of about a hundred, which is most of a short run's start-up (measured in README.md).
// Modules the code imports lazily stay separate chunks, loaded only when used; better-sqlite3
// (native) and playwright-core stay in node_modules. The library (dist/src/) is tsc's, as before.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = new URL('../dist/cli/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [new URL('../dist/src/cli.js', import.meta.url).pathname],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'playwright-core'],
  // Bundled CommonJS packages (commander) call require(); ESM has none.
  banner: { js: "import { createRequire as kstatRequire } from 'node:module'; const require = kstatRequire(import.meta.url);" },
  logLevel: 'warning',
});
