// Runs a Node script (kstat's bin/kstat.js, bench/lines.js) in this process and, on exit, records
// this process's own peak resident memory, without its git children. /usr/bin/time's %M is the
// largest process of the tree, and a git child's RSS counts the pages of the pack it maps (GBs on
// a kernel-sized pack), so it cannot tell kstat's own memory.
//
//   node dist/bench/selfrss.js RSS_FILE SCRIPT [ARGS...]
// RSS_FILE ends up holding the largest value (KB) of every process that wrote to it.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [rssFile, script, ...args] = process.argv.slice(2);
if (!rssFile || !script) {
  process.stderr.write('usage: node dist/bench/selfrss.js RSS_FILE SCRIPT [ARGS...]\n');
  process.exit(2);
}
process.argv = [process.argv[0]!, resolve(script), ...args];
process.on('exit', () => {
  let before = 0;
  try {
    before = Number(readFileSync(rssFile, 'utf8')) || 0;
  } catch {
    // first writer
  }
  writeFileSync(rssFile, String(Math.max(before, process.resourceUsage().maxRSS)));
});
await import(pathToFileURL(resolve(script)).href);
