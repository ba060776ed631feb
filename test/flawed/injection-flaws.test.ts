import net from 'node:net';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import type { Flaw, FlawedServer } from '../../targets/flawed/flawed-server.ts';
import { tlsRecordStart } from '../../targets/flawed/plaintext-before-hello.ts';
import { GREETING, first, pki, usePki, withServer } from './fixture.ts';
import { SmtpWire } from './smtp-wire.ts';

/**
 * The STARTTLS injection variants of the flawed target, each next to the conformant behaviour it
 * breaks: what reaches TLS from bytes sent with STARTTLS, after its 220, in bare-LF lines, past 4 KiB,
 * instead of a ClientHello, and before the ClientHello on 465.
 */
usePki();

const PADDING = `NOOP ${'x'.repeat(488)}\r\n`;

/** EHLO, then `early` in one write with STARTTLS, `late` after the 220; then the handshake, if the server lets it happen. */
async function starttls(server: FlawedServer, early: string, late = ''): Promise<{ wire: SmtpWire; handshake: boolean }> {
  const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
  expect(await wire.reply()).toEqual([GREETING]);
  expect(first(await wire.command('EHLO client.example.test'))).toBe('250-mail.example.test');
  wire.write(`STARTTLS\r\n${early}`);
  expect(await wire.reply()).toEqual(['220 2.0.0 Ready to start TLS']);
  if (late) wire.write(late);
  const handshake = await wire.upgrade(pki.trust).then(
    () => true,
    () => false,
  );
  return { wire, handshake };
}

/** Inside TLS, before the client sent anything: what the server volunteers. */
async function unsolicited(wire: SmtpWire): Promise<string> {
  await wire.silentFor(150);
  return wire.unread;
}

const withFlaws = (flaws: Flaw[], body: (server: FlawedServer) => Promise<void>) => () => withServer(flaws, body);

describe('bytes after the 220, before the ClientHello', () => {
  it(
    'conformant: they break the handshake, nothing runs',
    withFlaws([], async (server) => {
      const { wire, handshake } = await starttls(server, '', 'NOOP\r\n');
      expect(handshake).toBe(false);
      wire.destroy();
    }),
  );
  it(
    'inject-late: they are kept and run inside TLS',
    withFlaws(['inject-late'], async (server) => {
      const { wire, handshake } = await starttls(server, '', 'NOOP\r\nRSET\r\n');
      expect(handshake).toBe(true);
      expect(await wire.reply()).toEqual(['250 2.0.0 OK']);
      expect(await wire.reply()).toEqual(['250 2.0.0 OK']);
      wire.destroy();
    }),
  );
  it(
    'inject-late: bytes in the read with STARTTLS are still purged',
    withFlaws(['inject-late'], async (server) => {
      const { wire, handshake } = await starttls(server, 'NOOP\r\n');
      expect(handshake).toBe(true);
      expect(await unsolicited(wire)).toBe('');
      wire.destroy();
    }),
  );
});

describe('bare-LF lines pipelined with STARTTLS', () => {
  it(
    'conformant: purged',
    withFlaws([], async (server) => {
      const { wire } = await starttls(server, 'NOOP\nRSET\n');
      expect(await unsolicited(wire)).toBe('');
      wire.destroy();
    }),
  );
  it(
    'inject-lf: the bare-LF lines after the last CRLF run inside TLS; CRLF lines do not',
    withFlaws(['inject-lf'], async (server) => {
      const { wire } = await starttls(server, 'NOOP\r\nRSET\nRSET\n');
      expect(await unsolicited(wire)).toBe('250 2.0.0 OK\r\n250 2.0.0 OK\r\n');
      wire.destroy();
    }),
  );
  it(
    'inject-lf: all purged when the last line ends in CRLF',
    withFlaws(['inject-lf'], async (server) => {
      const { wire } = await starttls(server, 'RSET\nNOOP\r\n');
      expect(await unsolicited(wire)).toBe('');
      wire.destroy();
    }),
  );
});

describe('more than 4 KiB pipelined with STARTTLS', () => {
  it(
    'conformant: purged',
    withFlaws([], async (server) => {
      const { wire } = await starttls(server, PADDING.repeat(10));
      expect(await unsolicited(wire)).toBe('');
      wire.destroy();
    }),
  );
  it(
    'inject-large: the data past 4096 octets runs inside TLS; up to 4096 it is purged',
    withFlaws(['inject-large'], async (server) => {
      const large = await starttls(server, PADDING.repeat(9)); // 4455 octets
      expect(await unsolicited(large.wire)).toMatch(/^500 5\.5\.2 Command not recognized\r\n$/);
      large.wire.destroy();
      const small = await starttls(server, PADDING.repeat(8)); // 3960 octets
      expect(await unsolicited(small.wire)).toBe('');
      small.wire.destroy();
    }),
  );
});

describe('the first injected command decides (inject-first-<verb>)', () => {
  it(
    'inject-first-mail: MAIL first runs inside TLS, with the lines behind it, written with STARTTLS or after the 220',
    withFlaws(['inject-first-mail'], async (server) => {
      const early = await starttls(server, 'MAIL FROM:<a@example.test>\r\nNOOP\r\n');
      expect(early.handshake).toBe(true);
      expect(await unsolicited(early.wire)).toBe('503 5.5.1 Send EHLO first\r\n250 2.0.0 OK\r\n');
      early.wire.destroy();
      const late = await starttls(server, '', 'mail FROM:<a@example.test>\nNOOP\n');
      expect(late.handshake).toBe(true);
      expect(await unsolicited(late.wire)).toBe('503 5.5.1 Send EHLO first\r\n250 2.0.0 OK\r\n');
      late.wire.destroy();
    }),
  );
  it(
    'inject-first-mail: anything else first is purged, MAIL behind it too; the session goes on',
    withFlaws(['inject-first-mail'], async (server) => {
      const { wire, handshake } = await starttls(server, 'NOOP\r\nMAIL FROM:<a@example.test>\r\n');
      expect(handshake).toBe(true);
      expect(await unsolicited(wire)).toBe('');
      expect(await wire.command('NOOP')).toEqual(['250 2.0.0 OK']);
      wire.destroy();
    }),
  );
});

describe('junk instead of a ClientHello', () => {
  it(
    'conformant: the handshake fails and the connection closes, no SMTP reply',
    withFlaws([], async (server) => {
      const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
      await wire.reply();
      expect(await wire.command('STARTTLS')).toEqual(['220 2.0.0 Ready to start TLS']);
      wire.write('NOOP\r\n');
      await wire.closed();
      expect(wire.unread).toBe('');
    }),
  );
  it(
    'tls-fallback: answered as SMTP in plaintext, and the session goes on in clear',
    withFlaws(['tls-fallback'], async (server) => {
      const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
      await wire.reply();
      expect(await wire.command('STARTTLS')).toEqual(['220 2.0.0 Ready to start TLS']);
      expect(await wire.command('NOOP')).toEqual(['250 2.0.0 OK']);
      expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['530 5.7.0 Must issue a STARTTLS command first']);
      wire.destroy();
    }),
  );
});

describe('plaintext before the ClientHello on 465', () => {
  async function preface(server: FlawedServer): Promise<{ raw: net.Socket; secure?: tls.TLSSocket; received: string }> {
    const raw = net.connect({ host: '127.0.0.1', port: server.ports.implicit ?? 0 });
    await new Promise((resolve) => raw.once('connect', resolve));
    raw.write('EHLO x\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (raw.destroyed || raw.readableEnded) return { raw, received: '' };
    const secure = tls.connect({ socket: raw, ...pki.trust });
    let received = '';
    secure.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const ok = await new Promise<boolean>((resolve) => {
      secure.once('secureConnect', () => resolve(true));
      secure.once('error', () => resolve(false));
    });
    if (ok) await new Promise((resolve) => setTimeout(resolve, 150));
    return { raw, ...(ok ? { secure } : {}), received };
  }

  it(
    'conformant: the handshake fails (the TLS layer reads the plaintext)',
    withFlaws([], async (server) => {
      const { raw, secure } = await preface(server);
      expect(secure).toBeUndefined();
      raw.destroy();
    }),
  );
  it(
    'implicit-preface: TLS comes up, and the EHLO is answered inside it right after the greeting',
    withFlaws(['implicit-preface'], async (server) => {
      const { raw, secure, received } = await preface(server);
      expect(secure).toBeDefined();
      expect(received).toMatch(new RegExp(`^${GREETING}\\r\\n250-mail\\.example\\.test\\r\\n`));
      raw.destroy();
    }),
  );
});

describe('tlsRecordStart', () => {
  it.each([
    [[0x16, 0x03, 0x01, 0x02], 0],
    [[0x4e, 0x4f, 0x0d, 0x0a, 0x16, 0x03, 0x03], 4],
    [[0x16, 0x41, 0x16, 0x03, 0x04], 2],
    [[0x16, 0x03, 0x05], -1],
    [[0x4e, 0x4f], -1],
    [[0x41, 0x16], 1],
  ])('%j → %i', (bytes, at) => {
    expect(tlsRecordStart(Buffer.from(bytes))).toBe(at);
  });
});
