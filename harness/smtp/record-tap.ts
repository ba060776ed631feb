import type net from 'node:net';
import { Duplex } from 'node:stream';

/** One TLS record header as it crossed the wire (RFC 8446 §5.1, RFC 5246 §6.2.1). */
export interface RecordHeader {
  contentType: number;
  length: number;
}

/** A record header with the record's bytes after the header, as long as the tap still keeps bodies. */
export interface TappedRecord extends RecordHeader {
  /** The record's fragment (encrypted, once TLS encrypts); absent past BODY_BUDGET. */
  body?: Buffer;
}

export const CONTENT_TYPE = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23 } as const;

/** Octets of non-TLS data a tap keeps. */
const NON_TLS_MAX = 512;

/**
 * Octets of record bodies a tap keeps: enough for a handshake and a short SMTP session, whose records
 * the harness may open again with the session's keys (harness/smtp/tls13-records.ts).
 */
const BODY_BUDGET = 256 * 1024;

/** How long a tapped connection waits for the server's FIN after the client's own. */
const LINGER_MS = 10_000;

/**
 * A pass-through stream between a TCP socket and the TLS layer on top of it, so that the harness can
 * see what TLS hides: the record headers the server sends and whether its TCP FIN came, in order.
 * Node's TLSSocket reports a close_notify and a bare FIN alike ('end'), so this is where they differ.
 */
export class RecordTap extends Duplex {
  private readonly received: RecordHeader[] = [];
  private readonly bodies: (Buffer | undefined)[] = [];
  private bodyBytes = 0;
  private pending = Buffer.alloc(0);
  /**
   * What the server sent from the first byte that cannot start a TLS record (content types 20 to 24,
   * RFC 5246 §6.2.1) on, up to NON_TLS_MAX octets: plaintext written into a TLS connection.
   */
  nonTls: Buffer | undefined;
  private markAt = 0;
  private finSeen = false;

  constructor(private readonly raw: net.Socket) {
    super();
    raw.on('data', (chunk: Buffer) => {
      this.parse(chunk);
      this.push(chunk);
    });
    raw.on('end', () => {
      this.finSeen = true;
      this.push(null);
    });
    raw.on('error', (err) => this.destroy(err));
    raw.on('close', () => this.destroy());
    raw.resume();
  }

  /** From now on, records count as "after the mark". */
  mark(): void {
    this.markAt = this.received.length;
  }

  get recordsSinceMark(): RecordHeader[] {
    return this.received.slice(this.markAt);
  }

  /** Every record since the tap started, with its body while the budget lasted; `mark` is the index of the first one after the mark. */
  get tapped(): { records: TappedRecord[]; mark: number } {
    const records = this.received.map((header, i) => {
      const body = this.bodies[i];
      return body ? { ...header, body } : { ...header };
    });
    return { records, mark: this.markAt };
  }

  get fin(): boolean {
    return this.finSeen;
  }

  /** Resolves when the server's FIN has arrived or `ms` have passed. */
  async waitForFin(ms: number): Promise<boolean> {
    if (this.finSeen) return true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.raw.once('end', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.finSeen;
  }

  private parse(chunk: Buffer): void {
    if (this.nonTls) {
      this.nonTls = Buffer.concat([this.nonTls, chunk]).subarray(0, NON_TLS_MAX);
      return;
    }
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 5) {
      const type = this.pending[0] ?? 0;
      if (type < 20 || type > 24) {
        this.nonTls = this.pending.subarray(0, NON_TLS_MAX);
        this.pending = Buffer.alloc(0);
        return;
      }
      const length = this.pending.readUInt16BE(3);
      if (this.pending.length < 5 + length) return;
      this.received.push({ contentType: this.pending[0] ?? 0, length });
      const keep = this.bodyBytes + length <= BODY_BUDGET;
      this.bodies.push(keep ? Buffer.from(this.pending.subarray(5, 5 + length)) : undefined);
      if (keep) this.bodyBytes += length;
      this.pending = this.pending.subarray(5 + length);
    }
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    this.raw.write(chunk, done);
  }

  override _final(done: (err?: Error | null) => void): void {
    this.raw.end();
    done();
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    // Our FIN went out (the TLS layer ended): keep listening for the server's, which waitForFin reports.
    if (!err && this.raw.writableEnded && !this.finSeen && !this.raw.destroyed) {
      const timer = setTimeout(() => this.raw.destroy(), LINGER_MS);
      timer.unref();
      this.raw.once('end', () => {
        clearTimeout(timer);
        this.raw.destroy();
      });
    } else {
      this.raw.destroy();
    }
    done(err);
  }
}
