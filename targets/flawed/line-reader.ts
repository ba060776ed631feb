const CRLF = Buffer.from('\r\n');

export type ReadLine = { tooLong: false; bytes: Buffer } | { tooLong: true };

/**
 * Splits input into lines ending in CRLF or a bare LF (RFC 5321 §2.3.8 asks for CRLF; a bare LF is
 * accepted too). Holds at most `limit` octets of an unfinished line: a longer one is dropped and
 * reported as too long once its end arrives.
 */
export class LineReader {
  private pending: Buffer = Buffer.alloc(0);
  private overflowed = false;

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
  }

  /** `limit` counts the line with its CRLF, as RFC 5321 §4.5.3.1 does. */
  next(limit: number): ReadLine | undefined {
    const end = this.pending.indexOf(0x0a);
    if (end < 0) {
      if (this.pending.length > limit) {
        this.overflowed = true;
        this.pending = Buffer.alloc(0);
      }
      return undefined;
    }
    let bytes = this.pending.subarray(0, end);
    this.pending = this.pending.subarray(end + 1);
    if (this.overflowed) {
      this.overflowed = false;
      return { tooLong: true };
    }
    if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    return bytes.length + 2 > limit ? { tooLong: true } : { tooLong: false, bytes };
  }

  /** Forgets everything received so far (RFC 3207 §4.2: nothing from before TLS may be used after). */
  clear(): void {
    this.pending = Buffer.alloc(0);
    this.overflowed = false;
  }

  /** Forgets everything up to and including the last CRLF; bare-LF lines after it stay (flaw inject-lf). */
  clearThroughLastCrlf(): void {
    const end = this.pending.lastIndexOf(CRLF);
    if (end >= 0) this.pending = this.pending.subarray(end + 2);
    this.overflowed = false;
  }

  /** Forgets the first `octets` received so far, keeping the rest (flaw inject-large). */
  discard(octets: number): void {
    this.pending = this.pending.subarray(Math.min(octets, this.pending.length));
    this.overflowed = false;
  }

  /** Forgets every complete line received so far, keeping an unfinished one. */
  dropCompleteLines(): void {
    const end = this.pending.lastIndexOf(0x0a);
    if (end < 0) return;
    this.pending = this.pending.subarray(end + 1);
    this.overflowed = false;
  }

  /** The first word of what is buffered, upper or lower case as received ('' when none). */
  firstWord(): string {
    return /^\s*(\S+)/.exec(this.pending.subarray(0, 64).toString('latin1'))?.[1] ?? '';
  }

  get size(): number {
    return this.pending.length;
  }
}
