import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateAuthority, type IssuedCertificate } from '../../harness/pki/certificate-authority.ts';
import { SUITES, suiteName } from '../../harness/tls-probe/cipher-suites.ts';
import { clientHelloMessage, type HelloSpec } from '../../harness/tls-probe/client-hello.ts';
import { describeProbe, isRefusal, probe, type ProbeResult } from '../../harness/tls-probe/probe.ts';
import { parseServerKeyExchange } from '../../harness/tls-probe/server-flight.ts';
import { publicKeySize } from '../../harness/tls-probe/summary.ts';
import { VERSION, alertName, groupName } from '../../harness/tls-probe/wire.ts';
import { HostileServer } from '../harness/hostile-server.ts';
import { FIXTURES } from './fixture-offers.ts';
import { OpensslServer } from './openssl-server.ts';

const LIMITS = { timeoutMs: 3_000, maxBytes: 64 * 1024 };

function fixture(name: string): Buffer {
  return Buffer.from(readFileSync(join(import.meta.dirname, 'fixtures', `${name}.hex`), 'utf8').replace(/\s/g, ''), 'hex');
}

async function probePort(port: number, spec: HelloSpec, limits = LIMITS): Promise<ProbeResult> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  try {
    return await probe(socket, spec, limits);
  } finally {
    socket.destroy();
  }
}

/** A server that answers the first bytes it reads with a recorded flight, cut into `chunk`-octet writes. */
async function replaying(bytes: Buffer, chunk = bytes.length): Promise<HostileServer> {
  return HostileServer.start((socket) => {
    socket.once('data', () => {
      for (let at = 0; at < bytes.length; at += chunk) socket.write(bytes.subarray(at, at + chunk));
      socket.end();
    });
  });
}

const offer = (name: string): HelloSpec => FIXTURES.find((f) => f.name === name)!.offer;

describe('the ClientHello builder', () => {
  it('frames every vector with its length (RFC 8446 §4.1.2)', () => {
    const message = clientHelloMessage({ clientVersion: VERSION.tls12, suites: SUITES.modern, serverName: 'mail.example.test', compression: [1, 0] });
    expect(message[0]).toBe(1);
    expect(message.readUIntBE(1, 3)).toBe(message.length - 4);
    expect(message.readUInt16BE(4)).toBe(VERSION.tls12);
    const suitesAt = 4 + 2 + 32 + 1;
    expect(message.readUInt16BE(suitesAt)).toBe(SUITES.modern.length * 2);
    const compressionAt = suitesAt + 2 + SUITES.modern.length * 2;
    expect([...message.subarray(compressionAt, compressionAt + 3)]).toEqual([2, 1, 0]);
    const extensionsAt = compressionAt + 3;
    expect(message.readUInt16BE(extensionsAt)).toBe(message.length - extensionsAt - 2);
  });

  it('sends no extensions at all for an SSL 3.0 hello', () => {
    const message = clientHelloMessage({ clientVersion: VERSION.ssl3, suites: [0x002f], noExtensions: true });
    expect(message.length).toBe(4 + 2 + 32 + 1 + 2 + 2 + 2);
  });
});

describe('recorded answers of openssl s_server (fixtures)', () => {
  it('TLS 1.2 ECDHE: ServerHello, Certificate, ServerKeyExchange, ServerHelloDone', async () => {
    const server = await replaying(fixture('tls12-ecdhe'));
    const result = await probePort(server.port, offer('tls12-ecdhe'));
    await server.stop();
    expect(result.outcome).toBe('hello');
    if (result.outcome !== 'hello') return;
    expect(result.complete).toBe(true);
    expect(result.hello.version).toBe(VERSION.tls12);
    expect(suiteName(result.hello.suite)).toMatch(/^TLS_ECDHE_RSA_WITH_/);
    expect(result.hello.compression).toBe(0);
    expect(result.hello.extensions).toEqual(expect.arrayContaining([0xff01, 23]));
    expect(result.certificates).toHaveLength(1);
    expect(publicKeySize(result.certificates[0]!)).toEqual({ type: 'rsa', bits: 2048 });
    expect(result.keyExchange?.kind === 'ecdhe' && groupName(result.keyExchange.group)).toBe('x25519');
  });

  it('reassembles the same flight delivered seven octets at a time', async () => {
    const server = await replaying(fixture('tls12-ecdhe'), 7);
    const result = await probePort(server.port, offer('tls12-ecdhe'));
    await server.stop();
    expect(result.outcome === 'hello' && result.complete && result.certificates.length).toBe(1);
  });

  it('TLS 1.2 DHE: the prime size is read from ServerKeyExchange', async () => {
    const server = await replaying(fixture('tls12-dhe'));
    const result = await probePort(server.port, offer('tls12-dhe'));
    await server.stop();
    expect(result.outcome === 'hello' && suiteName(result.hello.suite)).toBe('TLS_DHE_RSA_WITH_AES_128_GCM_SHA256');
    expect(result.outcome === 'hello' && result.keyExchange).toEqual({ kind: 'dhe', primeBits: 2048 });
  });

  it('TLS 1.3: the version comes from supported_versions, and reading stops at the ServerHello', async () => {
    const server = await replaying(fixture('tls13'));
    const result = await probePort(server.port, offer('tls13'));
    await server.stop();
    expect(result.outcome).toBe('hello');
    if (result.outcome !== 'hello') return;
    expect(result.hello.legacyVersion).toBe(VERSION.tls12);
    expect(result.hello.version).toBe(VERSION.tls13);
    expect(result.complete).toBe(true);
    expect(result.certificates).toEqual([]);
  });

  it.each([
    // Debian's openssl.cnf sets MinProtocol TLSv1.2: s_server has no protocol left for the offer and says internal_error.
    ['tls10-refused', 'internal_error'],
    ['rc4-refused', 'handshake_failure'],
  ])('%s: a fatal alert is a refusal', async (name, alert) => {
    const server = await replaying(fixture(name));
    const result = await probePort(server.port, offer(name));
    await server.stop();
    expect(result.outcome).toBe('alert');
    if (result.outcome === 'alert') expect(alertName(result.alert.description)).toBe(alert);
  });
});

describe('hostile answers stay bounded', () => {
  it('silence ends in a timeout after the limit, not a hang', async () => {
    const server = await HostileServer.start(() => undefined);
    const started = Date.now();
    const result = await probePort(server.port, offer('tls12-ecdhe'), { timeoutMs: 300, maxBytes: 1024 });
    await server.stop();
    expect(result.outcome).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('plaintext instead of TLS is malformed', async () => {
    const server = await replaying(Buffer.from('220 mail.example.test ESMTP\r\n'));
    const result = await probePort(server.port, offer('tls12-ecdhe'));
    await server.stop();
    expect(result.outcome).toBe('malformed');
  });

  it('a 4xx/5xx reply in clear is a refusal, said as such (chasquid: "554 5.5.0 Error in TLS handshake"), also cut in pieces', async () => {
    const line = '554 5.5.0 Error in TLS handshake: tls: client offered only unsupported versions: [300]\r\n';
    for (const chunk of [line.length, 5]) {
      const server = await replaying(Buffer.from(line), chunk);
      const result = await probePort(server.port, offer('tls12-ecdhe'));
      await server.stop();
      expect(result).toEqual({ outcome: 'smtp-refusal', reply: line.trimEnd() });
      expect(isRefusal(result)).toBe(true);
      expect(describeProbe(result)).toBe(`refused in clear with an SMTP reply: ${line.trimEnd()}`);
    }
  });

  it('an alert followed by a plaintext refusal in one segment keeps the alert', async () => {
    const alert = Buffer.from([21, 3, 3, 0, 2, 2, 70]);
    const server = await replaying(Buffer.concat([alert, Buffer.from('554 5.5.0 Error in TLS handshake\r\n')]));
    const result = await probePort(server.port, offer('tls12-ecdhe'));
    await server.stop();
    expect(result).toMatchObject({ outcome: 'smtp-refusal', reply: '554 5.5.0 Error in TLS handshake', alert: { level: 2, description: 70 } });
    expect(describeProbe(result)).toContain('after alert protocol_version');
  });

  it('an endless handshake record stops at the byte cap', async () => {
    const header = Buffer.from([22, 3, 3, 0x40, 0x00]);
    const server = await HostileServer.start((socket) => {
      socket.once('data', () => {
        socket.write(header);
        for (let i = 0; i < 64; i++) socket.write(Buffer.alloc(1024));
      });
    });
    const result = await probePort(server.port, offer('tls12-ecdhe'), { timeoutMs: 3_000, maxBytes: 8 * 1024 });
    await server.stop();
    expect(result.outcome).toBe('malformed');
  });

  it('a close before any answer is a refusal', async () => {
    const server = await HostileServer.start((socket) => socket.once('data', () => socket.destroy()));
    const result = await probePort(server.port, offer('tls12-ecdhe'));
    await server.stop();
    expect(result.outcome).toBe('closed');
  });

  it('a DHE ServerKeyExchange with leading zero octets counts significant bits only', () => {
    const p = Buffer.concat([Buffer.from([0x00, 0x00, 0x01]), Buffer.alloc(127, 0xff)]);
    const body = Buffer.concat([Buffer.from([0, p.length]), p]);
    expect(parseServerKeyExchange(body, 'dhe')).toEqual({ kind: 'dhe', primeBits: 1 + 127 * 8 });
  });
});

describe('live OpenSSL servers choose what the probe expects', () => {
  let credentials: IssuedCertificate;
  beforeAll(async () => {
    credentials = await (await CertificateAuthority.create('msaspec probe test CA')).issueServer('mail.example.test');
  });

  describe('openssl s_server -tls1_2 -cipher ECDHE-RSA-AES256-GCM-SHA384', () => {
    let server: OpensslServer;
    beforeAll(async () => {
      server = await OpensslServer.start(['-tls1_2', '-cipher', 'ECDHE-RSA-AES256-GCM-SHA384'], credentials);
    });
    afterAll(() => server?.stop());

    it('negotiates exactly that suite from the modern offer', async () => {
      const result = await probePort(server.port, { clientVersion: VERSION.tls12, suites: SUITES.modern });
      expect(result.outcome === 'hello' && suiteName(result.hello.suite)).toBe('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
    });

    it('refuses TLS 1.0, static RSA and anonymous suites', async () => {
      const answers = await Promise.all([
        probePort(server.port, { clientVersion: VERSION.tls10, suites: SUITES.legacy }),
        probePort(server.port, { clientVersion: VERSION.tls12, suites: SUITES.staticRsa }),
        probePort(server.port, { clientVersion: VERSION.tls12, suites: SUITES.weak('anonymous') }),
      ]);
      expect(answers.map((a) => a.outcome)).toEqual(['alert', 'alert', 'alert']);
    });
  });

  describe('openssl s_server with anonymous ECDH at security level 0', () => {
    let server: OpensslServer;
    beforeAll(async () => {
      server = await OpensslServer.start(['-tls1_2', '-cipher', 'AECDH-AES128-SHA:@SECLEVEL=0'], credentials);
    });
    afterAll(() => server?.stop());

    it('negotiates the anonymous suite and sends no certificate', async () => {
      const result = await probePort(server.port, { clientVersion: VERSION.tls12, suites: SUITES.weak('anonymous') });
      expect(result.outcome === 'hello' && suiteName(result.hello.suite)).toBe('TLS_ECDH_anon_WITH_AES_128_CBC_SHA');
      expect(result.outcome === 'hello' && result.certificates).toEqual([]);
    });
  });
});
