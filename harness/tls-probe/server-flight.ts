import { CONTENT, EXTENSION, HANDSHAKE } from './wire.ts';

/** A server's ServerHello (RFC 5246 §7.4.1.3, RFC 8446 §4.1.3), as far as the policy cases need it. */
export interface ServerHello {
  /** ServerHello.server_version / legacy_version. */
  legacyVersion: number;
  /** The version really chosen: supported_versions when present (TLS 1.3), else legacyVersion. */
  version: number;
  suite: number;
  compression: number;
  /** Extension types in the order the server sent them. */
  extensions: number[];
  /** renegotiation_info body, when present (RFC 5746 §3.6: empty on an initial handshake). */
  renegotiationInfo?: Buffer;
  /** RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest. */
  helloRetryRequest: boolean;
}

/** ServerKeyExchange of a TLS ≤ 1.2 handshake: the ECDHE named group or the DHE prime, no key needed. */
export type KeyExchangeParams = { kind: 'ecdhe'; group: number } | { kind: 'dhe'; primeBits: number } | { kind: 'unparsed'; length: number };

export class FlightError extends Error {}

/** SHA-256("HelloRetryRequest"), the random that marks a HelloRetryRequest (RFC 8446 §4.1.3). */
const HRR_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');

class Cursor {
  private at = 0;
  constructor(private readonly bytes: Buffer) {}
  get left(): number {
    return this.bytes.length - this.at;
  }
  take(n: number): Buffer {
    if (n > this.left) throw new FlightError(`truncated: wanted ${n} octets, ${this.left} left`);
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  u8(): number {
    return this.take(1)[0]!;
  }
  u16(): number {
    return this.take(2).readUInt16BE(0);
  }
  u24(): number {
    return this.take(3).readUIntBE(0, 3);
  }
}

export function parseServerHello(body: Buffer): ServerHello {
  const c = new Cursor(body);
  const legacyVersion = c.u16();
  const random = c.take(32);
  c.take(c.u8()); // session_id
  const suite = c.u16();
  const compression = c.u8();
  const hello: ServerHello = { legacyVersion, version: legacyVersion, suite, compression, extensions: [], helloRetryRequest: random.equals(HRR_RANDOM) };
  if (c.left === 0) return hello;
  const ext = new Cursor(c.take(c.u16()));
  while (ext.left > 0) {
    const type = ext.u16();
    const data = ext.take(ext.u16());
    hello.extensions.push(type);
    if (type === EXTENSION.supportedVersions && data.length === 2) hello.version = data.readUInt16BE(0);
    if (type === EXTENSION.renegotiationInfo) hello.renegotiationInfo = data;
  }
  return hello;
}

/** The DER certificates of a TLS ≤ 1.2 Certificate message (RFC 5246 §7.4.2), leaf first. */
export function parseCertificateList(body: Buffer): Buffer[] {
  const c = new Cursor(body);
  const list = new Cursor(c.take(c.u24()));
  const certs: Buffer[] = [];
  while (list.left > 0) certs.push(list.take(list.u24()));
  return certs;
}

/**
 * ECDHE (RFC 8422 §5.4: curve_type 3 = named_curve, then the group) or DHE (RFC 5246 §7.4.3: dh_p
 * first, its length is the prime size). Which one depends on the suite the server chose.
 */
export function parseServerKeyExchange(body: Buffer, kx: 'ecdhe' | 'dhe'): KeyExchangeParams {
  const c = new Cursor(body);
  if (kx === 'ecdhe') {
    const curveType = c.u8();
    if (curveType !== 3) return { kind: 'unparsed', length: body.length };
    return { kind: 'ecdhe', group: c.u16() };
  }
  const p = c.take(c.u16());
  let lead = 0;
  while (lead < p.length && p[lead] === 0) lead++;
  const significant = p.subarray(lead);
  const top = significant[0] ?? 0;
  return { kind: 'dhe', primeBits: significant.length === 0 ? 0 : (significant.length - 1) * 8 + (32 - Math.clz32(top)) };
}

export interface TlsRecord {
  type: number;
  version: number;
  fragment: Buffer;
}

export interface HandshakeMessage {
  type: number;
  body: Buffer;
}

/**
 * Cuts a byte stream into TLS records and the handshake records into handshake messages, which may
 * span records (RFC 5246 §6.2.1). Bounded: a record longer than 2^14 + 2048 octets is an error.
 */
export class FlightReader {
  private pending = Buffer.alloc(0);
  private handshake = Buffer.alloc(0);
  readonly records: TlsRecord[] = [];

  /** Feeds bytes; returns the records and handshake messages they completed. */
  push(bytes: Buffer): { records: TlsRecord[]; messages: HandshakeMessage[] } {
    this.pending = Buffer.concat([this.pending, bytes]);
    const records: TlsRecord[] = [];
    const messages: HandshakeMessage[] = [];
    while (this.pending.length >= 5) {
      const type = this.pending[0]!;
      const version = this.pending.readUInt16BE(1);
      const length = this.pending.readUInt16BE(3);
      if (type < 20 || type > 24 || version >> 8 !== 3) throw new FlightError(`not a TLS record: ${this.pending.subarray(0, 5).toString('hex')}`);
      if (length > (1 << 14) + 2048) throw new FlightError(`TLS record of ${length} octets exceeds the limit`);
      if (this.pending.length < 5 + length) break;
      const record = { type, version, fragment: this.pending.subarray(5, 5 + length) };
      this.pending = this.pending.subarray(5 + length);
      records.push(record);
      this.records.push(record);
      if (type === CONTENT.handshake) {
        this.handshake = Buffer.concat([this.handshake, record.fragment]);
        while (this.handshake.length >= 4) {
          const size = this.handshake.readUIntBE(1, 3);
          if (this.handshake.length < 4 + size) break;
          messages.push({ type: this.handshake[0]!, body: this.handshake.subarray(4, 4 + size) });
          this.handshake = this.handshake.subarray(4 + size);
        }
      }
    }
    return { records, messages };
  }

  /** Bytes received that do not (yet) make a whole record. */
  get partial(): Buffer {
    return this.pending;
  }
}

export const HANDSHAKE_NAMES: Record<number, string> = {
  [HANDSHAKE.serverHello]: 'ServerHello',
  [HANDSHAKE.certificate]: 'Certificate',
  [HANDSHAKE.serverKeyExchange]: 'ServerKeyExchange',
  [HANDSHAKE.certificateRequest]: 'CertificateRequest',
  [HANDSHAKE.serverHelloDone]: 'ServerHelloDone',
  [HANDSHAKE.certificateStatus]: 'CertificateStatus',
};
