import { randomBytes } from 'node:crypto';
import { COMPRESSION, CONTENT, EXTENSION, HANDSHAKE, OFFERED_GROUPS, SIGNATURE_SCHEMES, VERSION } from './wire.ts';

/** What one probe offers. Everything the server may choose from is explicit, so a test can tell what it was offered. */
export interface HelloSpec {
  /** Highest version in ClientHello.client_version (legacy_version when `supportedVersions` is given). */
  clientVersion: number;
  /** TLSPlaintext.legacy_record_version; default 0x0301, as RFC 8446 §5.1 advises for a first ClientHello. */
  recordVersion?: number;
  suites: number[];
  /** Default [null]. */
  compression?: number[];
  /** SNI host name (RFC 6066 §3); omitted when undefined. */
  serverName?: string;
  /** supported_groups (and ec_point_formats with it); default OFFERED_GROUPS, [] leaves both out. */
  groups?: number[];
  /** signature_algorithms; default SIGNATURE_SCHEMES, leave out with []. Not sent with SSL 3.0. */
  signatureSchemes?: number[];
  /** supported_versions (RFC 8446 §4.2.1); needed to offer TLS 1.3. */
  supportedVersions?: number[];
  /** Groups to send key shares for (TLS 1.3; x25519 and secp256r1 only). */
  keyShares?: number[];
  /** renegotiation_info, empty (RFC 5746 §3.4). Default true. */
  renegotiationInfo?: boolean;
  /** extended_master_secret (RFC 7627 §5.1). Default true. */
  extendedMasterSecret?: boolean;
  /** No extensions block at all (what an SSL 3.0 client sends). */
  noExtensions?: boolean;
}

const u8 = (n: number) => Buffer.from([n & 0xff]);
const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u24 = (n: number) => Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
const list16 = (values: number[]) => Buffer.concat(values.map(u16));
const vec8 = (body: Buffer) => Buffer.concat([u8(body.length), body]);
const vec16 = (body: Buffer) => Buffer.concat([u16(body.length), body]);
const extension = (type: number, body: Buffer) => Buffer.concat([u16(type), vec16(body)]);

/**
 * An ephemeral public key for a TLS 1.3 key share. The probe never completes the key exchange, but a
 * server validates the share before it answers, so it has to be a real point: fresh random bytes for
 * x25519 (any 32 octets are a valid public key, RFC 7748 §5), the generator for secp256r1.
 */
function keyShareEntry(group: number): Buffer {
  if (group === 0x001d) return Buffer.concat([u16(group), vec16(randomBytes(32))]);
  if (group === 0x0017) {
    const gx = Buffer.from('6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296', 'hex');
    const gy = Buffer.from('4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5', 'hex');
    return Buffer.concat([u16(group), vec16(Buffer.concat([u8(4), gx, gy]))]);
  }
  throw new Error(`no key share for group 0x${group.toString(16)}`);
}

function extensions(spec: HelloSpec): Buffer {
  const out: Buffer[] = [];
  if (spec.serverName) {
    const name = Buffer.from(spec.serverName, 'ascii');
    out.push(extension(EXTENSION.serverName, vec16(Buffer.concat([u8(0), vec16(name)]))));
  }
  const groups = spec.groups ?? OFFERED_GROUPS;
  if (groups.length > 0) {
    out.push(extension(EXTENSION.supportedGroups, vec16(list16(groups))));
    out.push(extension(EXTENSION.ecPointFormats, vec8(u8(0))));
  }
  const schemes = spec.signatureSchemes ?? SIGNATURE_SCHEMES;
  if (schemes.length > 0 && spec.clientVersion >= VERSION.tls12) out.push(extension(EXTENSION.signatureAlgorithms, vec16(list16(schemes))));
  if (spec.supportedVersions?.length) out.push(extension(EXTENSION.supportedVersions, vec8(list16(spec.supportedVersions))));
  if (spec.keyShares?.length) out.push(extension(EXTENSION.keyShare, vec16(Buffer.concat(spec.keyShares.map(keyShareEntry)))));
  if (spec.supportedVersions?.includes(VERSION.tls13)) out.push(extension(EXTENSION.pskKeyExchangeModes, vec8(u8(1))));
  if (spec.extendedMasterSecret ?? true) out.push(extension(EXTENSION.extendedMasterSecret, Buffer.alloc(0)));
  if (spec.renegotiationInfo ?? true) out.push(extension(EXTENSION.renegotiationInfo, vec8(Buffer.alloc(0))));
  return vec16(Buffer.concat(out));
}

/** The ClientHello handshake message (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2), without the record header. */
export function clientHelloMessage(spec: HelloSpec): Buffer {
  const body = Buffer.concat([
    u16(spec.clientVersion),
    randomBytes(32),
    // legacy_session_id: 32 random octets in middlebox-compatibility style for TLS 1.3 offers (RFC 8446 §D.4).
    spec.supportedVersions?.includes(VERSION.tls13) ? vec8(randomBytes(32)) : vec8(Buffer.alloc(0)),
    vec16(list16(spec.suites)),
    vec8(Buffer.from(spec.compression ?? [COMPRESSION.null])),
    spec.noExtensions ? Buffer.alloc(0) : extensions(spec),
  ]);
  return Buffer.concat([u8(HANDSHAKE.clientHello), u24(body.length), body]);
}

/** The ClientHello in one handshake record, ready for the wire. */
export function clientHelloRecord(spec: HelloSpec): Buffer {
  const message = clientHelloMessage(spec);
  return Buffer.concat([u8(CONTENT.handshake), u16(spec.recordVersion ?? VERSION.tls10), vec16(message)]);
}
