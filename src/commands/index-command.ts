// `kstat index`: builds the repository's index (store/), says what it holds (--status) or removes
// it (--drop). The repository is only read; the index lives in the user's cache
// (store/location.ts), written beside and renamed, so a stopped build leaves the old one whole.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkGitVersion, mailmapSources, openRepository, resolveRevision } from '../git/repo.js';
import { EXIT, KstatError, UsageError } from '../errors.js';
import { indexDir, indexFile } from '../store/location.js';
import type { Io } from './io.js';
import { temporaryPath } from './write-file.js';

interface IndexFlags {
  status?: boolean;
  drop?: boolean;
  rebuild?: boolean;
  repo?: string;
  rev?: string;
  indexDir?: string;
  index?: boolean;
  quiet?: boolean;
}

export function indexCommand(root: Command, io: Io, done: (code: number) => void): Command {
  return root
    .command('index')
    .description('read all of history once into an index in your cache directory (again: only what is new); later runs read it instead of walking history (--no-index: they walk)')
    .option('--status', 'say where the index is and what it holds')
    .option('--drop', 'remove the index')
    .option('--rebuild', 'read all of history again, even where the index could be brought up to date')
    .action(async (_flags: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<IndexFlags>();
      if (flags.status && flags.drop) throw new UsageError('--status and --drop cannot go together: give one');
      if (flags.index === false) throw new UsageError('--no-index goes with a report, not with kstat index: leave it out');
      if (flags.indexDir === '') throw new UsageError('--index-dir is empty: name the directory indexes live in');
      const chosen = indexDir(io.env, flags.indexDir);
      if (chosen === null) throw new UsageError('no cache directory: set XDG_CACHE_HOME or HOME, or give --index-dir');
      const dir = resolve(io.cwd, chosen);
      const [, repo] = await Promise.all([checkGitVersion(), openRepository(flags.repo ?? (io.env.KSTAT_REPO || io.cwd))]);
      const file = indexFile(dir, repo.objectsDir);
      if (flags.drop) {
        rmSync(file, { force: true });
        io.out(`dropped ${file}\n`);
      } else if (flags.status) {
        io.out(`${await status(file)}\n`);
      } else {
        const rev = await resolveRevision(repo, flags.rev ?? 'HEAD');
        const started = Date.now();
        // An index that runs could use is brought up to date, as a run would: only new commits are read.
        if (!flags.rebuild && existsSync(file)) {
          const { commitsAdded, useIndex } = await import('../store/use.js');
          const used = await useIndex(repo, rev, await mailmapSources(repo), dir);
          if (used.store) {
            used.store.close();
            const what = [used.added ? commitsAdded(used.added) : 'no commit to add', ...(used.remapped ? ['authors mapped again'] : [])];
            if (!flags.quiet) io.err(`kstat index: ${rev.sha.slice(0, 12)} in ${((Date.now() - started) / 1000).toFixed(1)} s (${what.join(', ')}): ${file}\n`);
            done(EXIT.ok);
            return;
          }
        }
        const { buildStore } = await import('../store/build.js');
        const { indexKey } = await import('../store/key.js');
        const key = await indexKey(repo, await mailmapSources(repo));
        try {
          mkdirSync(dir, { recursive: true });
        } catch (e) {
          throw new KstatError(`cannot make the index directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (give --index-dir a directory you can write)`, EXIT.output);
        }
        // Written beside the old one and renamed over it: a stopped build leaves the old index.
        const temp = temporaryPath(file);
        const remove = (): void => {
          rmSync(temp, { force: true });
          rmSync(`${temp}-journal`, { force: true });
        };
        // On a terminal, one line says how far the walk has come (commits read, the date reached).
        const shown = !flags.quiet && io.stderr.isTTY === true;
        let last = 0;
        const progress = (read: number, time: number): void => {
          const now = Date.now();
          if (!shown || now - last < 250) return;
          last = now;
          io.err(`\r\u001b[Kkstat index: ${read.toLocaleString('en-US')} commits read, back to ${new Date(time * 1000).toISOString().slice(0, 10)}, ${Math.round(read / ((now - started) / 1000)).toLocaleString('en-US')}/s`);
        };
        // Ctrl-C mid-build: cli.ts runs this before it exits.
        const off = io.onInterrupt(remove);
        try {
          remove();
          (await buildStore(repo, rev.sha, repo.shallow, temp, { meta: { key: JSON.stringify(key) }, onCommit: progress })).close();
          renameSync(temp, file);
        } catch (e) {
          remove();
          if (e instanceof Error && 'code' in e && typeof e.code === 'string' && /^(SQLITE_(FULL|IOERR|CANTOPEN|READONLY)|ENOSPC|EACCES|EROFS|EFBIG)/.test(e.code)) {
            throw new KstatError(`cannot write the index ${file}: ${e.code} (free space, or give --index-dir a directory you can write)`, EXIT.output);
          }
          throw e;
        } finally {
          off();
          if (last > 0) io.err('\r\u001b[K');
        }
        if (!flags.quiet) io.err(`kstat index: ${rev.sha.slice(0, 12)} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${file}\n`);
      }
      done(EXIT.ok);
    });
}

/** What `--status` says of the index file. */
async function status(file: string): Promise<string> {
  const size = statSync(file, { throwIfNoEntry: false });
  if (!size) return `${file}: no index`;
  const { Store } = await import('../store/store.js');
  const store = Store.open(file, { readonly: true });
  if (!store) return `${file}: written by another version of kstat (kstat index rebuilds it)`;
  try {
    const { reached, all } = store.counts();
    return `${file}: ${store.meta('tip')}, ${reached} commits${all > reached ? ` (and ${all - reached} no longer reached)` : ''}, ${(size.size / 2 ** 20).toFixed(1)} MiB`;
  } finally {
    store.close();
  }
}
