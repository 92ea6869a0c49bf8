// The people of the history: authors (Zipf-distributed, with per-subsystem regulars), their old
// addresses that .mailmap joins, and the identities and messages of their commits.
import { FULL_COMMITS } from './params.js';
import { Cumulative, Rng, hash2, zipfWeights } from './random.js';
import { DOMAINS, FIRST, LAST, PROSE, TIMEZONES, WORDS, syllableWord } from './words.js';

export interface Author {
  name: string;
  email: string;
  /** An older address (and sometimes name) used before `switchStep`; .mailmap joins them. */
  alias: string | null;
  aliasName: string | null;
  switchStep: number;
  upperCase: boolean; // sometimes writes the address in mixed case
  tz: string;
}

function makeAuthors(n: number, steps: number, rng: Rng): Author[] {
  const used = new Set<string>();
  const out: Author[] = [];
  for (let i = 0; i < n; i++) {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let key = `${first} ${last}`;
    for (let k = 2; used.has(key); k++) {
      first = rng.pick(FIRST);
      last = rng.pick(LAST);
      key = k > 4 ? `${first} ${last} ${syllableWord(rng, 1, 2)}` : `${first} ${last}`;
    }
    used.add(key);
    const local = key
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/[^a-z0-9]+/g, '.');
    const email = i === 0 ? 'torvalds@linux-foundation.org' : `${local}@${rng.pick(DOMAINS)}`;
    const hasAlias = i > 0 && rng.chance(0.09);
    out.push({
      name: i === 0 ? 'Linus Torvalds' : key,
      email,
      alias: hasAlias ? `${local.split('.')[0]}@${rng.pick(DOMAINS)}` : null,
      aliasName: hasAlias && rng.chance(0.25) ? key.split(' ')[0]!.toUpperCase() + ' ' + last : null,
      switchStep: rng.int(steps),
      upperCase: rng.chance(0.01),
      tz: rng.pick(TIMEZONES),
    });
  }
  // Two people who never set an e-mail address; the key is then their name.
  for (const k of [Math.min(n - 1, 40), Math.min(n - 1, 120)]) {
    const a = out[k]!;
    a.email = '';
    a.alias = null;
  }
  return out;
}

export function mailmapText(authors: Author[]): Buffer {
  const lines = ['# Synthetic .mailmap for the kstat benchmark repository.', '#'];
  for (const a of authors) {
    if (a.alias === null || a.alias === a.email) continue;
    lines.push(a.aliasName ? `${a.name} <${a.email}> ${a.aliasName} <${a.alias}>` : `${a.name} <${a.email}> <${a.alias}>`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

export class People {
  readonly authors: Author[];
  /** Anyone, by how much they write. */
  readonly pick: Cumulative;
  private readonly areaRegulars = new Map<number, number[]>();

  constructor(
    private readonly seed: number,
    private readonly rng: Rng,
    commits: number,
  ) {
    const n = Math.max(60, Math.round(4000 * Math.pow(commits / FULL_COMMITS, 0.55)));
    this.authors = makeAuthors(n, commits, new Rng(hash2(seed, 0xa07)));
    this.pick = new Cumulative(zipfWeights(n, 1.05));
  }

  /** The people who write most of an area's changes; the first maintains its branch. */
  regulars(area: number): number[] {
    let r = this.areaRegulars.get(area);
    if (!r) {
      const rng = new Rng(hash2(this.seed ^ 0xa4ea, area));
      r = [];
      const n = 2 + rng.int(11);
      // The first is the maintainer (never the one who merges into master).
      for (let i = 0; i < n; i++) r.push(1 + (this.pick.sample(rng) % (this.authors.length - 1)));
      this.areaRegulars.set(area, r);
    }
    return r;
  }

  /** Who writes a change in the area: half the time one of its regulars. */
  author(area: number): number {
    if (area >= 0 && this.rng.chance(0.5)) {
      const r = this.regulars(area);
      return r[Math.floor(r.length * Math.pow(this.rng.float(), 2))]!;
    }
    return this.pick.sample(this.rng);
  }

  /** `Name <email>` as the person wrote it at that step (an old address before switching). */
  ident(i: number, step: number): string {
    const a = this.authors[i]!;
    const old = a.alias !== null && step < a.switchStep;
    const name = old && a.aliasName ? a.aliasName : a.name;
    let email = old ? a.alias! : a.email;
    if (a.upperCase && this.rng.chance(0.3)) email = email.replace(/^./, (c) => c.toUpperCase()).replace(/@(.)/, (_, c: string) => `@${c.toUpperCase()}`);
    return `${name} <${email}>`;
  }

  private subjectPrefix(path: string): string {
    const parts = path.split('/');
    if (parts[0] === 'drivers' && parts.length >= 3) return `${parts[1]}/${parts[2]}`;
    if (parts.length >= 2) return parts.slice(0, 2).join('/').replace(/^(fs|net|arch|sound|tools)\//, '');
    return parts[0] || 'treewide';
  }

  /** The message of a commit whose changes are mostly under `path`. */
  message(path: string, authorIdx: number, committerIdx: number): string {
    const rng = this.rng;
    const verbs = ['fix', 'add', 'remove', 'convert', 'use', 'drop', 'introduce', 'refactor', 'clean up', 'simplify', 'support', 'handle', 'avoid', 'document', 'update'];
    const subject = `${this.subjectPrefix(path)}: ${rng.pick(verbs)} ${rng.pick(WORDS)}_${rng.pick(WORDS)} ${rng.pick(PROSE)} ${rng.pick(WORDS)}`;
    const a = this.authors[authorIdx]!;
    const c = this.authors[committerIdx]!;
    const body = `${rng.pick(PROSE)} ${rng.pick(WORDS)} ${rng.pick(PROSE)} ${rng.pick(WORDS)} ${rng.pick(PROSE)} ${rng.pick(WORDS)}.`;
    let m = `${subject}\n\n${body}\n\nSigned-off-by: ${a.name} <${a.email}>\n`;
    if (committerIdx !== authorIdx) m += `Signed-off-by: ${c.name} <${c.email}>\n`;
    return m;
  }

  /** Who commits an author's change on master: the author, or one of the busiest people. */
  committer(authorIdx: number): number {
    return this.rng.chance(0.6) ? authorIdx : this.pick.sample(this.rng) % 12;
  }
}
