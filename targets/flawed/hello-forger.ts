import { randomBytes } from 'node:crypto';
import type net from 'node:net';
import { Duplex } from 'node:stream';
import type { Flaw } from './flaws.ts';

/**
 * Flaws that OpenSSL 3 cannot show, because the code is compiled out (SSL 3.0, TLS compression, 3DES
 * and RC4 in Node's build) or the behaviour cannot be switched off (renegotiation_info). Under one of
 * them the flawed target reads the client's first TLS record itself and, when the ClientHello asks for
 * what the flaw is about, answers with a forged ServerHello that makes that choice, then closes the
 * connection: no handshake completes. That is enough for the policy cases, which judge the server's
 * choice from its ServerHello alone (RFC 5246 §7.4.1.3); it exists only to prove that those cases can
 * fail (test/self-validation), never to stand in for a real server.
 */
export const FORGED_HELLO_FLAWS = ['ssl3', 'tls-compression', '3des', 'rc4', 'no-secure-renegotiation'] as const satisfies readonly Flaw[];

export function forgesHello(flaws: ReadonlySet<Flaw>): boolean {
  return FORGED_HELLO_FLAWS.some((f) => flaws.has(f));
}

interface OfferedHello {
  version: number;
  suites: number[];
  compression: number[];
  extensions: Map<number, Buffer>;
}

const TRIPLE_DES = new Set([0xc012, 0xc008, 0x0016, 0x000a, 0xc017, 0x001b]);
const RC4 = new Set([0xc011, 0xc007, 0x0005, 0x0004, 0xc016, 0x0018]);
const RENEGOTIATION_INFO = 0xff01;
const EXTENDED_MASTER_SECRET = 23;
const SUPPORTED_VERSIONS = 43;
const MAX_FIRST_RECORD = 16 * 1024;

function parseClientHello(record: Buffer): OfferedHello | undefined {
  try {
    if (record[0] !== 22 || record[5] !== 1) return undefined;
    let at = 9;
    const version = record.readUInt16BE(at);
    at += 2 + 32;
    at += 1 + record[at]!;
    const suitesLength = record.readUInt16BE(at);
    const suites: number[] = [];
    for (let i = 0; i < suitesLength; i += 2) suites.push(record.readUInt16BE(at + 2 + i));
    at += 2 + suitesLength;
    const compression = [...record.subarray(at + 1, at + 1 + record[at]!)];
    at += 1 + record[at]!;
    const extensions = new Map<number, Buffer>();
    if (at + 2 <= record.length) {
      const end = at + 2 + record.readUInt16BE(at);
      at += 2;
      while (at + 4 <= end) {
        const length = record.readUInt16BE(at + 2);
        extensions.set(record.readUInt16BE(at), record.subarray(at + 4, at + 4 + length));
        at += 4 + length;
      }
    }
    return { version, suites, compression, extensions };
  } catch {
    return undefined;
  }
}

const offersTls13 = (hello: OfferedHello): boolean => {
  const versions = hello.extensions.get(SUPPORTED_VERSIONS);
  return versions !== undefined && versions.includes(0x04);
};

/** The ServerHello the flaw calls for, or undefined when this ClientHello is left to the real TLS layer. */
function forgedChoice(hello: OfferedHello, flaws: ReadonlySet<Flaw>): { version: number; suite: number; compression: number; renegotiationInfo: boolean } | undefined {
  if (offersTls13(hello) || hello.suites.length === 0) return undefined;
  const first = hello.suites[0]!;
  const base = { version: Math.min(hello.version, 0x0303), suite: first, compression: 0, renegotiationInfo: hello.extensions.has(RENEGOTIATION_INFO) || hello.suites.includes(0x00ff) };
  if (flaws.has('ssl3') && hello.version === 0x0300) return { ...base, version: 0x0300 };
  if (flaws.has('tls-compression') && hello.compression.includes(1)) return { ...base, compression: 1 };
  const tripleDes = hello.suites.find((s) => TRIPLE_DES.has(s));
  if (flaws.has('3des') && tripleDes !== undefined) return { ...base, suite: tripleDes };
  const rc4 = hello.suites.find((s) => RC4.has(s));
  if (flaws.has('rc4') && rc4 !== undefined) return { ...base, suite: rc4 };
  if (flaws.has('no-secure-renegotiation') && hello.version >= 0x0303) return { ...base, renegotiationInfo: false };
  return undefined;
}

function serverHelloRecord(choice: NonNullable<ReturnType<typeof forgedChoice>>, hello: OfferedHello): Buffer {
  const extensions: Buffer[] = [];
  if (choice.renegotiationInfo) extensions.push(Buffer.from([0xff, 0x01, 0x00, 0x01, 0x00]));
  if (hello.extensions.has(EXTENDED_MASTER_SECRET) && choice.version > 0x0300) extensions.push(Buffer.from([0x00, 0x17, 0x00, 0x00]));
  const extensionBlock = Buffer.concat(extensions);
  const body = Buffer.concat([
    Buffer.from([choice.version >> 8, choice.version & 0xff]),
    randomBytes(32),
    Buffer.from([0]),
    Buffer.from([choice.suite >> 8, choice.suite & 0xff, choice.compression]),
    choice.version > 0x0300 ? Buffer.concat([Buffer.from([extensionBlock.length >> 8, extensionBlock.length & 0xff]), extensionBlock]) : Buffer.alloc(0),
  ]);
  const message = Buffer.concat([Buffer.from([2, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]), body]);
  return Buffer.concat([Buffer.from([22, choice.version >> 8, choice.version & 0xff, message.length >> 8, message.length & 0xff]), message]);
}

/** Replays octets already read from a socket, then passes the socket through: what the real TLS layer reads from. */
class ReplayStream extends Duplex {
  constructor(
    private readonly socket: net.Socket,
    replay: Buffer,
  ) {
    super();
    this.push(replay);
    socket.on('data', (chunk: Buffer) => this.push(chunk));
    socket.on('end', () => this.push(null));
    socket.on('error', (error) => this.destroy(error));
    socket.resume();
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.socket.destroyed) return callback();
    this.socket.write(chunk, () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}

/**
 * Reads the client's first TLS record. Under a forged-hello flaw that this ClientHello triggers, answers
 * with the forged ServerHello and closes, resolving undefined; otherwise resolves a stream that replays
 * the record for the real TLS layer.
 */
export function interceptClientHello(socket: net.Socket, flaws: ReadonlySet<Flaw>, timeoutMs: number): Promise<Duplex | undefined> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    let finished = false;
    const timer = setTimeout(() => done(), timeoutMs);
    const done = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', done);
      socket.pause();
      const complete = buffered.length >= 5 && buffered.length >= 5 + buffered.readUInt16BE(3);
      const hello = complete ? parseClientHello(buffered) : undefined;
      const choice = hello ? forgedChoice(hello, flaws) : undefined;
      if (hello && choice) {
        socket.end(serverHelloRecord(choice, hello));
        return resolve(undefined);
      }
      resolve(new ReplayStream(socket, buffered));
    };
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const whole = buffered.length >= 5 && buffered.length >= 5 + buffered.readUInt16BE(3);
      if (whole || buffered.length > MAX_FIRST_RECORD || buffered[0] !== 22) done();
    };
    socket.on('data', onData);
    socket.once('end', done);
    socket.resume();
  });
}
