import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import { FlawedServer, FLAWS, FLAW_DESCRIPTIONS, type Flaw } from '../../targets/flawed/flawed-server.ts';
import { SmtpWire, type Trust } from './smtp-wire.ts';

const USER = 'alice';
const PASSWORD = 'secret';
const PLAIN_OK = Buffer.from(`\0${USER}\0${PASSWORD}`).toString('base64');
const PLAIN_BAD = Buffer.from(`\0${USER}\0wrong`).toString('base64');
const b64 = (text: string): string => Buffer.from(text).toString('base64');

let identity: { cert: string; key: string };
let trust: Trust;

beforeAll(async () => {
  const ca = await CertificateAuthority.create();
  identity = await ca.issueServer('mail.example.test');
  trust = { ca: ca.pem, servername: 'mail.example.test' };
});

async function withServer(flaws: Flaw[], body: (server: FlawedServer) => Promise<void>): Promise<void> {
  const server = await FlawedServer.start({ ...identity, user: USER, password: PASSWORD, flaws });
  try {
    await body(server);
  } finally {
    await server.stop();
  }
}

async function starttls(server: FlawedServer): Promise<SmtpWire> {
  const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
  expect(await wire.reply()).toEqual(['220 mail.example.test ESMTP msaspec-flawed']);
  expect((await wire.command('STARTTLS'))[0]).toBe('220 2.0.0 Ready to start TLS');
  await wire.upgrade(trust);
  return wire;
}

async function authenticated(server: FlawedServer): Promise<SmtpWire> {
  const wire = await starttls(server);
  await wire.command('EHLO client.example.test');
  expect(await wire.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual(['235 2.7.0 Authentication successful']);
  return wire;
}

const first = (reply: string[]): string => reply[0] ?? '';

describe('flaw list', () => {
  it('describes every flaw', () => {
    for (const flaw of FLAWS) expect(FLAW_DESCRIPTIONS[flaw]).toMatch(/\S/);
  });
});

describe('conformant server', () => {
  let server: FlawedServer;
  beforeAll(async () => {
    server = await FlawedServer.start({ ...identity, user: USER, password: PASSWORD });
  });
  afterAll(async () => server.stop());

  it('offers STARTTLS but not AUTH before TLS, and refuses everything else there', async () => {
    const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
    expect(await wire.reply()).toEqual(['220 mail.example.test ESMTP msaspec-flawed']);
    expect(await wire.command('EHLO client.example.test')).toEqual([
      '250-mail.example.test',
      '250-PIPELINING',
      '250-SIZE 10240000',
      '250-STARTTLS',
      '250-ENHANCEDSTATUSCODES',
      '250 8BITMIME',
    ]);
    expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['530 5.7.0 Must issue a STARTTLS command first']);
    expect(first(await wire.command('RCPT TO:<b@example.test>'))).toMatch(/^530 /);
    expect(first(await wire.command('DATA'))).toMatch(/^530 /);
    expect(first(await wire.command('VRFY alice'))).toMatch(/^530 /);
    expect(await wire.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual([
      '538 5.7.11 Encryption required for requested authentication mechanism',
    ]);
    expect(await wire.command('NOOP')).toEqual(['250 2.0.0 OK']);
    expect(await wire.command('RSET')).toEqual(['250 2.0.0 OK']);
    expect(await wire.command('HELO client.example.test')).toEqual(['250 mail.example.test']);
    expect(await wire.command('STARTTLS now')).toEqual(['501 5.5.4 Syntax error (no parameters allowed)']);
    expect(wire.encrypted).toBe(false);
    expect(await wire.command('QUIT')).toEqual(['221 2.0.0 Bye']);
    await wire.closed();
  });

  it('resets the session after STARTTLS and submits with AUTH PLAIN', async () => {
    const wire = await starttls(server);
    expect(first(await wire.command('MAIL FROM:<a@example.test>'))).toBe('503 5.5.1 Send EHLO first');
    const ehlo = await wire.command('EHLO client.example.test');
    expect(ehlo).toContain('250-AUTH PLAIN LOGIN');
    expect(ehlo.some((line) => line.includes('STARTTLS'))).toBe(false);
    expect(await wire.command('STARTTLS')).toEqual(['503 5.5.1 TLS already active']);
    expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['530 5.7.0 Authentication required']);
    expect(await wire.command(`AUTH PLAIN ${PLAIN_BAD}`)).toEqual(['535 5.7.8 Authentication credentials invalid']);
    expect(await wire.command('AUTH PLAIN')).toEqual(['334 ']);
    expect(await wire.command(PLAIN_OK)).toEqual(['235 2.7.0 Authentication successful']);
    expect(first(await wire.command(`AUTH PLAIN ${PLAIN_OK}`))).toBe('503 5.5.1 Already authenticated');
    expect(first(await wire.command('RCPT TO:<b@example.test>'))).toBe('503 5.5.1 Need MAIL command');
    expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['250 2.1.0 Ok']);
    expect(first(await wire.command('DATA'))).toBe('503 5.5.1 Need RCPT command');
    expect(await wire.command('RCPT TO:<b@example.test>')).toEqual(['250 2.1.5 Ok']);
    expect(first(await wire.command('DATA'))).toBe('354 End data with <CR><LF>.<CR><LF>');
    expect(await wire.command('Subject: t\r\n\r\n..dot\r\nbody\r\n.')).toEqual(['250 2.0.0 Ok: queued']);
    expect(server.messages.at(-1)).toEqual({
      from: 'a@example.test',
      to: ['b@example.test'],
      data: 'Subject: t\r\n\r\n.dot\r\nbody\r\n',
      tls: true,
      authenticated: USER,
      received: expect.stringMatching(/^Received: from client\.example\.test \(\[127\.0\.0\.1\]\)\r\n\tby mail\.example\.test \(msaspec-flawed\) with ESMTPSA\r\n/),
    });
    wire.destroy();
  });

  it('discards commands pipelined after STARTTLS (RFC 3207 §4.2)', async () => {
    const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
    await wire.reply();
    wire.write('STARTTLS\r\nNOOP\r\n');
    expect(first(await wire.reply())).toBe('220 2.0.0 Ready to start TLS');
    await wire.upgrade(trust);
    expect(first(await wire.command('EHLO client.example.test'))).toBe('250-mail.example.test');
    wire.destroy();
  });

  it('speaks TLS from the first byte on the implicit port, with AUTH LOGIN', async () => {
    const wire = await SmtpWire.implicit(server.ports.implicit ?? 0, trust);
    expect(await wire.reply()).toEqual(['220 mail.example.test ESMTP msaspec-flawed']);
    expect(await wire.command('EHLO client.example.test')).toContain('250-AUTH PLAIN LOGIN');
    expect(await wire.command('AUTH LOGIN')).toEqual(['334 VXNlcm5hbWU6']);
    expect(await wire.command('*')).toEqual(['501 5.0.0 Authentication cancelled']);
    expect(await wire.command('AUTH LOGIN')).toEqual(['334 VXNlcm5hbWU6']);
    expect(await wire.command(b64(USER))).toEqual(['334 UGFzc3dvcmQ6']);
    expect(await wire.command(b64(PASSWORD))).toEqual(['235 2.7.0 Authentication successful']);
    expect(await wire.command('STARTTLS')).toEqual(['503 5.5.1 TLS already active']);
    wire.destroy();
  });

  it('answers pipelined commands in order and copes with bad lines', async () => {
    const wire = await authenticated(server);
    wire.write('MAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nRCPT TO:<c@example.test>\r\nDATA\r\n');
    expect(await wire.reply()).toEqual(['250 2.1.0 Ok']);
    expect(await wire.reply()).toEqual(['250 2.1.5 Ok']);
    expect(await wire.reply()).toEqual(['250 2.1.5 Ok']);
    expect(first(await wire.reply())).toMatch(/^354 /);
    expect(await wire.command('hi\r\n.')).toEqual(['250 2.0.0 Ok: queued']);
    expect(server.messages.at(-1)?.to).toEqual(['b@example.test', 'c@example.test']);
    // RFC 5321 §2.3.8: only CRLF ends a line, so a bare LF stays inside it (one NOOP, one reply).
    expect(await wire.command('NOOP\nNOOP')).toEqual(['250 2.0.0 OK']);
    expect(await wire.command('FROB')).toEqual(['500 5.5.2 Command not recognized']);
    expect(await wire.command(`NOOP ${'x'.repeat(600)}`)).toEqual(['500 5.5.0 Line too long']);
    expect(await wire.command('MAIL FROM:<a@example.test> FOO=1')).toEqual([
      '555 5.5.4 Parameter not recognized or not implemented',
    ]);
    expect(await wire.command('NOOP')).toEqual(['250 2.0.0 OK']);
    wire.destroy();
  });

  it('drops an overlong line without buffering it, and survives a failed STARTTLS handshake', async () => {
    const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
    await wire.reply();
    wire.write('x'.repeat(100_000));
    expect(await wire.command('')).toEqual(['500 5.5.0 Line too long']);
    expect(await wire.command('NOOP')).toEqual(['250 2.0.0 OK']);
    expect(first(await wire.command('STARTTLS'))).toMatch(/^220 /);
    wire.write('EHLO not-a-client-hello\r\n');
    await wire.closed();
    const next = await authenticated(server);
    expect(await next.command('AUTH PLAIN %%%')).toEqual(['503 5.5.1 Already authenticated']);
    next.destroy();
  });

  it('rejects undecodable SASL data and unknown mechanisms', async () => {
    const wire = await starttls(server);
    await wire.command('EHLO c');
    expect(await wire.command('AUTH PLAIN %%%')).toEqual(['501 5.5.2 Cannot decode response']);
    expect(await wire.command('AUTH CRAM-MD5')).toEqual(['504 5.5.4 Unrecognized authentication type']);
    wire.destroy();
  });

  it('says 421 and closes an idle connection', async () => {
    const idle = await FlawedServer.start({ ...identity, user: USER, password: PASSWORD, idleTimeoutMs: 100 });
    try {
      const wire = await SmtpWire.implicit(idle.ports.implicit ?? 0, trust);
      await wire.reply();
      expect(await wire.reply()).toEqual(['421 4.4.2 Error: timeout exceeded']);
      await wire.closed();
    } finally {
      await idle.stop();
    }
  });

  it('closes client sockets on stop', async () => {
    const other = await FlawedServer.start({ ...identity, user: USER, password: PASSWORD });
    const wire = await SmtpWire.plain(other.ports.starttls ?? 0);
    await wire.reply();
    await other.stop();
    await wire.closed();
  });
});

describe('flaws', () => {
  it('inject: a NOOP pipelined after STARTTLS is answered inside TLS', () =>
    withServer(['inject'], async (server) => {
      const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
      await wire.reply();
      wire.write('STARTTLS\r\nNOOP\r\n');
      expect(first(await wire.reply())).toBe('220 2.0.0 Ready to start TLS');
      await wire.upgrade(trust);
      expect(await wire.reply()).toEqual(['250 2.0.0 OK']);
      wire.destroy();
    }));

  it('auth-before-tls: AUTH advertised and accepted in plaintext', () =>
    withServer(['auth-before-tls'], async (server) => {
      const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
      await wire.reply();
      expect(await wire.command('EHLO c')).toContain('250-AUTH PLAIN LOGIN');
      expect(first(await wire.command(`AUTH PLAIN ${PLAIN_OK}`))).toBe('235 2.7.0 Authentication successful');
      wire.destroy();
    }));

  it('auth-advertised-before-tls: advertised, still refused', () =>
    withServer(['auth-advertised-before-tls'], async (server) => {
      const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
      await wire.reply();
      expect(await wire.command('EHLO c')).toContain('250-AUTH PLAIN LOGIN');
      expect(first(await wire.command(`AUTH PLAIN ${PLAIN_OK}`))).toMatch(/^538 /);
      wire.destroy();
    }));

  it('starttls-after-tls: advertised and answered 220 inside TLS, then closed', () =>
    withServer(['starttls-after-tls'], async (server) => {
      const wire = await starttls(server);
      expect(await wire.command('EHLO c')).toContain('250-STARTTLS');
      expect(first(await wire.command('STARTTLS'))).toBe('220 2.0.0 Ready to start TLS');
      await wire.closed();
    }));

  it('plain-implicit: the implicit port greets in the clear', () =>
    withServer(['plain-implicit'], async (server) => {
      const wire = await SmtpWire.plain(server.ports.implicit ?? 0);
      expect(await wire.reply()).toEqual(['220 mail.example.test ESMTP msaspec-flawed']);
      expect(first(await wire.command('EHLO c'))).toBe('250-mail.example.test');
      wire.destroy();
    }));

  it('plaintext-mail: MAIL, RCPT and DATA work before TLS', () =>
    withServer(['plaintext-mail'], async (server) => {
      const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
      await wire.reply();
      await wire.command('EHLO c');
      expect(first(await wire.command('MAIL FROM:<a@example.test>'))).toBe('250 2.1.0 Ok');
      expect(first(await wire.command('RCPT TO:<b@example.test>'))).toBe('250 2.1.5 Ok');
      expect(first(await wire.command('DATA'))).toMatch(/^354 /);
      expect(first(await wire.command('x\r\n.'))).toBe('250 2.0.0 Ok: queued');
      expect(server.messages).toEqual([
        { from: 'a@example.test', to: ['b@example.test'], data: 'x\r\n', tls: false, authenticated: '', received: expect.stringContaining(' with ESMTP\r\n') },
      ]);
      wire.destroy();
    }));

  it('starttls-args: STARTTLS with a parameter starts TLS', () =>
    withServer(['starttls-args'], async (server) => {
      const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
      await wire.reply();
      expect(first(await wire.command('STARTTLS now'))).toBe('220 2.0.0 Ready to start TLS');
      await wire.upgrade(trust);
      expect(first(await wire.command('NOOP'))).toBe('250 2.0.0 OK');
      wire.destroy();
    }));

  it('no-starttls-advert: not advertised, still works', () =>
    withServer(['no-starttls-advert'], async (server) => {
      const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
      await wire.reply();
      expect((await wire.command('EHLO c')).some((line) => line.includes('STARTTLS'))).toBe(false);
      expect(first(await wire.command('STARTTLS'))).toBe('220 2.0.0 Ready to start TLS');
      await wire.upgrade(trust);
      wire.destroy();
    }));

  it('auth-broken: valid credentials get 535', () =>
    withServer(['auth-broken'], async (server) => {
      const wire = await starttls(server);
      await wire.command('EHLO c');
      expect(first(await wire.command(`AUTH PLAIN ${PLAIN_OK}`))).toBe('535 5.7.8 Authentication credentials invalid');
      wire.destroy();
    }));

  it('mail-without-auth: MAIL accepted after TLS without AUTH', () =>
    withServer(['mail-without-auth'], async (server) => {
      const wire = await starttls(server);
      await wire.command('EHLO c');
      expect(first(await wire.command('MAIL FROM:<a@example.test>'))).toBe('250 2.1.0 Ok');
      wire.destroy();
    }));

  it('data-broken: 451 after the final dot', () =>
    withServer(['data-broken'], async (server) => {
      const wire = await authenticated(server);
      wire.write('MAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n');
      await wire.reply();
      await wire.reply();
      await wire.reply();
      expect(await wire.command('x\r\n.')).toEqual(['451 4.3.0 Local error']);
      expect(server.messages).toEqual([]);
      wire.destroy();
    }));

  it('no-implicit-port: no implicit listener', () =>
    withServer(['no-implicit-port'], async (server) => {
      expect(server.ports.implicit).toBeUndefined();
      expect(server.ports.starttls).toBeTypeOf('number');
    }));
});
