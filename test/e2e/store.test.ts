// The index's storage (src/store/store.ts): a store built from a real walk of a
// fixture answers "which commits touch this path in this window" and "its newest commit" exactly
// as plain git does, and matches paths by bytes, never as patterns.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_PATHS, EDGE_WINDOW, edgeCases } from '../../fixtures/recipes/edge-cases.js';
import { openRepository } from '../../src/git/repo.js';
import { buildStore, syncStore } from '../../src/store/build.js';
import { prefixEnd, Store, STORE_VERSION, type StoredCommit } from '../../src/store/store.js';
import { commitLooseLine, fixtureRepo, git, looseObject, removeTempDirs, tempDir } from '../helpers/repos.js';
import { tangledHistory } from '../helpers/tangled.js';

let repo: string;
let store: Store;
beforeAll(async () => {
  repo = fixtureRepo(edgeCases);
  const ctx = await openRepository(repo);
  // The whole tree, all of history, written as it is walked: what `kstat index` reads once.
  store = await buildStore(ctx, git(repo, ['rev-parse', 'HEAD']).trim(), [], join(tempDir('kstat-store-'), 'index.sqlite'));
});
afterAll(() => {
  store.close();
  removeTempDirs();
});

const since = Date.parse(EDGE_WINDOW.since) / 1000;
const until = Date.parse(EDGE_WINDOW.until) / 1000;
const paths = EDGE_PATHS.map((p) => p.path).filter((p) => p !== '.' && p !== 'drivers/edge/never');
/** The store takes a path as PathIndex keys it: the latin1 view of its UTF-8 bytes. */
const key = (path: string): string => Buffer.from(path, 'utf8').toString('latin1');

describe('a store built from the whole history', () => {
  it.each(paths)('%s: the commits of the window, in git log order, are what plain git lists', (path) => {
    const plain = git(repo, ['--literal-pathspecs', 'log', '--format=%H', '--full-history', '--no-merges', `--since-as-filter=@${since} +0000`, `--until=@${Math.floor(until)} +0000`, 'HEAD', '--', path]).split('\n').filter(Boolean);
    expect(store.commitsUnder(key(path), Math.ceil(since), Math.floor(until)).map((c) => c.sha)).toEqual(plain);
  });

  it.each(paths)("%s: the newest commit is plain git's git log -1", (path) => {
    const plain = git(repo, ['--literal-pathspecs', 'log', '-1', '--format=%H', '--full-history', '--no-merges', 'HEAD', '--', path]).trim() || null;
    expect(store.newestUnder(key(path))?.sha ?? null).toBe(plain);
  });

  it('keeps what it was built with, and refuses nothing it wrote', () => {
    expect(store.meta('tip')).toBe(git(repo, ['rev-parse', 'HEAD']).trim());
    expect(store.meta('version')).toBe(String(STORE_VERSION));
  });
});

describe('a build read by several git processes, a block each', () => {
  /** Every commit the store holds, in its order, with all it keeps of each. */
  const everything = (s: Store): string => JSON.stringify([...s.walk(['.'], 0, Infinity)]);
  const build = async (at: string, opts: { readers: number; block: number }): Promise<string> => {
    const ctx = await openRepository(at);
    const s = await buildStore(ctx, git(at, ['rev-parse', 'HEAD']).trim(), [], join(tempDir('kstat-store-'), 'index.sqlite'), opts);
    try {
      return everything(s);
    } finally {
      s.close();
    }
  };

  it('holds what one process reading all of history holds: the same commits, order and files', async () => {
    const whole = await build(repo, { readers: 1, block: 1_000_000 });
    expect(JSON.parse(whole).length).toBe(Number(git(repo, ['rev-list', '--count', '--no-merges', 'HEAD'])));
    expect(whole).toBe(everything(store));
    expect(await build(repo, { readers: 3, block: 5 })).toBe(whole);
    // Read back a few commits' files at a time, the same.
    expect(JSON.stringify([...store.walk(['.'], 0, Infinity, 3)])).toBe(whole);
  });

  it('with a blob git cannot read: the same commits kept unread, wherever the block boundaries fall', async () => {
    const damaged = fixtureRepo(edgeCases);
    rmSync(looseObject(damaged, commitLooseLine(damaged)));
    const whole = await build(damaged, { readers: 1, block: 1_000_000 });
    const unread = (JSON.parse(whole) as Array<{ unreadable?: boolean }>).filter((c) => c.unreadable === true);
    expect(unread).toHaveLength(1);
    for (const block of [1, 2, 3, 7]) expect(await build(damaged, { readers: 2, block })).toBe(whole);
  });
});

/** Each commit's place as the store keeps it, merges too: sha → ord. */
const places = (file: string): Map<string, number> => {
  const db = new (createRequire(import.meta.url)('better-sqlite3'))(file, { readonly: true });
  try {
    return new Map(db.prepare('SELECT sha, ord FROM commits WHERE ord IS NOT NULL UNION ALL SELECT sha, ord FROM merges').raw().all() as Array<[string, number]>);
  } finally {
    db.close();
  }
};
/** Whether `tip` reaches `ancestor`, as git's merge-base --is-ancestor says. */
const reachesIn = (repo: string, tip: string, ancestor: string): boolean => {
  try {
    execFileSync('git', ['merge-base', '--is-ancestor', ancestor, tip], { cwd: repo, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
/** git's walk from `tip`, each commit numbered back from the walk's end. */
const walked = (repo: string, tip: string): Map<string, number> => {
  const order = git(repo, ['rev-list', tip]).trim().split('\n');
  return new Map(order.map((sha, i) => [sha, i - (order.length - 1)]));
};

describe("an update places every commit in git's walk from the new tip", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('seed %i: forward along main (only the head placed), to a topic branch and back, forward again', async (seed) => {
    const { repo, main } = tangledHistory(seed);
    const ctx = await openRepository(repo);
    const file = join(tempDir('kstat-store-'), 'index.sqlite');
    // A topic main never merged: its walk does not reach main's tip, nor main[90]'s the topic's.
    // (Asked of a whole walk: `--no-merged` goes by dates, and these lie.)
    const merged = new Set(git(repo, ['rev-list', 'main']).trim().split('\n'));
    const topic = git(repo, ['for-each-ref', '--format=%(objectname)', 'refs/heads/t*']).trim().split('\n').find((t) => !merged.has(t))!;
    expect(topic).toMatch(/^[0-9a-f]{40}$/);
    const steps: Array<[string, 'head' | 'whole']> = [50, 60, 61, 75, 76, 84, 90, 110, 111, 120, main.length - 1].map((i) => [main[i]!, 'head']);
    // The topic, and main[90] after it, are a head away where the topic reaches main[40]: every head
    // since was placed forward from there, which an update can go back to.
    const back = reachesIn(repo, topic, main[40]!) ? 'head' : 'whole';
    steps.push([topic, back], [main[90]!, back], [main.at(-1)!, 'head']);
    const nonMerges = (tip: string): string[] => git(repo, ['rev-list', '--no-merges', tip]).trim().split('\n');
    const store = await buildStore(ctx, main[40]!, [], file);
    const held = new Set(nonMerges(main[40]!));
    try {
      expect(places(file)).toEqual(walked(repo, main[40]!));
      for (const [tip, how] of steps) {
        const fresh = nonMerges(tip).filter((c) => !held.has(c));
        expect(await syncStore(ctx, store, tip, [])).toEqual({ added: fresh.length, placed: how });
        for (const c of fresh) held.add(c);
        expect(places(file)).toEqual(walked(repo, tip));
      }
    } finally {
      store.close();
    }
  });
});

describe('an update after another branch of the tip the last head was placed from', () => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i: pull requests one after another, each based on main, and main again: every move a head', async (seed) => {
    const { repo, main } = tangledHistory(seed);
    const reaches = (tip: string, ancestor: string): boolean => reachesIn(repo, tip, ancestor);
    const topics = git(repo, ['for-each-ref', '--format=%(objectname)', 'refs/heads/t*']).trim().split('\n');
    const parent = (c: string): string => git(repo, ['rev-parse', `${c}^`]).trim();
    // A main commit two topics fork after, neither reaching the other: two pull requests on it,
    // the second pushed twice (its tip's parent is one of its own commits too).
    let pick: { base: string; one: string; two: string } | null = null;
    for (let k = main.length - 20; k > 20 && !pick; k--) {
      const after = topics.filter((t) => t !== main[k] && reaches(t, main[k]!));
      const pushed = (t: string): boolean => parent(t) !== main[k] && reaches(parent(t), main[k]!);
      const pair = after.flatMap((one) => after.filter((two) => pushed(two) && !reaches(one, two) && !reaches(two, one)).map((two) => [one, two] as const))[0];
      if (pair) pick = { base: main[k]!, one: pair[0], two: pair[1] };
    }
    expect(pick).not.toBeNull();
    const { base, one, two } = pick!;
    const file = join(tempDir('kstat-store-'), 'index.sqlite');
    const ctx = await openRepository(repo);
    const store = await buildStore(ctx, base, [], file);
    try {
      // A move to a tip that does not reach the store's goes back to the base first: the second pull
      // request, the first again after the second's next push, the base itself, and the second
      // again after main's next tip.
      for (const [i, tip] of [one, parent(two), two, one, base, one, base, main.at(-1)!, two].entries()) {
        expect((await syncStore(ctx, store, tip, [])).placed, `move ${i}`).toBe('head');
        expect(places(file), `move ${i}`).toEqual(walked(repo, tip));
      }
    } finally {
      store.close();
    }
  });
});

describe("the liveness walk's commits from the store, where dates lie", () => {
  it.each([1, 2, 3])('seed %i: in git log order, read a stretch of places at a time or all at once', async (seed) => {
    const { repo, main } = tangledHistory(seed);
    const store = await buildStore(await openRepository(repo), main.at(-1)!, [], join(tempDir('kstat-store-'), 'index.sqlite'));
    try {
      const times = git(repo, ['log', '--format=%ct', 'main']).trim().split('\n').map(Number).sort((a, b) => a - b);
      for (const until of [times.at(-1)!, times[Math.floor(times.length / 2)]!]) {
        for (const files of [['f3'], ['f1', 'f5']]) {
          // What the live walk (git/maintainers.ts walkSeen) lists.
          const plain = git(repo, ['log', '--format=%H', '--full-history', '--no-merges', `--until=@${until} +0000`, 'main', '--', ...files]).trim().split('\n');
          expect(plain.length).toBeGreaterThan(10);
          for (const stretch of [1, 3, 1_000_000]) expect([...store.seen(files, until, undefined, stretch)].map((c) => c.sha), `until ${until}, ${files.join(' ')}, stretch ${stretch}`).toEqual(plain);
        }
      }
    } finally {
      store.close();
    }
  });
});

describe('a build whose git reader fails', () => {
  it("fails with that reader's error at once, and stops the others", async () => {
    // git as it is, except for the build's readers: one fails (the first to make the directory), a
    // moment after the others have started; they wait first.
    const shim = tempDir('kstat-git-shim-');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const marks = join(shim, 'readers');
    writeFileSync(
      join(shim, 'git'),
      [
        '#!/bin/sh',
        `case " $* " in *" --no-walk=unsorted "*)`,
        `  echo $$ >> '${marks}'`,
        `  if mkdir '${join(shim, 'failed')}' 2>/dev/null; then sleep 0.3; echo 'fatal: a reader that fails' >&2; exit 128; fi`,
        "  trap 'kill $! 2>/dev/null; exit 143' TERM; sleep 30 & wait $!;;",
        'esac',
        `exec '${real}' "$@"`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const ctx = await openRepository(repo);
    const path = process.env.PATH;
    process.env.PATH = `${shim}:${path}`;
    const started = Date.now();
    try {
      await expect(buildStore(ctx, git(repo, ['rev-parse', 'HEAD']).trim(), [], join(tempDir('kstat-store-'), 'index.sqlite'), { readers: 3, block: 2 })).rejects.toThrow(/a reader that fails/);
    } finally {
      process.env.PATH = path;
    }
    // The others were stopped, not waited for (each would sleep 30 s).
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(readFileSync(marks, 'utf8').split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(2);
  });
});

describe('paths are bytes', () => {
  const one = (seq: number, path: string): StoredCommit => ({
    sha: String(seq).repeat(40).slice(0, 40),
    time: 1_700_000_000 + seq,
    authorName: 'A',
    authorEmail: 'a@x',
    committerName: 'A',
    committerEmail: 'a@x',
    subject: path,
    trailers: Buffer.alloc(0),
    changes: [{ path, from: null, status: 'A', added: 1, removed: 0, gitlink: false }],
  });

  it('% and _ match only themselves; a directory does not take its longer-named siblings; high bytes sort after ASCII', () => {
    const names = ['a%b/x.c', 'a_b/y.c', 'aXb/z.c', 'a/b.c', 'a-b/c.c', 'ab/d.c', 'a\xffb/e.c', 'a\xff/f.c'];
    const s = Store.build(join(tempDir('kstat-store-'), 'bytes.sqlite'), {}, (add) => names.forEach((n, i) => add(one(i, n))));
    const under = (p: string): string[] => s.commitsUnder(p, 0, 2 ** 33).map((c) => names[c.ord]!);
    expect(under('a%b')).toEqual(['a%b/x.c']);
    expect(under('a_b/')).toEqual(['a_b/y.c']);
    expect(under('a')).toEqual(['a/b.c']);
    expect(under('a\xff')).toEqual(['a\xff/f.c']);
    expect(under('a/b.c')).toEqual(['a/b.c']);
    expect(s.newestUnder('ab')?.ord).toBe(5);
    expect(s.newestUnder('nowhere')).toBeNull();
    s.close();
  });

  it('prefixEnd is the first byte string after every one that starts with the prefix', () => {
    expect(prefixEnd(Buffer.from('src/'))).toEqual(Buffer.from('src0'));
    expect(prefixEnd(Buffer.from([0x61, 0xff]))).toEqual(Buffer.from([0x62]));
    expect(prefixEnd(Buffer.from([0xff, 0xff]))).toBeNull();
  });
});
