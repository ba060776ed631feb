import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateAuthority, type IssuedCertificate } from '../../harness/pki/certificate-authority.ts';
import { RecordTap } from '../../harness/smtp/record-tap.ts';
import { describeInner, keylogSecrets, openServerRecords, type OpenedRecord } from '../../harness/smtp/tls13-records.ts';

/**
 * The harness opens its own TLS 1.3 connections' server records again (close-notify tells a close
 * alert from a session ticket or a piece of a reply by it). Against Node's TLS server: the tickets
 * are handshake messages, the replies application data (split where the server split them), the
 * close alert an alert, under each TLS 1.3 cipher suite; and with keys of another connection no
 * record opens.
 */
let ca: CertificateAuthority;
let identity: IssuedCertificate;
const servers: net.Server[] = [];

beforeAll(async () => {
  ca = await CertificateAuthority.create('msaspec tls13-records CA');
  identity = await ca.issueServer('mail.example.test');
});
afterAll(() => servers.forEach((s) => s.close()));

/** A server that greets once its tickets are out, answers the client's one line in two writes, and closes with close_notify. */
async function server(ciphers: string): Promise<number> {
  const listener = tls.createServer({ ...identity, ciphers, minVersion: 'TLSv1.3' }, (socket) => {
    socket.on('error', () => undefined);
    setTimeout(() => socket.write('220 ready\r\n'), 20);
    socket.once('data', () => {
      socket.write('221 ');
      socket.write('2.0.0 Bye\r\n');
      socket.end();
    });
  });
  servers.push(listener);
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  return (listener.address() as net.AddressInfo).port;
}

/** Connects over a tap, sends one line after the greeting, and returns the tap, the suite and the key log once the server closed. */
async function session(port: number, ciphers: string): Promise<{ tap: RecordTap; suite: string; keylog: string[] }> {
  const raw = net.connect(port, '127.0.0.1');
  const tap = new RecordTap(raw);
  const keylog: string[] = [];
  const secure = tls.connect({ socket: tap, servername: 'mail.example.test', ca: ca.pem, ciphers, minVersion: 'TLSv1.3' });
  secure.on('keylog', (line: Buffer) => keylog.push(line.toString('latin1')));
  secure.on('error', () => undefined);
  let suite = '';
  secure.once('secureConnect', () => {
    const cipher = secure.getCipher();
    suite = cipher.standardName ?? cipher.name;
  });
  secure.once('data', () => secure.write('QUIT\r\n'));
  secure.on('end', () => secure.end());
  secure.resume();
  await tap.waitForFin(5000);
  return { tap, suite, keylog };
}

const words = (records: OpenedRecord[]) => records.map((r) => (r.inner ? describeInner(r.inner) : 'unopened'));

describe('openServerRecords (TLS 1.3)', () => {
  const suites = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_CCM_SHA256'];
  it.each(suites)('tells tickets, reply pieces and the close alert apart under %s', async (suite) => {
    const port = await server(suite);
    const { tap, suite: negotiated, keylog } = await session(port, suite);
    expect(negotiated).toBe(suite);
    const opened = openServerRecords(tap.tapped.records, negotiated, keylogSecrets(keylog));
    const seen = words(opened);
    // ServerHello, the handshake under handshake keys, then the application traffic.
    expect(opened[0]).toMatchObject({ contentType: 22, inner: { type: 22 } });
    expect(seen).not.toContain('unopened');
    const application = seen.slice(seen.indexOf('handshake new_session_ticket'));
    expect(application).toEqual([
      'handshake new_session_ticket',
      'handshake new_session_ticket',
      'application_data (11 octets)',
      'application_data (4 octets)',
      'application_data (11 octets)',
      'alert close_notify',
    ]);
  });

  it('opens nothing with the keys of another connection, and says so per record', async () => {
    const suite = 'TLS_AES_128_GCM_SHA256';
    const port = await server(suite);
    const first = await session(port, suite);
    const second = await session(port, suite);
    const opened = openServerRecords(first.tap.tapped.records, suite, keylogSecrets(second.keylog));
    const protectedRecords = opened.filter((r) => r.contentType === 23);
    expect(protectedRecords.length).toBeGreaterThan(3);
    expect(protectedRecords.every((r) => r.inner === undefined)).toBe(true);
  });

  it('opens nothing without keys or with an unknown suite', async () => {
    const suite = 'TLS_AES_256_GCM_SHA384';
    const { tap, keylog } = await session(await server(suite), suite);
    expect(openServerRecords(tap.tapped.records, suite, new Map()).filter((r) => r.contentType === 23 && r.inner)).toEqual([]);
    expect(openServerRecords(tap.tapped.records, 'TLS_UNKNOWN', keylogSecrets(keylog)).filter((r) => r.contentType === 23 && r.inner)).toEqual([]);
  });
});
