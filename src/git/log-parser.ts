// Pure, streaming parser of `git log -z --numstat --format=LOG_FORMAT`. Works on bytes:
// file names, author names and subjects may hold any byte but NUL, and none can end a record.
//
// git's stream, per commit: the header fields, each ended by NUL; then, when the commit has a
// diff, a newline, with --raw one record per file, `:<modes> <oids> <status>\0<path>\0` (two
// paths for a rename or copy), and with --numstat one record per file in the same order:
//   `<added>\t<removed>\t<path>\0`, or for a rename `<added>\t<removed>\t\0<from>\0<to>\0`,
// with `-` for both counts of a binary file. The next commit starts right after.
import { LogParseError } from '../errors.js';
import { NulSplitter } from './nul-split.js';

/**
 * Header fields, in order: id, committer date, author and committer (mailmapped by git), the
 * trailers (src/kernel/trailers.ts TRAILER_FORMAT: one `Key: value` per line, git's own
 * parsing, never the body), the subject. Add
 * fields before `%s` so the subject stays last.
 */
export const LOG_FORMAT = '%H%x00%ct%x00%aN%x00%aE%x00%cN%x00%cE%x00%(trailers:only,unfold)%x00%s';
/** The same fields with the committer and trailers left empty: for walks that only place commits, git need not read messages. */
export const BRIEF_FORMAT = '%H%x00%ct%x00%aN%x00%aE%x00%x00%x00%x00%s';
const FIELDS = 8;

export interface FileChange {
  /** Lines added and removed; 0 for a binary file. */
  added: number;
  removed: number;
  binary: boolean;
  /** Path after the change (repository-relative bytes). */
  path: Buffer;
  /** Path before the change, for a rename or copy. */
  from?: Buffer;
  /** With --raw: git's status letter (A added, D deleted, M, T, R renamed, C copied). */
  status?: string;
  /** With --raw: a submodule (mode 160000) on either side, which git's submodule settings may hide. */
  gitlink?: boolean;
}

export interface CommitRecord {
  sha: string;
  /** Committer date, epoch seconds. */
  time: number;
  /** Author after .mailmap, as git printed it (bytes: not every name is UTF-8). */
  authorName: Buffer;
  authorEmail: Buffer;
  /** Committer after .mailmap (empty with BRIEF_FORMAT). */
  committerName: Buffer;
  committerEmail: Buffer;
  /** The trailer block as TRAILER_FORMAT prints it (empty with BRIEF_FORMAT): read it with parseTrailers, keep it no longer. */
  trailers: Buffer;
  subject: Buffer;
  files: FileChange[];
  /**
   * From the index only: git could not read this commit's blobs when it was indexed, so `files`
   * has names and statuses but no line counts, and each path's figures are read again from git.
   */
  unreadable?: boolean;
}

const TAB = 9;
const LF = 10;
const DASH = 45;
const COLON = 58;
const SPACE = 32;
const EMPTY = Buffer.alloc(0);

type State = 'header' | 'body' | 'renameFrom' | 'renameTo' | 'rawPath' | 'rawFrom' | 'rawTo';

/** Feed git's output with push(); each complete commit goes to onCommit; end() flushes the last. */
export class LogParser {
  private readonly records = new NulSplitter((tok) => this.token(tok));
  private state: State = 'header';
  private fields: Buffer[] = [];
  private current: CommitRecord | null = null;
  private pendingChange: FileChange | null = null;
  private raw: FileChange[] = [];
  private pendingRaw: FileChange | null = null;

  constructor(private readonly onCommit: (commit: CommitRecord) => void) {}

  push(chunk: Buffer): void {
    this.records.push(chunk);
  }

  end(): void {
    const rest = this.records.tail();
    if (rest && !(rest.length === 1 && rest[0] === LF)) {
      throw new LogParseError(`unexpected end of git log output: ${preview(rest)}`);
    }
    if (this.state === 'header' && this.fields.length > 0) {
      throw new LogParseError(`git log output ended inside a commit header (${this.fields.length}/${FIELDS} fields)`);
    }
    if (this.state !== 'header' && this.state !== 'body') {
      throw new LogParseError('git log output ended inside a rename or raw record');
    }
    this.flush();
  }

  private token(tok: Buffer): void {
    switch (this.state) {
      case 'header':
        this.headerField(tok);
        return;
      case 'renameFrom':
        this.pendingChange!.from = Buffer.from(tok);
        this.state = 'renameTo';
        return;
      case 'renameTo':
        this.pendingChange!.path = Buffer.from(tok);
        this.current!.files.push(this.pendingChange!);
        this.pendingChange = null;
        this.state = 'body';
        return;
      case 'rawFrom':
        this.pendingRaw!.from = Buffer.from(tok);
        this.state = 'rawPath';
        return;
      case 'rawPath':
        this.pendingRaw!.path = Buffer.from(tok);
        this.raw.push(this.pendingRaw!);
        this.pendingRaw = null;
        this.state = 'body';
        return;
      case 'body': {
        // The diff part of a commit opens with a newline.
        const t = tok.length > 0 && tok[0] === LF ? tok.subarray(1) : tok;
        if (t.length > 0 && t[0] === COLON) {
          const status = rawStatus(t);
          this.pendingRaw = { added: 0, removed: 0, binary: false, path: EMPTY, status, ...(rawGitlink(t) ? { gitlink: true } : {}) };
          this.state = status === 'R' || status === 'C' ? 'rawFrom' : 'rawPath';
          return;
        }
        const change = parseNumstat(t);
        if (change) {
          if (change.path.length === 0) {
            this.pendingChange = change;
            this.state = 'renameFrom';
          } else {
            this.current!.files.push(change);
          }
          return;
        }
        this.flush();
        this.state = 'header';
        this.headerField(t);
        return;
      }
    }
  }

  private headerField(tok: Buffer): void {
    if (this.fields.length === 0) {
      const t = tok.length > 0 && tok[0] === LF ? tok.subarray(1) : tok;
      if (!isSha(t)) throw new LogParseError(`expected a commit id in git log output, got ${preview(t)}`);
      this.fields.push(Buffer.from(t));
    } else {
      // Empty fields are common (BRIEF_FORMAT's, a commit without trailers): one shared empty Buffer.
      this.fields.push(tok.length === 0 ? EMPTY : Buffer.from(tok));
    }
    if (this.fields.length < FIELDS) return;
    const [sha, time, name, email, committerName, committerEmail, trailers, subject] = this.fields as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    const seconds = parseUint(time, 0, time.length);
    // git prints no %ct for a committer date it cannot read (one before 1970, say), and walks it as the largest timestamp.
    if (seconds === null) throw new LogParseError(`commit ${sha.toString('latin1')} has a committer date git cannot read (${preview(time)}): git fsck reports such commits; pass --rev a commit that does not reach it`);
    checkCommitTime(sha.toString('latin1'), seconds);
    this.current = { sha: sha.toString('latin1'), time: seconds, authorName: name, authorEmail: email, committerName, committerEmail, trailers, subject, files: [] };
    this.fields = [];
    this.state = 'body';
  }

  private flush(): void {
    const c = this.current;
    if (c) {
      if (this.raw.length > 0) {
        if (c.files.length === 0) c.files = this.raw;
        else if (c.files.length !== this.raw.length) {
          throw new LogParseError(`raw and numstat records differ for commit ${c.sha} (${this.raw.length} vs ${c.files.length})`);
        } else {
          c.files.forEach((f, i) => {
            const raw = this.raw[i]!;
            f.status = raw.status;
            if (raw.gitlink) f.gitlink = true;
          });
        }
      }
      this.onCommit(c);
    }
    this.current = null;
    this.raw = [];
  }
}

/** The last instant a JavaScript date (and so JSON's ISO timestamps) can hold, in seconds. */
const MAX_TIME = 8.64e12;

/** A commit dated past any calendar (a corrupt or forged object) cannot be placed in a month. */
export function checkCommitTime(sha: string, seconds: number): void {
  if (!(seconds <= MAX_TIME)) {
    throw new LogParseError(`commit ${sha} has an impossible date (${seconds}): git fsck reports such commits; pass --rev a commit that does not reach it`);
  }
}

/** `12\t3\tpath`, `-\t-\tpath`, or `5\t0\t` (a rename follows); null when the token is not numstat. */
export function parseNumstat(tok: Buffer): FileChange | null {
  const tab1 = tok.indexOf(TAB);
  if (tab1 <= 0) return null;
  const tab2 = tok.indexOf(TAB, tab1 + 1);
  if (tab2 <= tab1 + 1) return null;
  const binary = tab1 === 1 && tok[0] === DASH;
  if (binary) {
    if (!(tab2 === 3 && tok[2] === DASH)) return null;
    return { added: 0, removed: 0, binary: true, path: Buffer.from(tok.subarray(tab2 + 1)) };
  }
  const added = parseUint(tok, 0, tab1);
  const removed = parseUint(tok, tab1 + 1, tab2);
  if (added === null || removed === null) return null;
  return { added, removed, binary: false, path: Buffer.from(tok.subarray(tab2 + 1)) };
}

/** The status letter of a raw record `:100644 100644 <oid> <oid> R087`. */
function rawStatus(tok: Buffer): string {
  const sp = tok.lastIndexOf(SPACE);
  const letter = sp === -1 ? undefined : tok[sp + 1];
  if (letter === undefined || letter < 65 || letter > 90) throw new LogParseError(`unexpected raw record in git log output: ${preview(tok)}`);
  return String.fromCharCode(letter);
}

const GITLINK = Buffer.from('160000');

/** Whether a raw record `:<mode> <mode> …` has a submodule's mode on either side (compared in place: this runs for every file of a walk). */
function rawGitlink(tok: Buffer): boolean {
  const sp = tok.indexOf(SPACE);
  const sp2 = tok.indexOf(SPACE, sp + 1);
  return (sp === 1 + GITLINK.length && tok.compare(GITLINK, 0, GITLINK.length, 1, sp) === 0) || (sp2 - sp - 1 === GITLINK.length && tok.compare(GITLINK, 0, GITLINK.length, sp + 1, sp2) === 0);
}

function parseUint(buf: Buffer, from: number, to: number): number | null {
  if (to <= from || to - from > 15) return null;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  return n;
}

function isSha(t: Buffer): boolean {
  if (t.length !== 40 && t.length !== 64) return false;
  for (const c of t) {
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function preview(b: Buffer): string {
  return JSON.stringify(b.subarray(0, 60).toString('latin1'));
}
