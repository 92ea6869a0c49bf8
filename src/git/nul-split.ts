// NUL-ended records out of a byte stream that arrives in arbitrary chunks.

export class NulSplitter {
  private rest: Buffer | null = null;

  constructor(private readonly onRecord: (record: Buffer) => void) {}

  push(chunk: Buffer): void {
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    for (let end = buf.indexOf(0, start); end !== -1; end = buf.indexOf(0, start)) {
      this.onRecord(buf.subarray(start, end));
      start = end + 1;
    }
    // Copy the tail: a slice would pin the whole chunk in memory.
    this.rest = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
  }

  /** Bytes after the last NUL (a record git did not finish), or null. */
  tail(): Buffer | null {
    return this.rest;
  }
}
