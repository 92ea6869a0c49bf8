// Streaming parser of
//   git log --no-merges --full-history -z --format=FORMAT --root -M --raw --numstat
// with FORMAT = %H %P %ct %aN %aE %cN %cE %s %(trailers:only,unfold), each field ended by NUL.
// Per commit git prints: the 9 header fields (each NUL-ended); then, if the commit has a diff,
// a newline, the raw records `:<m> <m> <oid> <oid> <status>\0<path>\0` (two paths for R/C), then the
// numstat records in the same order `<a>\t<r>\t<path>\0` or, for R/C, `<a>\t<r>\t\0<old>\0<new>\0`
// (`-` for both counts of a binary file). The next commit's header follows at once.
// Paths are kept as Buffers (bytes, never decoded); header text is decoded as UTF-8.

export const GIT_FORMAT = '%H%x00%P%x00%ct%x00%aN%x00%aE%x00%cN%x00%cE%x00%s%x00%(trailers:only,unfold)';
export const GIT_ARGS = ['-c', 'core.commitGraph=false', 'log', '--no-merges', '--full-history', '-z',
  `--format=${GIT_FORMAT}`, '--root', '-M', '--raw', '--numstat', 'HEAD'];
const HEADER_FIELDS = 9;
const LF = 10, TAB = 9, COLON = 58, DASH = 45;

/** onCommit(commit) where commit = {seq, sha, parents, time, an, ae, cn, ce, subject, trailers, files:[{status, path, old, added, removed}]} */
export class LogParser {
  constructor(onCommit) {
    this.onCommit = onCommit;
    this.rest = null;       // unfinished token bytes from the previous chunk
    this.cur = null;        // commit being read
    this.header = [];       // header fields read so far
    this.raw = [];          // raw records of the current commit: {status}
    this.nIdx = 0;          // numstat records seen
    this.pending = 0;       // path tokens still expected: 'raw1' | 'raw2' | 'num2'
    this.mode = null;
    this.tmp = null;
    this.seq = 0;
    this.stats = { commits: 0, changes: 0, renames: 0, binary: 0, mismatches: 0 };
  }
  push(chunk) {
    let buf = chunk, start = 0;
    if (this.rest) { buf = Buffer.concat([this.rest, chunk]); this.rest = null; }
    for (;;) {
      const nul = buf.indexOf(0, start);
      if (nul < 0) break;
      this.token(buf.subarray(start, nul));
      start = nul + 1;
    }
    if (start < buf.length) this.rest = Buffer.from(buf.subarray(start)); // copy: chunk may be reused
  }
  end() {
    if (this.rest && this.rest.length) throw new Error('trailing bytes without NUL');
    this.finish();
  }
  finish() {
    if (!this.cur) return;
    if (this.raw.length !== this.cur.files.length) this.stats.mismatches++;
    this.onCommit(this.cur);
    this.cur = null;
  }
  token(t) {
    // expected path tokens come first: they may look like anything
    if (this.pending) {
      const path = Buffer.from(t); // own copy: the chunk buffer is dropped
      if (this.mode === 'raw2') { this.pending = 0; this.mode = null; return; } // raw paths are not kept (numstat repeats them)
      if (this.mode === 'raw1') { this.pending--; if (this.pending === 0) this.mode = null; return; }
      if (this.mode === 'num2') {
        if (this.pending === 2) { this.tmp.old = path; this.pending = 1; return; }
        this.tmp.path = path; this.pending = 0; this.mode = null; this.pushFile(this.tmp); return;
      }
    }
    if (this.header.length > 0 && this.header.length < HEADER_FIELDS) {
      this.header.push(t.toString('utf8'));
      if (this.header.length === HEADER_FIELDS) this.startCommit();
      return;
    }
    if (t.length && t[0] === LF) t = t.subarray(1);
    if (this.cur && t.length && t[0] === COLON) { // raw record
      const sp = t.lastIndexOf(32);
      const status = String.fromCharCode(t[sp + 1]);
      this.raw.push(status);
      this.mode = (status === 'R' || status === 'C') ? 'raw1' : 'raw1';
      this.pending = (status === 'R' || status === 'C') ? 2 : 1;
      return;
    }
    if (this.cur) {
      const t1 = t.indexOf(TAB);
      if (t1 > 0 && (t[0] === DASH || (t[0] >= 48 && t[0] <= 57))) {
        const t2 = t.indexOf(TAB, t1 + 1);
        const bin = t[0] === DASH;
        const f = { status: null, path: null, old: null,
          added: bin ? null : +t.toString('latin1', 0, t1), removed: bin ? null : +t.toString('latin1', t1 + 1, t2) };
        if (t2 === t.length - 1) { this.tmp = f; this.mode = 'num2'; this.pending = 2; return; }
        f.path = Buffer.from(t.subarray(t2 + 1));
        this.pushFile(f);
        return;
      }
    }
    // a new commit: this token is its sha
    this.finish();
    this.header = [t.toString('latin1')];
  }
  pushFile(f) {
    f.status = this.raw[this.cur.files.length] ?? '?';
    if (f.old) this.stats.renames++;
    if (f.added === null) this.stats.binary++;
    this.stats.changes++;
    this.cur.files.push(f);
  }
  startCommit() {
    const h = this.header;
    this.cur = { seq: this.seq++, sha: h[0], parents: h[1], time: +h[2], an: h[3], ae: h[4], cn: h[5], ce: h[6],
      subject: h[7], trailers: h[8], files: [] };
    this.header = [];
    this.raw = [];
    this.stats.commits++;
  }
}
