// A batch's maintainers figures (docs/signals.md "MAINTAINERS", "Maintainers' liveness"): the
// sections of the revision's MAINTAINERS that cover each path, in get_maintainer.pl's order, and
// when each of their M: and R: people was last seen on the section's files. MAINTAINERS is read
// once per run; the sections' liveness is found by one walk over the union of the sections a batch
// needs (one per run when, as usual, the run is one batch) and, for people it has not met by the
// time every section has its newest commit, a walk of who each commit names (findLiveness).
import { createHash } from 'node:crypto';
import { askable, mailmapAliases, MailmapStream, mapContacts, type Contact } from '../git/mailmap.js';
import { ChangedFiles } from '../git/changed-files.js';
import { readTopFile, treeDirectories, walkNamed, walkSeen, type SeenCommit } from '../git/maintainers.js';
import { GitError } from '../errors.js';
import { MaintainersMatcher, parseMaintainers, patternRoot, valuesOf, widePathspec, type Section } from '../kernel/maintainers.js';
import { coveringPathspecs, pathKey } from '../signals/paths.js';
import { contactOf, keyOf, namedEmails, parseTrailers } from '../kernel/trailers.js';
import { isoUtc, wholeMonths } from '../signals/window.js';
import type { MaintainersFigures } from '../types.js';
import type { Part } from './kernel.js';
import type { Context } from './open.js';
import { MAX_PATHSPECS } from './plan.js';

type SectionFigures = MaintainersFigures['sections'][number];
type Person = SectionFigures['maintainers'][number];
type LastSeen = NonNullable<Person['last_seen']>;

/** A person of a section: as written, and the e-mail they are known by (mailmap, lower case), or null without one. */
interface Listed {
  name: string;
  email: string;
  key: string | null;
}

interface Loaded {
  note: string | null;
  matcher: MaintainersMatcher | null;
  /** Per section, its M: people then its R: people. */
  people: Listed[][];
  /** Sections with an `F:` line that covers every directory (the kernel's THE REST): everyone's last resort. */
  catchAll: ReadonlySet<number>;
  /** Each section's liveness, found once per run. */
  liveness: Map<number, Promise<Liveness>>;
  /** Each section's livenessKey, made once per run. */
  keys: Map<number, string>;
}

interface Liveness {
  /** Per person of `people`, in order. */
  seen: Array<LastSeen | null>;
  last: number | null;
  /** The commit `last` is the date of (a kept liveness is carried to a new tip by it). */
  lastSha: string | null;
}

const runs = new WeakMap<Context, Promise<Loaded>>();

/** latin1 (bytes) → the text they spell in UTF-8, for the report. */
const text = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');

/** The revision's MAINTAINERS, read once per run: its matcher, or the note saying why there is none. */
export function loadMaintainers(ctx: Context): Promise<Pick<Loaded, 'note' | 'matcher'>> {
  return load(ctx);
}

/** Whether the revision has a MAINTAINERS to read (then a liveness walk runs beside the history walk). */
export async function hasMaintainers(ctx: Context): Promise<boolean> {
  return (await load(ctx)).matcher !== null;
}

function load(ctx: Context): Promise<Loaded> {
  let loaded = runs.get(ctx);
  if (!loaded) {
    loaded = read(ctx);
    runs.set(ctx, loaded);
  }
  return loaded;
}

async function read(ctx: Context): Promise<Loaded> {
  // The directory list is read beside the file, not after it: an indexed run waits on the two in turn otherwise.
  const listing = new AbortController();
  const directories = treeDirectories({ ...ctx.repo, signal: listing.signal }, ctx.rev.sha);
  directories.catch(() => {});
  const file = await readTopFile(ctx.repo, ctx.rev.sha, 'MAINTAINERS').catch((e: unknown) => {
    listing.abort();
    throw e;
  });
  if ('missing' in file) {
    listing.abort();
    const why = file.missing === 'absent' ? 'no MAINTAINERS file' : 'MAINTAINERS is not a file';
    return { note: `${why} in ${ctx.rev.name}: no sections, maintainers or liveness`, matcher: null, people: [], catchAll: new Set(), liveness: new Map(), keys: new Map() };
  }
  const sections = parseMaintainers(file.bytes.toString('latin1'));
  const dirs = await directories;
  const matcher = new MaintainersMatcher(sections, (p) => dirs.has(p));
  const people = await listPeople(ctx, sections);
  const catchAll = new Set(sections.flatMap((sec, i) => (valuesOf(sec, 'F').some((v) => v === '*/') ? [i] : [])));
  return { note: null, matcher, people, catchAll, liveness: new Map(), keys: new Map() };
}

/** Every section's M: and R: people, each mapped through the mailmap once. */
async function listPeople(ctx: Context, sections: readonly Section[]): Promise<Listed[][]> {
  const lines = sections.map((s) => [...valuesOf(s, 'M'), ...valuesOf(s, 'R')]);
  const contacts = lines.flat().map(contactOf);
  const asked = contacts.filter((c): c is Contact => c !== null);
  const mapped = await mapContacts(ctx.repo, asked, ctx.mailmap, ctx.history ?? undefined);
  let k = 0;
  let n = 0;
  return lines.map((values) =>
    values.map((value) => {
      const c = contacts[n++];
      if (!c) return { name: value, email: '', key: null };
      return { name: c.name, email: c.email, key: mapped[k++]!.email.toLowerCase() };
    }),
  );
}

/**
 * Each path's covering sections, most specific first. A --section (analyze/section.ts) is covered
 * by itself alone; its `matched` is its `F:` lines as written, joined by blanks.
 */
function covers(ctx: Context, loaded: Loaded, paths: readonly string[]): Array<ReturnType<MaintainersMatcher['cover']>> {
  const m = loaded.matcher!;
  return paths.map((p) => {
    const scope = ctx.sections.get(p);
    if (!scope) return m.cover(m.argument(pathKey(p)));
    return [{ section: scope.index, matched: valuesOf(m.sections[scope.index]!, 'F').join(' '), depth: 0 }];
  });
}

/** A path's MAINTAINERS figures, and who counts as its maintainer for maintainer coverage. */
export type MaintainersPart = Part<MaintainersFigures> & {
  /**
   * The e-mails (after mailmap, lower case) of the M: and R: people of every section covering the
   * path but a catch-all one; null without a covering section. The catch-all's people (the
   * kernel's THE REST: Linus) pick up what nobody else does, the opposite of the path being looked after.
   */
  maintainers: ReadonlySet<string> | null;
};

export async function maintainersFigures(ctx: Context, paths: readonly string[], signal: AbortSignal): Promise<MaintainersPart[]> {
  const loaded = await load(ctx);
  if (!loaded.matcher) return paths.map(() => ({ figures: { section: null, status: null, sections: [] }, notes: [loaded.note!], maintainers: null }));
  const cover = covers(ctx, loaded, paths);
  const wanted = [...new Set(cover.flatMap((list) => list.map((c) => c.section)))].filter((s) => !loaded.liveness.has(s) && !fromIndex(ctx, loaded, s));
  // Kept at the tip the index came from, a section's liveness is carried over the head of the new
  // walk; what cannot be carried is found as below.
  const carry = carrying(ctx, loaded, wanted);
  if (carry.sections.length > 0) {
    const carried = carryLiveness(ctx, loaded, carry, signal);
    carry.sections.forEach((s, i) => loaded.liveness.set(s, carried.then((all) => all[i] ?? findLiveness(ctx, loaded, [s], signal).then((one) => one[0]!))));
  }
  const rest = wanted.filter((s) => !carry.sections.includes(s));
  // A catch-all section's files are the whole tree: walked with the others, every commit would be
  // read with all its files for as long as any specific section's people are still sought (to the
  // root, when one never touched its files). Alone, its walk stops once its own people are seen.
  const groups = [rest.filter((s) => !loaded.catchAll.has(s)), ...rest.filter((s) => loaded.catchAll.has(s)).map((s) => [s])];
  for (const group of groups.filter((g) => g.length > 0)) {
    const found = findLiveness(ctx, loaded, group, signal);
    group.forEach((s, i) => loaded.liveness.set(s, found.then((all) => all[i]!)));
  }
  // Kept for later runs at the same revision and window end, and for carrying to the next tip, in
  // one transaction (a failure is this run's to report).
  if (ctx.history && wanted.length > 0) {
    const history = ctx.history;
    void Promise.allSettled(wanted.map((s) => loaded.liveness.get(s)!)).then((all) => {
      try {
        history.keepLiveness(all.flatMap((r, i) => (r.status === 'fulfilled' ? [[livenessKey(ctx, loaded, wanted[i]!), ctx.rev.sha, ctx.window.until, JSON.stringify(r.value)] as [string, string, number, string]] : [])));
      } catch {
        // The run has ended and closed the index (a consumer that stopped early): nothing is kept.
      }
    });
  }
  const until = ctx.window.until;
  const listed = (section: number): string[] => (loaded.catchAll.has(section) ? [] : loaded.people[section]!.flatMap((p) => (p.key === null ? [] : [p.key])));
  return Promise.all(
    cover.map(async (list) => {
      const sections = await Promise.all(list.map(async (c) => sectionFigures(loaded, c.section, c.matched, await loaded.liveness.get(c.section)!, until)));
      const first = sections[0];
      const maintainers = list.length === 0 ? null : new Set(list.flatMap((c) => listed(c.section)));
      return { figures: { section: first?.name ?? null, status: first?.status ?? null, sections }, notes: [], maintainers };
    }),
  );
}

/**
 * What a section's liveness depends on beside the revision's walk and the window's end (kept
 * with it): the section as written, its patterns as the revision's tree makes them (which name
 * directories), its people as the mailmap maps them, and the index's own key, whose mailmap part
 * also maps the trailers' people.
 */
function livenessKey(ctx: Context, loaded: Loaded, section: number): string {
  let key = loaded.keys.get(section);
  if (key === undefined) {
    const { files, excludes } = loaded.matcher!.patterns(section);
    const what = JSON.stringify([loaded.matcher!.sections[section], files.map((f) => f.regex), excludes.map((f) => f.regex), loaded.people[section], ctx.history?.meta('key') ?? null]);
    loaded.keys.set(section, (key = createHash('sha256').update(what).digest('hex')));
  }
  return key;
}

/** A section's liveness as an earlier run found it at this revision and window end, from the index; false when it has none. */
function fromIndex(ctx: Context, loaded: Loaded, section: number): boolean {
  const kept = ctx.history?.liveness(livenessKey(ctx, loaded, section), ctx.rev.sha).find(([until]) => until === ctx.window.until);
  if (kept === undefined) return false;
  loaded.liveness.set(section, Promise.resolve(JSON.parse(kept[1]) as Liveness));
  return true;
}

interface Carry {
  /** The sections that can be carried, each with its liveness at the old tip. */
  sections: number[];
  kept: Liveness[];
  /** The first place after the new walk's head: from there on, the old walk's. */
  after: number;
}

/**
 * The sections whose liveness the index kept at the tip it was brought from by placing a head
 * (store/build.ts syncStore), for a window end whose move adds or drops no commit past the head.
 */
function carrying(ctx: Context, loaded: Loaded, sections: readonly number[]): Carry {
  const none: Carry = { sections: [], kept: [], after: 0 };
  const history = ctx.history;
  const carried = history?.carried();
  if (!history || !carried) return none;
  const until = ctx.window.until;
  const out: Carry = { ...none, after: carried.after };
  // Under a window end the old one does not differ from by a commit after the head.
  const moves = new Map<number, boolean>();
  const holds = (then: number): boolean => {
    if (then === until) return true;
    if (!moves.has(then)) moves.set(then, !history.datedBetween(carried.after, Math.min(then, until), Math.max(then, until)));
    return moves.get(then)!;
  };
  for (const s of sections) {
    const row = history.liveness(livenessKey(ctx, loaded, s), carried.from).find(([then]) => holds(then));
    if (!row) continue;
    out.sections.push(s);
    out.kept.push(JSON.parse(row[1]) as Liveness);
  }
  return out;
}

/**
 * Sections' liveness at the new tip from what was kept at the old one. The new walk is its head
 * and then the old walk's own rest; the head is read as findLiveness reads history. Whatever the
 * head finds is the answer; what it does not is the old answer, if that commit is past the head
 * (none stays none). An old answer inside the head that the head no longer finds (its date past
 * the new window's end) cannot be carried: null, and the section is found anew.
 */
async function carryLiveness(ctx: Context, loaded: Loaded, carry: Carry, signal: AbortSignal): Promise<Array<Liveness | null>> {
  const history = ctx.history!;
  const head = await findLiveness(ctx, loaded, carry.sections, signal, carry.after);
  const past = (sha: string): boolean => (history.placeOf(sha)?.ord ?? -Infinity) >= carry.after;
  return carry.sections.map((_, i) => {
    const found = head[i]!;
    const kept = carry.kept[i]!;
    const out: Liveness = { ...found, seen: [...found.seen] };
    if (found.lastSha === null && kept.lastSha !== null) {
      if (!past(kept.lastSha)) return null;
      out.last = kept.last;
      out.lastSha = kept.lastSha;
    }
    for (let k = 0; k < out.seen.length; k++) {
      const then = kept.seen[k] ?? null;
      if (out.seen[k] !== null || then === null) continue;
      if (!past(then.sha)) return null;
      out.seen[k] = then;
    }
    return out;
  });
}

function sectionFigures(loaded: Loaded, index: number, matched: string, live: Liveness, until: number): SectionFigures {
  const section = loaded.matcher!.sections[index]!;
  const people = loaded.people[index]!;
  const persons = people.map((p, i): Person => ({ name: text(p.name), email: text(p.email), last_seen: live.seen[i] ?? null }));
  const m = valuesOf(section, 'M').length;
  const recent = (date: string): boolean => wholeMonths(Date.parse(date) / 1000, until) < 12;
  const arriving = live.last !== null && wholeMonths(live.last, until) < 12;
  return {
    name: text(section.name),
    status: section.status,
    status_text: section.statusText === null ? null : text(section.statusText),
    matched: text(matched),
    maintainers: persons.slice(0, m),
    reviewers: persons.slice(m),
    lists: valuesOf(section, 'L').map(text),
    trees: valuesOf(section, 'T').map(text),
    last_commit_date: live.last === null ? null : isoUtc(live.last),
    silent: arriving && !persons.some((p) => p.last_seen !== null && recent(p.last_seen.date)),
  };
}

/**
 * The liveness of these sections. One walk over their files' pathspecs (a superset where a
 * pattern has no exact pathspec: each commit's files are matched again, F: less X:, to find its
 * sections) runs until every section has its newest commit and every person was seen. Someone
 * who never touched the files would make it compare trees to the root; so once every section's
 * newest commit is known, the walk hands over to a walk that reads only who each commit names
 * (git/maintainers.ts walkNamed), and git diff-tree gives the files of just the commits that
 * name someone still unseen. Both walks go in git's one order, so the first sighting is the same.
 * From the index alike: every commit under the patterns' roots, then only those that may name
 * someone unseen (store.ts naming), each read as the walks' are.
 */
async function findLiveness(ctx: Context, loaded: Loaded, sections: number[], signal: AbortSignal, before?: number): Promise<Liveness[]> {
  const matcher = loaded.matcher!;
  const out: Liveness[] = sections.map((s) => ({ seen: loaded.people[s]!.map(() => null), last: null, lastSha: null }));
  const patterns = sections.flatMap((s) => matcher.patterns(s).files);
  if (patterns.length === 0) return out;
  // Past a few pathspecs git's matching of every tree entry costs more than walking wider (plan.ts):
  // then the directories that hold the patterns, as few as the history walk would take.
  const exact = [...new Set(patterns.map(widePathspec))];
  const wide = exact.length <= MAX_PATHSPECS ? exact : coveringPathspecs(patterns.map(patternRoot), MAX_PATHSPECS).map((d) => `:(literal)${d}`);
  // Patterns are latin1 views of their bytes; git is given the bytes back.
  const pathspecs = wide.map(text);
  const slot = new Map(sections.map((s, i) => [s, i]));
  // What is still to find: each section's newest commit, and each of its people with an e-mail.
  let lasts = sections.length;
  let missing = lasts;
  /** The e-mails of people still unseen, with how many listings of them are. */
  const unseen = new Map<string, number>();
  for (const s of sections) {
    for (const p of loaded.people[s]!) {
      if (p.key === null) continue;
      unseen.set(p.key, (unseen.get(p.key) ?? 0) + 1);
      missing++;
    }
  }
  const fileSections = new Map<string, number[]>();
  const sectionsOf = (file: string): number[] => {
    let found = fileSections.get(file);
    if (!found) fileSections.set(file, (found = matcher.cover(file, { only: sections, fileOnly: true }).map((c) => slot.get(c.section)!)));
    return found;
  };

  const see = (c: SeenCommit, trailerKeys: Set<string>): void => {
    const touched = new Set(c.files.flatMap(sectionsOf));
    const author = c.authorEmail.toLowerCase();
    const committer = c.committerEmail.toLowerCase();
    for (const i of touched) {
      const live = out[i]!;
      if (live.last === null) {
        live.last = c.time;
        live.lastSha = c.sha;
        lasts--;
        missing--;
      }
      loaded.people[sections[i]!]!.forEach((p, k) => {
        if (p.key === null || live.seen[k] !== null) return;
        const as = p.key === author ? 'author' : p.key === committer ? 'committer' : trailerKeys.has(p.key) ? 'trailer' : null;
        if (as === null) return;
        live.seen[k] = { date: isoUtc(c.time), sha: c.sha, as };
        missing--;
        const left = unseen.get(p.key)! - 1;
        if (left === 0) unseen.delete(p.key);
        else unseen.set(p.key, left);
      });
    }
  };

  // Commits in walk order. Each waits for its trailers' people (git check-mailmap: trailers name
  // people as written, and are compared after the mailmap, as git maps authors); one from the
  // name walk also waits for its files, asked only when it names someone still unseen.
  interface Pending {
    c: SeenCommit;
    keys: Set<string>;
    waiting: number;
    /** null: not known yet. */
    files: string[] | null;
    /** Its files from the index, read only if wanted. */
    lazy?: (() => string[]) | undefined;
  }
  const repo = { ...ctx.repo, signal };
  // Every e-mail the mailmap could map to someone listed (a superset; the unseen only get fewer):
  // a trailer naming another cannot name anyone still to find, and is not asked of check-mailmap.
  const theirs = new Set(await mailmapAliases(repo, ctx.mailmap, unseen.keys()));
  const stream = ctx.mailmap.length > 0 ? new MailmapStream(repo) : null;
  const changed = new ChangedFiles(repo, [], pathspecs);
  const known = new Map<string, string>();
  const asked = new Map<string, Array<(key: string) => void>>();
  // A queue read from `head`: shift() would move every waiting commit each time.
  let queue: Pending[] = [];
  let head = 0;
  const drain = (): void => {
    while (head < queue.length && queue[head]!.waiting === 0 && queue[head]!.files !== null) {
      const { c, keys, files } = queue[head++]!;
      see({ ...c, files: files! }, keys);
    }
    if (head >= 4096) {
      queue = queue.slice(head);
      head = 0;
    }
  };
  // Once its people are known: a commit of the name walk that names nobody unseen cannot change
  // anything (the unseen only get fewer), and needs no files.
  const ready = (entry: Pending): void => {
    if (entry.files !== null) return;
    const names = unseen.has(entry.c.authorEmail.toLowerCase()) || unseen.has(entry.c.committerEmail.toLowerCase()) || [...entry.keys].some((k) => unseen.has(k));
    if (!names) entry.files = [];
    else if (entry.lazy) entry.files = entry.lazy();
    else
      changed.request(entry.c.sha, (files) => {
        entry.files = files;
        drain();
      });
  };
  const onCommit = (c: SeenCommit, files: string[] | null, lazy?: () => string[]): void => {
    const entry: Pending = { c, keys: new Set<string>(), waiting: 0, files, lazy };
    queue.push(entry);
    for (const t of parseTrailers(c.trailers)) {
      if (!keyOf(t.key).endsWith('-by')) continue;
      const contact = contactOf(t.value);
      if (!contact || !theirs.has(contact.email.toLowerCase())) continue;
      const line = `${contact.name} <${contact.email}>`;
      const hit = known.get(line);
      if (hit !== undefined) entry.keys.add(hit);
      else if (!stream || !askable(contact)) entry.keys.add(contact.email.toLowerCase());
      else {
        entry.waiting++;
        const take = (key: string): void => {
          entry.keys.add(key);
          if (--entry.waiting === 0) ready(entry);
        };
        const pending = asked.get(line);
        if (pending) pending.push(take);
        else {
          asked.set(line, [take]);
          stream.ask(contact, (mapped) => {
            const key = mapped.email.toLowerCase();
            known.set(line, key);
            for (const f of asked.get(line)!) f(key);
            asked.delete(line);
            drain();
          });
        }
      }
    }
    if (entry.waiting === 0) ready(entry);
    drain();
  };
  const q = { sha: ctx.rev.sha, until: ctx.window.until, exclude: ctx.repo.shallow };
  try {
    if (ctx.history) {
      // The index holds every commit's names: the commits under the patterns' directories, in git's
      // order, until every section and person is found. Others touch no section, and are not read.
      const history = ctx.history;
      const roots = coveringPathspecs(patterns.map(patternRoot), MAX_PATHSPECS);
      let read = 0;
      let last = Number.MIN_SAFE_INTEGER;
      let narrow = false;
      /** Now and then, what check-mailmap has answered is seen: true once nothing is left to find. */
      const found = async (): Promise<boolean> => {
        await stream?.flushed();
        drain();
        return missing === 0;
      };
      for (const c of history.seen(roots, ctx.window.until, before)) {
        last = c.ord;
        onCommit({ ...c, files: [] }, c.files());
        // Every section has its newest commit, as at the live walk's hand-over: only commits that
        // name someone still unseen can change anything now, and the index finds those for us.
        if ((narrow = lasts === 0)) break;
        if (++read % 512 === 0 && (await found())) break;
      }
      if (narrow && !(await found())) {
        // Read as before: a commit that names nobody unseen reads no files. Its trailers are read
        // as onCommit reads them; an e-mail the mailmap could map to someone unseen is one of theirs.
        const stillTheirs = new Set(await mailmapAliases(repo, ctx.mailmap, unseen.keys()));
        for (const c of history.naming(roots, ctx.window.until, last, new Set(unseen.keys()), stillTheirs, before)) {
          onCommit({ ...c, files: [] }, null, c.files);
          if (++read % 512 === 0 && (await found())) break;
        }
      }
    } else {
      let last: string | null = null;
      const handedOver = await walkSeen(repo, { ...q, pathspecs }, (c) => {
        last = c.sha;
        onCommit(c, c.files);
      }, () => missing > 0 && lasts > 0);
      if (handedOver && missing > 0) {
        // Only a commit that may name someone still unseen can change anything now, as the index
        // reads them (store.ts naming): the others, most of history, are passed over unread.
        const mayName = (c: SeenCommit): boolean => theirs.has(c.authorEmail.toLowerCase()) || theirs.has(c.committerEmail.toLowerCase()) || namedEmails(c.trailers).some((e) => theirs.has(e));
        // The name walk passes over what the first walk read, up to its last commit.
        let passed = last === null;
        await walkNamed(repo, q, (c) => {
          if (!passed) passed = c.sha === last;
          else if (mayName(c)) onCommit(c, null);
        }, () => missing > 0, () => changed.hurry());
        if (!passed) throw new GitError(`git log did not walk again to ${String(last)}: the history changed during the run`);
      }
    }
  } finally {
    // Every answer of check-mailmap first: a commit's people decide whether its files are asked.
    await stream?.end();
  }
  await changed.end();
  drain();
  return out;
}
