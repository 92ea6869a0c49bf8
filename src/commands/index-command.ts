// `kstat index` (issue 16, work in progress): builds the repository's index, says what it holds
// (--status) or removes it (--drop). The repository is only read; the index lives in the user's
// cache (store/location.ts). Runs do not read the index yet.
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { checkGitVersion, openRepository, resolveRevision } from '../git/repo.js';
import { EXIT, UsageError } from '../errors.js';
import { buildStore } from '../store/build.js';
import { indexDir, indexFile } from '../store/location.js';
import { Store } from '../store/store.js';
import type { Io } from './io.js';

interface IndexFlags {
  status?: boolean;
  drop?: boolean;
  indexDir?: string;
}

export function indexCommand(root: Command, io: Io, done: (code: number) => void): Command {
  return root
    .command('index')
    .description("read history once into an index in your cache directory (work in progress: runs do not use it yet)")
    .option('--status', 'say where the index is and what it holds')
    .option('--drop', 'remove the index')
    .option('--index-dir <dir>', 'where indexes live (default: $XDG_CACHE_HOME/kstat or ~/.cache/kstat)')
    .action(async (flags: IndexFlags, cmd: Command) => {
      if (flags.status && flags.drop) throw new UsageError('--status and --drop cannot go together: give one');
      const { repo: named } = cmd.optsWithGlobals<{ repo?: string }>();
      const dir = indexDir(io.env, flags.indexDir);
      if (dir === null) throw new UsageError('no cache directory: set XDG_CACHE_HOME or HOME, or give --index-dir');
      const [, repo] = await Promise.all([checkGitVersion(), openRepository(named ?? (io.env.KSTAT_REPO || io.cwd))]);
      const file = indexFile(dir, repo.objectsDir);
      if (flags.drop) {
        rmSync(file, { force: true });
        io.out(`dropped ${file}\n`);
      } else if (flags.status) {
        let store: Store | null = null;
        try {
          store = statSync(file, { throwIfNoEntry: false }) ? Store.open(file) : null;
          io.out(store ? `${file}: ${store.meta('head')}, ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB\n` : `${file}: no index\n`);
        } finally {
          store?.close();
        }
      } else {
        const rev = await resolveRevision(repo, 'HEAD');
        mkdirSync(dir, { recursive: true });
        // Written beside the old one and renamed over it: a stopped build leaves the old index.
        const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
        rmSync(temp, { force: true });
        const started = Date.now();
        try {
          (await buildStore(repo, rev.sha, repo.shallow, temp)).close();
          renameSync(temp, file);
        } catch (e) {
          rmSync(temp, { force: true });
          throw e;
        }
        io.err(`kstat index: ${rev.sha.slice(0, 12)} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${file}\n`);
      }
      done(EXIT.ok);
    });
}
