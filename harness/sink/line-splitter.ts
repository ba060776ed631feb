export type SplitLine = { tooLong: false; raw: Buffer } | { tooLong: true };

/**
 * Splits a byte stream into lines, each kept with its terminator (CRLF, or a bare LF) so message
 * data can be stored exactly as sent. Holds at most `limit` octets of an unfinished line: a longer
 * line is dropped and reported once, as too long, when its end arrives.
 */
export class LineSplitter {
  private pending: Buffer = Buffer.alloc(0);
  private overflowed = false;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
  }

  /** The next complete line, or undefined until more input arrives. */
  next(): SplitLine | undefined {
    const end = this.pending.indexOf(0x0a);
    if (end < 0) {
      if (this.pending.length > this.limit) {
        this.overflowed = true;
        this.pending = Buffer.alloc(0);
      }
      return undefined;
    }
    const raw = this.pending.subarray(0, end + 1);
    this.pending = this.pending.subarray(end + 1);
    if (this.overflowed || raw.length > this.limit) {
      this.overflowed = false;
      return { tooLong: true };
    }
    return { tooLong: false, raw };
  }

  /** Octets received and not yet returned as a line. */
  get size(): number {
    return this.pending.length;
  }
}

/** A line without its CRLF or LF. */
export function stripEol(raw: Buffer): Buffer {
  let end = raw.length;
  if (raw[end - 1] === 0x0a) end--;
  if (raw[end - 1] === 0x0d) end--;
  return raw.subarray(0, end);
}
