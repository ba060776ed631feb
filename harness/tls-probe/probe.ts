import type net from 'node:net';
import { cipherSuite, suiteName } from './cipher-suites.ts';
import { clientHelloRecord, type HelloSpec } from './client-hello.ts';
import { FlightError, FlightReader, parseCertificateList, parseServerHello, parseServerKeyExchange, type KeyExchangeParams, type ServerHello } from './server-flight.ts';
import { printable } from '../smtp/wire-log.ts';
import { CONTENT, HANDSHAKE, VERSION, alertName, groupName, versionName } from './wire.ts';

export interface ProbeLimits {
  /** Bound on the whole exchange, from the ClientHello to the last message read. */
  timeoutMs: number;
  /** Bytes the server may send before the probe stops reading. */
  maxBytes: number;
}

export const DEFAULT_PROBE_LIMITS: ProbeLimits = { timeoutMs: 5_000, maxBytes: 64 * 1024 };

export interface Alert {
  level: number;
  description: number;
}

/** What the server answered to one ClientHello. The probe never completes a key exchange. */
export type ProbeResult =
  | {
      outcome: 'hello';
      hello: ServerHello;
      /** DER certificates of a TLS ≤ 1.2 Certificate message (plaintext there), leaf first. */
      certificates: Buffer[];
      keyExchange?: KeyExchangeParams;
      /** ServerHelloDone (TLS ≤ 1.2), or a TLS 1.3 ServerHello / HelloRetryRequest, after which the rest is encrypted. */
      complete: boolean;
      /** An alert that followed the ServerHello. */
      alert?: Alert;
    }
  | { outcome: 'alert'; alert: Alert }
  /**
   * A refusal in a plaintext SMTP line instead of (or after) TLS records: chasquid answers a failed
   * STARTTLS handshake with "554 5.5.0 Error in TLS handshake …" in clear. `alert` when one came first.
   */
  | { outcome: 'smtp-refusal'; reply: string; alert?: Alert }
  | { outcome: 'closed'; afterBytes: number }
  | { outcome: 'timeout'; afterBytes: number }
  | { outcome: 'malformed'; reason: string };

/** Sends one ClientHello on a socket that is where a ClientHello belongs, and reads the server's first flight. */
export function probe(socket: net.Socket, spec: HelloSpec, limits: ProbeLimits = DEFAULT_PROBE_LIMITS): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const reader = new FlightReader();
    let received = 0;
    let hello: ServerHello | undefined;
    let certificates: Buffer[] = [];
    let keyExchange: KeyExchangeParams | undefined;
    let done = false;

    const finish = (result: ProbeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onClose);
      socket.off('close', onClose);
      socket.off('error', onClose);
      resolve(result);
    };
    const helloResult = (complete: boolean, alert?: Alert): ProbeResult => ({
      outcome: 'hello',
      hello: hello!,
      certificates,
      ...(keyExchange ? { keyExchange } : {}),
      complete,
      ...(alert ? { alert } : {}),
    });
    // A plaintext reply line seen where a TLS record belonged, complete or not yet.
    const plaintextReply = (): { reply: string; complete: boolean } | undefined => {
      const text = reader.partial.toString('latin1');
      if (!/^[2-5][0-9][0-9](?:[ -]|\r|\n)/.test(text)) return undefined;
      const end = text.indexOf('\n');
      return { reply: (end < 0 ? text : text.slice(0, end)).replace(/\r$/, ''), complete: end >= 0 };
    };
    const alertAmong = (records: readonly { type: number; fragment: Buffer }[]): Alert | undefined => {
      const record = records.find((r) => r.type === CONTENT.alert && r.fragment.length >= 2);
      return record ? { level: record.fragment[0]!, description: record.fragment[1]! } : undefined;
    };
    const smtpRefusal = (reply: string): ProbeResult => {
      const alert = alertAmong(reader.records);
      return { outcome: 'smtp-refusal', reply, ...(alert ? { alert } : {}) };
    };
    const onClose = (): void => {
      const plain = hello ? undefined : plaintextReply();
      if (plain && isRefusalCode(plain.reply)) return finish(smtpRefusal(plain.reply));
      finish(hello ? helloResult(false) : { outcome: 'closed', afterBytes: received });
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      try {
        const { records, messages } = reader.push(chunk);
        for (const record of records) {
          if (record.type !== CONTENT.alert || record.fragment.length < 2) continue;
          const alert = { level: record.fragment[0]!, description: record.fragment[1]! };
          return finish(hello ? helloResult(false, alert) : { outcome: 'alert', alert });
        }
        for (const message of messages) {
          if (message.type === HANDSHAKE.serverHello) {
            hello = parseServerHello(message.body);
            if (hello.version === VERSION.tls13 || hello.helloRetryRequest) return finish(helloResult(true));
          } else if (message.type === HANDSHAKE.certificate) {
            certificates = parseCertificateList(message.body);
          } else if (message.type === HANDSHAKE.serverKeyExchange && hello) {
            const kx = cipherSuite(hello.suite)?.kx;
            const family = kx === 'ECDHE' || kx === 'ECDH_anon' ? 'ecdhe' : kx === 'DHE' || kx === 'DH_anon' ? 'dhe' : undefined;
            keyExchange = family ? parseServerKeyExchange(message.body, family) : { kind: 'unparsed', length: message.body.length };
          } else if (message.type === HANDSHAKE.serverHelloDone) {
            return finish(helloResult(true));
          }
        }
      } catch (err) {
        if (!(err instanceof FlightError) && !(err instanceof RangeError)) throw err;
        // Not a TLS record: a plaintext SMTP line (any records before it are in reader.records).
        const plain = hello ? undefined : plaintextReply();
        if (plain && isRefusalCode(plain.reply)) {
          if (plain.complete) return finish(smtpRefusal(plain.reply));
          return; // the rest of the line is on its way (or the close ends it)
        }
        return finish(hello ? helloResult(false) : { outcome: 'malformed', reason: `${err.message} (first octets ${reader.partial.subarray(0, 8).toString('hex')})` });
      }
      if (received > limits.maxBytes) finish(hello ? helloResult(false) : { outcome: 'malformed', reason: `more than ${limits.maxBytes} octets without a ServerHello` });
    };
    const timer = setTimeout(() => finish(hello ? helloResult(false) : { outcome: 'timeout', afterBytes: received }), limits.timeoutMs);
    socket.on('data', onData);
    socket.once('end', onClose);
    socket.once('close', onClose);
    socket.once('error', onClose);
    socket.resume();
    socket.write(clientHelloRecord(spec));
  });
}

/** What the server did, in the words the report uses. */
export function describeProbe(result: ProbeResult): string {
  switch (result.outcome) {
    case 'hello': {
      const h = result.hello;
      const parts = [`${versionName(h.version)} ${suiteName(h.suite)}`];
      if (h.helloRetryRequest) parts.push('(HelloRetryRequest)');
      if (h.compression !== 0) parts.push(`compression method ${h.compression}`);
      if (result.keyExchange?.kind === 'ecdhe') parts.push(`group ${groupName(result.keyExchange.group)}`);
      if (result.keyExchange?.kind === 'dhe') parts.push(`DH ${result.keyExchange.primeBits}-bit prime`);
      if (result.alert) parts.push(`then alert ${alertName(result.alert.description)}`);
      return parts.join(', ');
    }
    case 'alert':
      return `refused with alert ${alertName(result.alert.description)}`;
    case 'smtp-refusal':
      return `refused in clear with an SMTP reply${result.alert ? ` after alert ${alertName(result.alert.description)}` : ''}: ${printable(result.reply).slice(0, 160)}`;
    case 'closed':
      return result.afterBytes === 0 ? 'refused: connection closed' : `connection closed after ${result.afterBytes} octets without a ServerHello`;
    case 'timeout':
      return `no answer within the time limit (${result.afterBytes} octets)`;
    case 'malformed':
      return `malformed answer: ${result.reason}`;
  }
}

/**
 * A refusal is an alert, a close, or a 4xx/5xx SMTP reply in clear before any ServerHello: the server
 * did not negotiate what was offered.
 */
export function isRefusal(result: ProbeResult): boolean {
  return result.outcome === 'alert' || result.outcome === 'closed' || result.outcome === 'smtp-refusal';
}

/** A 4xx or 5xx reply refuses; a 2xx or 3xx line where a TLS record belongs stays malformed. */
function isRefusalCode(reply: string): boolean {
  return reply[0] === '4' || reply[0] === '5';
}

/** Suite ids offered, by name, for the log. */
export function describeOffer(spec: HelloSpec): string {
  const versions = spec.supportedVersions?.length ? spec.supportedVersions.map(versionName).join('/') : versionName(spec.clientVersion);
  const compression = (spec.compression ?? [0]).join(',');
  return `ClientHello offering ${versions}, ${spec.suites.length} suites (${spec.suites.slice(0, 3).map(suiteName).join(', ')}${spec.suites.length > 3 ? ', …' : ''}), compression [${compression}]`;
}
