import net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { Trust } from './smtp-wire.ts';

const WAIT_MS = 2_000;

/** TLS record content types (RFC 8446 §5.1, RFC 5246 §6.2.1). */
export const ALERT = 21;
export const APPLICATION_DATA = 23;

/**
 * A Duplex over a raw TCP socket, handed to tls.connect as its transport, so that the test sees every
 * byte the server sent (TLS records) and when the server's FIN arrived.
 */
class Tap extends Duplex {
  readonly received: Buffer[] = [];
  receivedLength = 0;
  /** How many bytes had arrived when the server's FIN came, or undefined before. */
  finAt: number | undefined;

  constructor(private readonly raw: net.Socket) {
    super();
    raw.on('data', (chunk: Buffer) => {
      this.received.push(chunk);
      this.receivedLength += chunk.length;
      this.push(chunk);
    });
    raw.on('end', () => {
      this.finAt = this.receivedLength;
      this.emit('fin');
      this.push(null);
    });
    raw.on('error', () => undefined);
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.raw.destroyed) return callback();
    this.raw.write(chunk, () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.raw.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.raw.destroy();
    callback(error);
  }

  bytes(from: number, to: number): Buffer {
    return Buffer.concat(this.received).subarray(from, to);
  }
}

/** The content types of the whole TLS records in `bytes` (5-octet header: type, version, length). */
export function recordTypes(bytes: Buffer): number[] {
  const types: number[] = [];
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const type = bytes[offset] ?? 0;
    const length = bytes.readUInt16BE(offset + 3);
    if (offset + 5 + length > bytes.length) throw new Error(`truncated TLS record at ${offset}`);
    types.push(type);
    offset += 5 + length;
  }
  if (offset !== bytes.length) throw new Error(`${bytes.length - offset} stray bytes after the last TLS record`);
  return types;
}

/** An SMTP client whose TLS runs over a tap on the raw socket. */
export class RecordClient {
  private text = '';
  private wake: (() => void) | undefined;

  private constructor(
    private readonly tap: Tap,
    readonly secure: tls.TLSSocket,
  ) {
    secure.on('data', (chunk: Buffer) => {
      this.text += chunk.toString('utf8');
      this.wake?.();
    });
    secure.on('error', () => undefined);
    tap.on('fin', () => this.wake?.());
  }

  /** Implicit TLS: the handshake starts at once. */
  static async implicit(port: number, trust: Trust, version: tls.SecureVersion): Promise<RecordClient> {
    return RecordClient.over(await connect(port), trust, version);
  }

  /** Plaintext greeting and STARTTLS on the raw socket, then TLS over the tap. */
  static async starttls(port: number, trust: Trust, version: tls.SecureVersion): Promise<RecordClient> {
    const raw = await connect(port);
    let plain = '';
    const collect = (chunk: Buffer): void => {
      plain += chunk.toString('latin1');
    };
    raw.on('data', collect);
    await until(() => plain.includes('\r\n'), () => plain);
    raw.write('STARTTLS\r\n');
    await until(() => /\r\n220 [^\r\n]*\r\n$/.test(plain), () => plain);
    raw.off('data', collect);
    return RecordClient.over(raw, trust, version);
  }

  private static async over(raw: net.Socket, trust: Trust, version: tls.SecureVersion): Promise<RecordClient> {
    const tap = new Tap(raw);
    const secure = tls.connect({ socket: tap, ...trust, minVersion: version, maxVersion: version });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    return new RecordClient(tap, secure);
  }

  get protocol(): string | null {
    return this.secure.getProtocol();
  }

  /** Waits for a line that starts with `prefix`, and forgets everything read up to it. */
  async expectLine(prefix: string): Promise<string> {
    let found = '';
    await this.until(() => {
      const match = new RegExp(`(?:^|\\n)(${escape(prefix)}[^\\r\\n]*)\\r\\n`).exec(this.text);
      if (!match) return false;
      found = match[1] ?? '';
      this.text = this.text.slice((match.index ?? 0) + match[0].length);
      return true;
    });
    return found;
  }

  /**
   * Sends QUIT once everything before it has been read, then waits for the server's FIN and returns
   * the content types of the records that came between QUIT and the FIN.
   */
  async quit(): Promise<{ reply: string; records: number[] }> {
    const mark = this.tap.receivedLength;
    this.secure.write('QUIT\r\n');
    const reply = await this.expectLine('221');
    await this.until(() => this.tap.finAt !== undefined);
    const records = recordTypes(this.tap.bytes(mark, this.tap.finAt ?? 0));
    this.secure.destroy();
    return { reply, records };
  }

  write(text: string): void {
    this.secure.write(text);
  }

  destroy(): void {
    this.secure.destroy();
  }

  private async until(ready: () => boolean): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!ready()) {
      if (Date.now() > deadline) throw new Error(`timed out; unread ${JSON.stringify(this.text)}; fin at ${this.tap.finAt}`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 50);
      });
      this.wake = undefined;
    }
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

async function until(ready: () => boolean, shown: () => string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(shown())}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
