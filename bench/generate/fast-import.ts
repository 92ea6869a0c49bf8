// The fast-import stream: chunks handed to git's stdin, with backpressure, so memory stays
// bounded at any scale.
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Chunks about the size of the pipe's buffer (64 KB on Linux): while git reads one, the next is
 * generated. Larger chunks make the two take turns, as the generator writes nothing while it
 * computes (no event-loop turn), and git waits on an empty pipe.
 */
const CHUNK = 64 * 1024;

export class FastImport {
  private chunk = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private ok = true;
  bytesOut = 0;

  constructor(
    private readonly sink: Writable,
    private readonly dead: Promise<never>,
  ) {}

  private room(n: number): void {
    if (this.pos + n <= this.chunk.length) return;
    this.push();
    if (n > this.chunk.length) this.chunk = Buffer.allocUnsafe(n);
  }

  private push(): void {
    if (this.pos === 0) return;
    // The written chunk is handed to the stream; a fresh one is used from here on.
    const out = this.chunk.subarray(0, this.pos);
    this.bytesOut += out.length;
    if (!this.sink.write(out)) this.ok = false;
    this.chunk = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
  }

  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.chunk.write(s, this.pos, 'utf8');
  }

  bytes(b: Buffer, len = b.length): void {
    this.room(len);
    b.copy(this.chunk, this.pos, 0, len);
    this.pos += len;
  }

  /** Hands a full chunk to git, and waits while git's pipe is full (backpressure). */
  async pace(): Promise<void> {
    if (this.pos >= CHUNK - 4096) this.push();
    if (!this.ok) {
      await Promise.race([once(this.sink, 'drain'), this.dead]);
      this.ok = true;
    }
  }

  async end(): Promise<void> {
    this.push();
    await this.pace();
  }
}
