import { createDecipheriv, createHmac, type CipherCCMTypes, type CipherChaCha20Poly1305Types, type CipherGCMTypes } from 'node:crypto';
import { CONTENT_TYPE, type TappedRecord } from './record-tap.ts';

/**
 * TLS 1.3 hides a record's real content type inside the encryption (RFC 8446 §5.2: every protected
 * record is "application_data" on the wire), so a close_notify alert, a NewSessionTicket and a piece
 * of an SMTP reply look alike. The harness is the client: with its own traffic secrets (Node's
 * 'keylog' event, the NSS key log format) it opens the server's records again and reads what each one
 * was. Only the harness's own test connections are opened, and the secrets never leave the process.
 */

/** What a server record carried. */
export interface OpenedRecord {
  /** The content type on the wire (RFC 8446 §5.1). */
  contentType: number;
  length: number;
  /** The real content type and what it said; absent when the record could not be opened. */
  inner?: InnerContent;
}

export interface InnerContent {
  /** RFC 8446 §5.1 ContentType of the inner plaintext. */
  type: number;
  /** Octets of content (padding and the type octet removed). */
  length: number;
  /** Handshake messages: the first message's HandshakeType (RFC 8446 §4), e.g. 4 new_session_ticket. */
  handshakeType?: number;
  /** Alerts: level and AlertDescription (RFC 8446 §6), e.g. 0 close_notify. */
  alert?: { level: number; description: number };
}

export const ALERT_CLOSE_NOTIFY = 0;

const ALERT_NAMES: Record<number, string> = { 0: 'close_notify', 10: 'unexpected_message', 20: 'bad_record_mac', 40: 'handshake_failure', 80: 'internal_error', 90: 'user_canceled' };
const HANDSHAKE_NAMES: Record<number, string> = { 4: 'new_session_ticket', 13: 'certificate_request', 24: 'key_update' };
const TYPE_NAMES: Record<number, string> = { 20: 'change_cipher_spec', 21: 'alert', 22: 'handshake', 23: 'application_data' };

/** A record in words for a report: "alert close_notify", "handshake new_session_ticket", "application_data (4 octets)". */
export function describeInner(inner: InnerContent): string {
  const type = TYPE_NAMES[inner.type] ?? `content type ${inner.type}`;
  if (inner.alert) return `${type} ${ALERT_NAMES[inner.alert.description] ?? `description ${inner.alert.description}`}`;
  if (inner.handshakeType !== undefined) return `${type} ${HANDSHAKE_NAMES[inner.handshakeType] ?? `type ${inner.handshakeType}`}`;
  return `${type} (${inner.length} octets)`;
}

interface Aead {
  cipher: CipherGCMTypes | CipherCCMTypes | CipherChaCha20Poly1305Types;
  keyLength: number;
  hash: 'sha256' | 'sha384';
  tagLength: number;
}

/** The TLS 1.3 cipher suites (RFC 8446 §B.4). */
const SUITES: Record<string, Aead> = {
  TLS_AES_128_GCM_SHA256: { cipher: 'aes-128-gcm', keyLength: 16, hash: 'sha256', tagLength: 16 },
  TLS_AES_256_GCM_SHA384: { cipher: 'aes-256-gcm', keyLength: 32, hash: 'sha384', tagLength: 16 },
  TLS_CHACHA20_POLY1305_SHA256: { cipher: 'chacha20-poly1305', keyLength: 32, hash: 'sha256', tagLength: 16 },
  TLS_AES_128_CCM_SHA256: { cipher: 'aes-128-ccm', keyLength: 16, hash: 'sha256', tagLength: 16 },
  TLS_AES_128_CCM_8_SHA256: { cipher: 'aes-128-ccm', keyLength: 16, hash: 'sha256', tagLength: 8 },
};

/** HKDF-Expand-Label (RFC 8446 §7.1) for outputs no longer than one hash block, which is all this needs. */
function expandLabel(hash: Aead['hash'], secret: Buffer, label: string, length: number): Buffer {
  const full = Buffer.from(`tls13 ${label}`, 'latin1');
  const info = Buffer.concat([Buffer.from([length >> 8, length & 0xff, full.length]), full, Buffer.from([0])]);
  return createHmac(hash, secret).update(Buffer.concat([info, Buffer.from([1])])).digest().subarray(0, length);
}

const HASH_LENGTH: Record<Aead['hash'], number> = { sha256: 32, sha384: 48 };

/** One direction's keys at one generation, and the next record's sequence number (RFC 8446 §5.3). */
class TrafficKeys {
  private seq = 0n;
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(
    private readonly aead: Aead,
    readonly secret: Buffer,
  ) {
    this.key = expandLabel(aead.hash, secret, 'key', aead.keyLength);
    this.iv = expandLabel(aead.hash, secret, 'iv', 12);
  }

  /** The next generation after a KeyUpdate (RFC 8446 §7.2). */
  next(): TrafficKeys {
    return new TrafficKeys(this.aead, expandLabel(this.aead.hash, this.secret, 'traffic upd', HASH_LENGTH[this.aead.hash]));
  }

  /** The record's inner plaintext, or undefined when these keys did not protect it (the tag does not verify). */
  open(record: TappedRecord & { body: Buffer }): Buffer | undefined {
    const { tagLength } = this.aead;
    if (record.body.length < tagLength + 1) return undefined;
    const nonce = Buffer.from(this.iv);
    const seq = Buffer.alloc(8);
    seq.writeBigUInt64BE(this.seq);
    for (let i = 0; i < 8; i++) nonce[4 + i] = (nonce[4 + i] ?? 0) ^ (seq[i] ?? 0);
    const header = Buffer.from([record.contentType, 3, 3, record.body.length >> 8, record.body.length & 0xff]);
    const ciphertext = record.body.subarray(0, record.body.length - tagLength);
    try {
      const decipher = createDecipheriv(this.aead.cipher as CipherGCMTypes, this.key, nonce, { authTagLength: tagLength });
      decipher.setAuthTag(record.body.subarray(record.body.length - tagLength));
      decipher.setAAD(header, { plaintextLength: ciphertext.length });
      const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
      this.seq += 1n;
      return plaintext;
    } catch {
      return undefined;
    }
  }
}

/** TLSInnerPlaintext (RFC 8446 §5.2): content, then the type octet, then zero padding. */
function innerContent(plaintext: Buffer): InnerContent | undefined {
  let end = plaintext.length;
  while (end > 0 && plaintext[end - 1] === 0) end--;
  if (end === 0) return undefined;
  const type = plaintext[end - 1] ?? 0;
  const content = plaintext.subarray(0, end - 1);
  if (type === CONTENT_TYPE.alert && content.length >= 2) return { type, length: content.length, alert: { level: content[0] ?? 0, description: content[1] ?? 0 } };
  if (type === CONTENT_TYPE.handshake && content.length >= 1) return { type, length: content.length, handshakeType: content[0] ?? 0 };
  return { type, length: content.length };
}

/** The secrets of one connection from Node's 'keylog' lines: label → secret. */
export function keylogSecrets(lines: readonly string[]): Map<string, Buffer> {
  const secrets = new Map<string, Buffer>();
  for (const line of lines) {
    const [label, , secret] = line.trim().split(' ');
    if (label && secret) secrets.set(label, Buffer.from(secret, 'hex'));
  }
  return secrets;
}

/**
 * The server's records of a TLS 1.3 connection, from the first on, opened with the connection's
 * server traffic secrets: handshake-protected records first, then application traffic (following any
 * KeyUpdate). A record no key opens, or whose body the tap did not keep, comes back without `inner`,
 * and so does every record after it (its sequence number is lost). Plaintext alerts (outer type 21)
 * are read as they are.
 */
export function openServerRecords(records: readonly TappedRecord[], suite: string, secrets: ReadonlyMap<string, Buffer>): OpenedRecord[] {
  const aead = SUITES[suite];
  const handshakeSecret = secrets.get('SERVER_HANDSHAKE_TRAFFIC_SECRET');
  const applicationSecret = secrets.get('SERVER_TRAFFIC_SECRET_0');
  const opened: OpenedRecord[] = [];
  let handshake = aead && handshakeSecret ? new TrafficKeys(aead, handshakeSecret) : undefined;
  let application = aead && applicationSecret ? new TrafficKeys(aead, applicationSecret) : undefined;
  let lost = !aead || !application;
  for (const record of records) {
    const header = { contentType: record.contentType, length: record.length };
    if (record.contentType === CONTENT_TYPE.alert && record.body && record.body.length === 2) {
      opened.push({ ...header, inner: { type: CONTENT_TYPE.alert, length: 2, alert: { level: record.body[0] ?? 0, description: record.body[1] ?? 0 } } });
      continue;
    }
    // The ServerHello and the compatibility change_cipher_spec (RFC 8446 §D.4) are not protected.
    if (record.contentType !== CONTENT_TYPE.applicationData) {
      opened.push({ ...header, inner: { type: record.contentType, length: record.length } });
      continue;
    }
    if (lost || !record.body || !application) {
      lost = true;
      opened.push(header);
      continue;
    }
    const body = record.body;
    let plaintext = handshake?.open({ ...record, body });
    if (plaintext === undefined) {
      // The first record the handshake keys do not open is the first of the application traffic.
      handshake = undefined;
      plaintext = application.open({ ...record, body });
    }
    const inner = plaintext === undefined ? undefined : innerContent(plaintext);
    if (!inner) {
      lost = true;
      opened.push(header);
      continue;
    }
    opened.push({ ...header, inner });
    if (!handshake && inner.type === CONTENT_TYPE.handshake && inner.handshakeType === 24) application = application.next();
  }
  return opened;
}
