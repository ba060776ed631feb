import type { Duplex } from 'node:stream';
import { HarnessError, closedError, describeSocketError, timeoutError } from './errors.ts';

export interface ReaderLimits {
  /** Longest line accepted, in bytes; RFC 5321 §4.5.3.1.5 allows 512 for a reply line, so this is generous. */
  maxLineBytes: number;
  /** Total bytes one connection may deliver before the harness gives up on it. */
  maxTotalBytes: number;
}

export const DEFAULT_LIMITS: ReaderLimits = { maxLineBytes: 8192, maxTotalBytes: 1 << 20 };

/**
 * Buffers what one stream delivers and hands it out as CRLF lines or raw chunks, each wait bounded by a
 * deadline. It can be detached from a plaintext socket and attached to the TLS socket that wraps it,
 * keeping what was left over so the caller can tell whether the server spoke out of turn.
 */
export class ByteReader {
  private buffer = Buffer.alloc(0);
  private total = 0;
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private stream: Duplex | undefined;

  constructor(private readonly limits: ReaderLimits = DEFAULT_LIMITS) {}

  private readonly onData = (chunk: Buffer) => {
    this.total += chunk.length;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (this.total > this.limits.maxTotalBytes) {
      this.failure = new HarnessError(`server sent more than ${this.limits.maxTotalBytes} bytes on one connection`, 'overflow');
      this.stream?.destroy();
    }
    this.notify();
  };
  private readonly onEnd = () => {
    this.ended = true;
    this.notify();
  };
  private readonly onError = (err: Error) => {
    this.failure ??= describeSocketError(err, 'read');
    this.ended = true;
    this.notify();
  };

  attach(stream: Duplex): void {
    this.stream = stream;
    this.ended = false;
    stream.on('data', this.onData);
    stream.on('end', this.onEnd);
    stream.on('close', this.onEnd);
    stream.on('error', this.onError);
  }

  /** Stops listening and returns what was buffered but not read. */
  detach(): Buffer {
    const stream = this.stream;
    if (stream) {
      stream.off('data', this.onData);
      stream.off('end', this.onEnd);
      stream.off('close', this.onEnd);
      stream.off('error', this.onError);
      stream.pause();
    }
    this.stream = undefined;
    const rest = this.buffer;
    this.buffer = Buffer.alloc(0);
    return rest;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** Bytes the stream delivered so far, read or not. */
  get received(): number {
    return this.total;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** `budgetMs` is the whole wait the caller allowed, which is what a timeout message reports. */
  private waitForData(deadline: number, what: string, budgetMs: number): Promise<void> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return Promise.reject(timeoutError(what, budgetMs));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        reject(timeoutError(what, budgetMs));
      }, remaining);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One line without its CRLF. A bare LF, an over-long line or a close mid-line is an error. */
  async readLine(deadline: number, what: string, budgetMs: number): Promise<string> {
    for (;;) {
      const lf = this.buffer.indexOf(0x0a);
      if (lf >= 0) {
        if (lf === 0 || this.buffer[lf - 1] !== 0x0d) {
          const line = this.buffer.subarray(0, lf).toString('latin1');
          throw new HarnessError(`malformed reply line ending (bare LF): ${JSON.stringify(line.slice(0, 80))}`, 'malformed');
        }
        const line = this.buffer.subarray(0, lf - 1).toString('latin1');
        this.buffer = this.buffer.subarray(lf + 1);
        return line;
      }
      if (this.buffer.length > this.limits.maxLineBytes) {
        throw new HarnessError(`reply line longer than ${this.limits.maxLineBytes} bytes`, 'overflow');
      }
      if (this.failure) throw this.failure;
      if (this.ended) throw closedError(what);
      await this.waitForData(deadline, what, budgetMs);
    }
  }

  /**
   * Everything that arrives within `ms` (or until the peer closes), without parsing it. Used where
   * silence is the correct answer: the quiet window after a STARTTLS handshake, plaintext on 465.
   */
  async drain(ms: number): Promise<{ bytes: Buffer; closed: boolean }> {
    const deadline = Date.now() + ms;
    while (!this.ended && !this.failure && Date.now() < deadline) {
      try {
        await this.waitForData(deadline, 'quiet window', ms);
      } catch {
        break;
      }
    }
    const bytes = this.buffer;
    this.buffer = Buffer.alloc(0);
    return { bytes, closed: this.ended };
  }
}
