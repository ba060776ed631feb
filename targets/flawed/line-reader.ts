const CRLF = Buffer.from('\r\n');

/** How a line ended: the CRLF of RFC 5321 §2.3.8, or (under a flaw) a bare LF or a bare CR. */
export type Terminator = 'crlf' | 'lf' | 'cr';

export type ReadLine = { tooLong: false; bytes: Buffer; terminator: Terminator } | { tooLong: true };

/**
 * Which bare characters end a line besides CRLF. RFC 5321 §2.3.8: "Conforming implementations MUST
 * NOT recognize or generate any other character or character sequence as a line terminator", so the
 * conformant server takes neither (a bare CR or LF stays inside its line); the flaws switch them on.
 */
export interface LineEnds {
  lf?: boolean;
  cr?: boolean;
}

/**
 * Splits input into lines ending in CRLF (and, where `LineEnds` says so, a bare LF or a bare CR). Holds
 * at most `limit` octets of an unfinished line: a longer one is dropped and reported as too long once
 * its end arrives.
 */
export class LineReader {
  private pending: Buffer = Buffer.alloc(0);
  private overflowed = false;

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
  }

  /** `limit` counts the line with its CRLF, as RFC 5321 §4.5.3.1 does. */
  next(limit: number, ends: LineEnds = {}): ReadLine | undefined {
    const found = this.terminator(ends);
    if (!found) {
      if (this.pending.length > limit) {
        this.overflowed = true;
        this.pending = Buffer.alloc(0);
      }
      return undefined;
    }
    const bytes = this.pending.subarray(0, found.at);
    this.pending = this.pending.subarray(found.at + (found.terminator === 'crlf' ? 2 : 1));
    if (this.overflowed) {
      this.overflowed = false;
      return { tooLong: true };
    }
    return bytes.length + 2 > limit ? { tooLong: true } : { tooLong: false, bytes, terminator: found.terminator };
  }

  /** The first line end in what is buffered; a CR at the very end waits for the byte after it. */
  private terminator(ends: LineEnds): { at: number; terminator: Terminator } | undefined {
    const p = this.pending;
    let lf = p.indexOf(0x0a);
    while (lf >= 0 && !ends.lf && p[lf - 1] !== 0x0d) lf = p.indexOf(0x0a, lf + 1);
    let cr = ends.cr ? p.indexOf(0x0d) : -1;
    while (cr >= 0 && p[cr + 1] === 0x0a) cr = p.indexOf(0x0d, cr + 1);
    if (cr >= 0 && cr === p.length - 1) cr = -1;
    const crlfAt = lf > 0 && p[lf - 1] === 0x0d ? lf - 1 : -1;
    const candidates: { at: number; terminator: Terminator }[] = [];
    if (crlfAt >= 0) candidates.push({ at: crlfAt, terminator: 'crlf' });
    else if (lf >= 0) candidates.push({ at: lf, terminator: 'lf' });
    if (cr >= 0) candidates.push({ at: cr, terminator: 'cr' });
    return candidates.sort((a, b) => a.at - b.at)[0];
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
