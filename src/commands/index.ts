// kstat's commands, one file each, under one root that holds the options they share.
import { readFileSync } from 'node:fs';
import { Command, Help } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from './io.js';
import { checkCommand } from './check.js';
import { indexCommand } from './index-command.js';
import { prepareCommand } from './prepare.js';
import { schemaCommand } from './schema.js';
import { reportCommand } from './report.js';
import { addSharedOptions } from './shared.js';
import { packageFile } from '../package-files.js';

const EXAMPLES = `
Examples:
  kstat drivers/vdpa/mlx5/core              the signals block, in a clone of linux.git
  kstat -C ~/src/linux drivers/gpu/drm/i915 another clone
  kstat --json drivers/vdpa/mlx5/core       JSON for pipelines
  kstat --each drivers --depth 2            a table of every drivers/*/* directory
  kstat --each drivers --depth 2 --sort commits --limit 20
  kstat --paths-from dirs.txt --csv         paths from a file (- for stdin), as CSV
  kstat --years 10 fs/reiserfs              a ten-year window
  kstat --since 2024-01-01 --until 2024-12-31 net/sched   all of 2024: 12 months
  kstat --rev v6.9 drivers/staging          history as of a tag
  kstat -- -dir-with-dash                   a path that starts with '-'
  kstat check --max-idle-months 18 --each drivers --depth 2   fail (exit 1) where a driver went quiet
  kstat check --changed origin/master --format github         gate a pull request on what it touches
  kstat prepare                             write git's commit-graph with Bloom filters (faster walks)
  kstat index                               read history once into an index in your cache; later runs read it
  kstat schema signals                      the JSON Schema of --json and --ndjson output

Paths are read as git reads them: from the current directory (:/ from the top), literal (no globs).
One path prints a block, several a table; --format or --json/--ndjson/--csv/--table choose.
Exit codes: 0 ok, 1 a check rule failed, 2 usage, 3 not a repository, 4 unknown revision or a range, 5 git missing or too old,
6 git failed, 7 output failed, 8 partial clone lacks an object, 9 damaged repository,
10 some paths failed (the others are exact), 11 git configuration error, 12 the index cannot be used,
70 a bug in kstat, 130 interrupted (143 terminated).`;

function version(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The whole command line; `done` receives the exit code a command decides. */
export function program(io: Io, done: (code: number) => void): Command {
  const root = new Command()
    .name('kstat')
    .description('How alive is this code? Exact git history signals for paths of a Linux kernel clone.')
    .usage('[options] [path...]')
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help');
  addSharedOptions(root);
  const report = reportCommand(root, io, done);
  checkCommand(root, io, done);
  prepareCommand(root, io, done);
  indexCommand(root, io, done);
  schemaCommand(root, io, done);
  // `kstat help` and `kstat help prepare`, as a user would type them.
  root
    .command('help [command]')
    .description("show this help, or a command's (kstat help prepare)")
    .action((name?: string) => {
      const target = name === undefined ? root : root.commands.find((c) => c.name() === name && c !== report);
      if (!target) throw new UsageError(`no command ${JSON.stringify(name)}: kstat's commands are ${listed(root.commands.filter((c) => c !== report).map((c) => c.name()))} (see kstat --help)`);
      target.outputHelp();
      done(0);
    });
  // The report is the default command: `kstat --help` shows its path and options with the shared ones.
  const help = new Help();
  root.configureHelp({
    // A command's help lists the shared options too (-C, --rev, the window, the path sources).
    showGlobalOptions: true,
    visibleArguments: (cmd) => help.visibleArguments(cmd === root ? report : cmd),
    visibleOptions: (cmd) => (cmd === root ? [...help.visibleOptions(report).filter((o) => o.long !== '--help'), ...help.visibleOptions(root)] : help.visibleOptions(cmd)),
  });
  root.addHelpText('after', EXAMPLES);
  for (const cmd of [root, ...root.commands]) {
    cmd
      .showSuggestionAfterError(true)
      .exitOverride()
      .configureOutput({
        writeOut: (s) => io.out(s),
        writeErr: (s) => io.err(s),
        // One line, ours: commander's "error: ..." plus where to look.
        outputError: (s, write) => write(`kstat: ${s.replace(/^error:\s*/, '').trim().replace(/\s*\n\s*/g, ' ')} (see kstat --help)\n`),
      });
  }
  return root;
}

/** `a, b and c`. */
function listed(words: string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
