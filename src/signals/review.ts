// Review trailers (docs/signals.md "Review trailers"): what each commit of a batch's walk carries,
// read from its trailer block as it passes and kept as a few numbers, its people as ids. git's
// mailmap maps the people once for the whole batch, after the walk (resolve); each path keeps
// only its commits' numbers (ReviewTally). Pure: the mapping is given, not looked up.
import { contactOf, keyOf, parseTrailers, type Contact } from '../kernel/trailers.js';
import type { ReviewFigures } from '../types.js';

/** The trailer kinds counted with their people, in the JSON's order. */
export const KINDS = ['signed_off_by', 'reviewed_by', 'acked_by', 'tested_by', 'reported_by', 'co_developed_by'] as const;
export type Kind = (typeof KINDS)[number];
const SOB = 0;
const REVIEWED = 1;
const ACKED = 2;
const KIND_OF = new Map<string, number>(KINDS.map((k, i) => [k.replace(/_/g, '-'), i]));

/** Marks of a commit, one bit each. */
const FIXES = 1;
const STABLE = 2;
const REVERT = 4;

const STABLE_LISTS = new Set(['stable@vger.kernel.org', 'stable@kernel.org']);
/** git revert's subject; `Reapply "…"`, git's revert of a revert, puts the change back and is no revert. */
const REVERT_PREFIX = Buffer.from('Revert "', 'latin1');

/**
 * The identity a person counts as, as authorKey (aggregate.ts) reads authors: the e-mail,
 * ASCII letters lower-cased; the name where there is no e-mail. latin1 strings.
 */
export function identityKey(name: string, email: string): string {
  return email.length > 0 ? `e:${email.replace(/[A-Z]/g, (c) => c.toLowerCase())}` : `n:${name}`;
}

/** Whether a `Cc:` value names the stable list: `stable@vger.kernel.org # 5.10`, `<stable@kernel.org>`, `Stable <STABLE@…>`. */
export function isStableCc(value: string): boolean {
  // A `#` comment may follow the address without a blank.
  const c = contactOf(value.split('#')[0]!);
  return c !== null && STABLE_LISTS.has(c.email.toLowerCase());
}

/** One commit as the book takes it: its author and committer as git mapped them, its trailer block and subject. */
export interface ReviewInput {
  authorKey: string;
  committerKey: string;
  trailers: Buffer;
  subject: Buffer;
}

/** Growable Uint32 storage: a run over thousands of paths keeps one per path. */
export class U32List {
  private data = new Uint32Array(8);
  length = 0;

  push(n: number): void {
    if (this.length === this.data.length) {
      const more = new Uint32Array(this.data.length * 2);
      more.set(this.data);
      this.data = more;
    }
    this.data[this.length++] = n;
  }

  at(i: number): number {
    return this.data[i]!;
  }
}

/** The trailers of a batch's commits: per commit its marks, author, committer and (kind, contact) pairs. */
export class ReviewBook {
  private readonly contactIds = new Map<string, number>();
  private readonly contacts: Contact[] = [];
  private readonly personIds = new Map<string, number>();
  private readonly people: string[] = [];
  /** Per raw contact, the person it maps to; until resolve(), its own identity. */
  private personOf: Uint32Array | null = null;
  private readonly starts = new U32List();
  /** Per commit: marks, author, committer, n, then n entries `contact * 8 + kind`. */
  private readonly data = new U32List();

  /** Takes a commit's trailers as it passes; its number for ReviewTally. */
  record(c: ReviewInput): number {
    let marks = c.subject.subarray(0, REVERT_PREFIX.length).equals(REVERT_PREFIX) ? REVERT : 0;
    const entries: number[] = [];
    for (const t of parseTrailers(c.trailers)) {
      const key = keyOf(t.key);
      if (key === 'fixes') marks |= FIXES;
      else if (key === 'cc') {
        if (isStableCc(t.value)) marks |= STABLE;
      } else {
        const kind = KIND_OF.get(key);
        const who = kind === undefined ? null : contactOf(t.value);
        if (who) {
          const entry = this.contact(who) * 8 + kind!;
          if (!entries.includes(entry)) entries.push(entry);
        }
      }
    }
    const i = this.starts.length;
    this.starts.push(this.data.length);
    this.data.push(marks);
    this.data.push(this.person(c.authorKey));
    this.data.push(this.person(c.committerKey));
    this.data.push(entries.length);
    for (const e of entries) this.data.push(e);
    return i;
  }

  /** The distinct contacts the trailers named, for the mailmap. */
  named(): readonly Contact[] {
    return this.contacts;
  }

  /** The contacts of named() as the mailmap maps them, in the same order. */
  resolve(mapped: readonly Contact[]): void {
    const of = new Uint32Array(this.contacts.length);
    this.contacts.forEach((c, i) => {
      const m = mapped[i] ?? c;
      of[i] = this.person(identityKey(m.name, m.email));
    });
    this.personOf = of;
  }

  /** A person's identity (identityKey). */
  key(person: number): string {
    return this.people[person]!;
  }

  /** Commit `i`'s facts, handed to `f`: marks, author, committer, then its (kind, person) pairs. */
  read(i: number, f: (marks: number, author: number, committer: number, kinds: ReadonlyArray<readonly [number, number]>) => void): void {
    let at = this.starts.at(i);
    const marks = this.data.at(at++);
    const author = this.data.at(at++);
    const committer = this.data.at(at++);
    const n = this.data.at(at++);
    const pairs: Array<[number, number]> = [];
    for (let k = 0; k < n; k++) {
      const e = this.data.at(at++);
      const contact = Math.floor(e / 8);
      pairs.push([e % 8, this.personOf ? this.personOf[contact]! : this.raw(contact)]);
    }
    f(marks, author, committer, pairs);
  }

  private raw(contact: number): number {
    const c = this.contacts[contact]!;
    return this.person(identityKey(c.name, c.email));
  }

  private contact(c: Contact): number {
    const k = `${c.name}\0${c.email}`;
    let id = this.contactIds.get(k);
    if (id === undefined) {
      id = this.contacts.length;
      this.contacts.push(c);
      this.contactIds.set(k, id);
    }
    return id;
  }

  private person(key: string): number {
    let id = this.personIds.get(key);
    if (id === undefined) {
      id = this.people.length;
      this.people.push(key);
      this.personIds.set(key, id);
    }
    return id;
  }
}

/** The figures of one set of commits, while counting. */
class Counting {
  commits = 0;
  marked = [0, 0, 0, 0];
  kinds = KINDS.map(() => 0);
  people = KINDS.map(() => new Set<number>());

  add(marks: number, author: number, pairs: ReadonlyArray<readonly [number, number]>): void {
    this.commits++;
    let seen = 0;
    for (const [kind, person] of pairs) {
      // Signing off one's own patch is no one else handling it.
      if (kind === SOB && person === author) continue;
      seen |= 1 << kind;
      this.people[kind]!.add(person);
    }
    this.kinds.forEach((_, k) => {
      if (seen & (1 << k)) this.kinds[k]!++;
    });
    if (seen & ((1 << REVIEWED) | (1 << ACKED))) this.marked[0]!++;
    if (marks & FIXES) this.marked[1]!++;
    if (marks & STABLE) this.marked[2]!++;
    if (marks & REVERT) this.marked[3]!++;
  }

  figures(): ReviewFigures {
    const n = this.commits;
    const marked = (k: number) => ({ commits: this.marked[k]!, share: n === 0 ? null : this.marked[k]! / n });
    const kind = (k: number) => ({ commits: this.kinds[k]!, people: this.people[k]!.size });
    return {
      commits: n,
      reviewed_or_acked: marked(0),
      signed_off_by: kind(0),
      reviewed_by: kind(1),
      acked_by: kind(2),
      tested_by: kind(3),
      reported_by: kind(4),
      co_developed_by: kind(5),
      fixes: marked(1),
      stable: marked(2),
      reverts: marked(3),
    };
  }
}

/** Trailer kinds whose person covers a commit for a maintainer: Signed-off-by, Reviewed-by, Acked-by. */
const COVERING = (1 << SOB) | (1 << REVIEWED) | (1 << ACKED);

/** One path's commits in the window, as numbers into its batch's book, each with whether it is a sweep. */
export class ReviewTally {
  private readonly commits = new U32List();

  constructor(private readonly book: ReviewBook) {}

  add(commit: number, sweep: boolean): void {
    this.commits.push(commit * 2 + (sweep ? 1 : 0));
  }

  figures(): { all: ReviewFigures; substantive: ReviewFigures } {
    const all = new Counting();
    const substantive = new Counting();
    this.each((sweep, marks, author, _committer, pairs) => {
      all.add(marks, author, pairs);
      if (!sweep) substantive.add(marks, author, pairs);
    });
    return { all: all.figures(), substantive: substantive.figures() };
  }

  /**
   * The share of the commits that a listed person (mapped, lower-cased e-mails) signed off,
   * reviewed or acked, or committed; null without commits.
   */
  coverage(emails: ReadonlySet<string>): number | null {
    if (this.commits.length === 0) return null;
    const listed = new Set([...emails].map((e) => `e:${e}`));
    const known = new Map<number, boolean>();
    const isListed = (person: number): boolean => {
      let hit = known.get(person);
      if (hit === undefined) known.set(person, (hit = listed.has(this.book.key(person))));
      return hit;
    };
    let covered = 0;
    this.each((_sweep, _marks, _author, committer, pairs) => {
      if (isListed(committer) || pairs.some(([kind, person]) => (COVERING & (1 << kind)) !== 0 && isListed(person))) covered++;
    });
    return covered / this.commits.length;
  }

  private each(f: (sweep: boolean, marks: number, author: number, committer: number, pairs: ReadonlyArray<readonly [number, number]>) => void): void {
    for (let i = 0; i < this.commits.length; i++) {
      const e = this.commits.at(i);
      this.book.read(Math.floor(e / 2), (marks, author, committer, pairs) => f(e % 2 === 1, marks, author, committer, pairs));
    }
  }
}
