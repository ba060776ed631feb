import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type tls from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Flaw, FlawedServer } from '../../targets/flawed/flawed-server.ts';
import { addressLiteral, rfc5322Date } from '../../targets/flawed/received.ts';
import {
  GREETING,
  PASSWORD,
  PLAIN_BAD,
  PLAIN_OK,
  USER,
  authenticated,
  b64,
  first,
  implicit,
  pki,
  plain,
  upgrade,
  usePki,
  withServer,
} from './fixture.ts';
import { SmtpWire } from './smtp-wire.ts';
import { ALERT, APPLICATION_DATA, RecordClient } from './tls-records.ts';

/**
 * Flaws shown next to the conformant behaviour they break, in one file so the CA is made once:
 * the TLS layer, session state and replies, then the Received header field and the sink.
 */
usePki();

// TLS layer

type Port = 'starttls' | 'implicit';
const PORTS: Port[] = ['starttls', 'implicit'];

async function connect(server: FlawedServer, port: Port, version: tls.SecureVersion): Promise<RecordClient> {
  if (port === 'implicit') {
    const client = await RecordClient.implicit(server.ports.implicit ?? 0, pki.trust, version);
    expect(await client.expectLine('220 ')).toBe(GREETING);
    return client;
  }
  return RecordClient.starttls(server.ports.starttls ?? 0, pki.trust, version);
}

/** The records the server sends between the client's QUIT and the server's FIN. */
async function recordsAfterQuit(server: FlawedServer, port: Port, version: tls.SecureVersion): Promise<number[]> {
  const client = await connect(server, port, version);
  expect(client.protocol).toBe(version);
  client.write('EHLO client.example.test\r\n');
  await client.expectLine('250 ');
  const { reply, records } = await client.quit();
  expect(reply).toBe('221 2.0.0 Bye');
  return records;
}

describe('close_notify after QUIT inside TLS (seen in the raw TCP stream)', () => {
  it.each(PORTS)('conformant on %s: the 221, then a close_notify alert, then the FIN', (port) =>
    withServer([], async (server) => {
      // TLS 1.2: the alert record has content type 21 in the clear.
      expect(await recordsAfterQuit(server, port, 'TLSv1.2')).toEqual([APPLICATION_DATA, ALERT]);
      // TLS 1.3 hides the type: the 221 and the encrypted alert are two records.
      expect(await recordsAfterQuit(server, port, 'TLSv1.3')).toEqual([APPLICATION_DATA, APPLICATION_DATA]);
    }),
  );

  it.each(PORTS)('no-close-notify on %s: the 221, then the FIN with no alert', (port) =>
    withServer(['no-close-notify'], async (server) => {
      expect(await recordsAfterQuit(server, port, 'TLSv1.2')).toEqual([APPLICATION_DATA]);
      expect(await recordsAfterQuit(server, port, 'TLSv1.3')).toEqual([APPLICATION_DATA]);
    }),
  );
});

/** Resolves with the negotiated protocol, or the error of a refused handshake. */
async function handshake(server: FlawedServer, port: Port, version: tls.SecureVersion): Promise<string> {
  try {
    const client = await connect(server, port, version);
    const protocol = client.protocol ?? 'none';
    client.destroy();
    return protocol;
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

describe('TLS versions', () => {
  it('conformant: TLS 1.2 and 1.3 on both ports', () =>
    withServer([], async (server) => {
      for (const port of PORTS) {
        expect(await handshake(server, port, 'TLSv1.2')).toBe('TLSv1.2');
        expect(await handshake(server, port, 'TLSv1.3')).toBe('TLSv1.3');
      }
    }));

  it('tls12-missing: TLS 1.2 refused on both ports, TLS 1.3 still offered', () =>
    withServer(['tls12-missing'], async (server) => {
      for (const port of PORTS) {
        expect(await handshake(server, port, 'TLSv1.2')).toMatch(/^refused: .*(protocol version|alert number 70)/i);
        expect(await handshake(server, port, 'TLSv1.3')).toBe('TLSv1.3');
      }
    }));
});

// Session state and replies

const EHLO_FIRST = ['503 5.5.1 Send EHLO first'];
const AUTH_OK = ['235 2.7.0 Authentication successful'];
const AUTH_FAILED = ['535 5.7.8 Authentication credentials invalid'];

describe('keep-ehlo: the greeting from before STARTTLS', () => {
  const afterTls = async (server: FlawedServer): Promise<SmtpWire> => {
    const wire = await plain(server);
    expect(first(await wire.command('EHLO client.example.test'))).toBe('250-mail.example.test');
    return upgrade(wire);
  };

  it('conformant: forgotten, so AUTH and MAIL need a new EHLO', () =>
    withServer([], async (server) => {
      const wire = await afterTls(server);
      expect(await wire.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual(EHLO_FIRST);
      expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(EHLO_FIRST);
      wire.destroy();
    }));

  it('flaw: remembered, so AUTH and MAIL go through without a new EHLO', () =>
    withServer(['keep-ehlo'], async (server) => {
      const wire = await afterTls(server);
      expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['530 5.7.0 Authentication required']);
      expect(await wire.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual(AUTH_OK);
      expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['250 2.1.0 Ok']);
      wire.destroy();
    }));
});

describe('keep-envelope: a MAIL FROM from before STARTTLS (with plaintext-mail)', () => {
  const mailThenTls = async (server: FlawedServer): Promise<SmtpWire> => {
    const wire = await plain(server);
    await wire.command('EHLO client.example.test');
    expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['250 2.1.0 Ok']);
    return upgrade(wire);
  };

  it('conformant: gone after the handshake, RCPT gets 503', () =>
    withServer(['plaintext-mail'], async (server) => {
      const wire = await mailThenTls(server);
      expect(await wire.command('RCPT TO:<b@example.test>')).toEqual(['503 5.5.1 Need MAIL command']);
      wire.destroy();
    }));

  it('flaw: survives, RCPT right after the handshake (no EHLO) gets 250', () =>
    withServer(['plaintext-mail', 'keep-envelope'], async (server) => {
      const wire = await mailThenTls(server);
      expect(await wire.command('RCPT TO:<b@example.test>')).toEqual(['250 2.1.5 Ok']);
      wire.destroy();
    }));
});

describe('keep-auth: an AUTH from before STARTTLS (with auth-before-tls)', () => {
  const authThenTls = async (server: FlawedServer): Promise<SmtpWire> => {
    const wire = await plain(server);
    await wire.command('EHLO client.example.test');
    expect(await wire.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual(AUTH_OK);
    await upgrade(wire);
    expect(first(await wire.command('EHLO client.example.test'))).toBe('250-mail.example.test');
    return wire;
  };

  it('conformant: forgotten, MAIL inside TLS gets 530', () =>
    withServer(['auth-before-tls'], async (server) => {
      const wire = await authThenTls(server);
      expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['530 5.7.0 Authentication required']);
      wire.destroy();
    }));

  it('flaw: survives, MAIL inside TLS is accepted without a new AUTH', () =>
    withServer(['auth-before-tls', 'keep-auth'], async (server) => {
      const wire = await authThenTls(server);
      expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['250 2.1.0 Ok']);
      wire.destroy();
    }));
});

describe('reauth: AUTH after AUTH, and AUTH in a transaction', () => {
  it('conformant: 503 for both', () =>
    withServer(['mail-without-auth'], async (server) => {
      const wire = await authenticated(server);
      expect(await wire.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual(['503 5.5.1 Already authenticated']);
      await wire.command('MAIL FROM:<a@example.test>');
      // "Already authenticated" is checked first; a transaction without AUTH needs mail-without-auth.
      expect(await wire.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual(['503 5.5.1 Already authenticated']);
      const other = await upgrade(await plain(server));
      await other.command('EHLO client.example.test');
      expect(await other.command('MAIL FROM:<a@example.test>')).toEqual(['250 2.1.0 Ok']);
      expect(await other.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual(['503 5.5.1 AUTH not permitted during a mail transaction']);
      wire.destroy();
      other.destroy();
    }));

  it('flaw: both are processed, and the transaction goes on', () =>
    withServer(['reauth'], async (server) => {
      const wire = await authenticated(server);
      expect(await wire.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual(AUTH_OK);
      expect(await wire.command(`AUTH PLAIN ${PLAIN_BAD}`)).toEqual(AUTH_FAILED);
      expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['250 2.1.0 Ok']);
      expect(await wire.command('AUTH LOGIN')).toEqual(['334 VXNlcm5hbWU6']);
      expect(await wire.command(b64(USER))).toEqual(['334 UGFzc3dvcmQ6']);
      expect(await wire.command(b64(PASSWORD))).toEqual(AUTH_OK);
      expect(await wire.command('RCPT TO:<b@example.test>')).toEqual(['250 2.1.5 Ok']);
      wire.destroy();
    }));
});

describe('cancel-accepted: "*" in an AUTH exchange', () => {
  const cancel = async (wire: SmtpWire): Promise<string[][]> => {
    await wire.command('EHLO client.example.test');
    expect(await wire.command('AUTH PLAIN')).toEqual(['334 ']);
    const plainCancel = await wire.command('*');
    expect(await wire.command('AUTH LOGIN')).toEqual(['334 VXNlcm5hbWU6']);
    expect(await wire.command(b64(USER))).toEqual(['334 UGFzc3dvcmQ6']);
    const loginCancel = await wire.command('*');
    expect(await wire.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual(AUTH_OK);
    return [plainCancel, loginCancel];
  };

  it('conformant: 501', () =>
    withServer([], async (server) => {
      const wire = await implicit(server);
      expect(await cancel(wire)).toEqual([['501 5.0.0 Authentication cancelled'], ['501 5.0.0 Authentication cancelled']]);
      wire.destroy();
    }));

  it('flaw: 535', () =>
    withServer(['cancel-accepted'], async (server) => {
      const wire = await implicit(server);
      expect(await cancel(wire)).toEqual([AUTH_FAILED, AUTH_FAILED]);
      wire.destroy();
    }));
});

describe('bad-auth-closes: wrong credentials', () => {
  it('conformant: 535 and the session goes on', () =>
    withServer([], async (server) => {
      const wire = await implicit(server);
      await wire.command('EHLO client.example.test');
      expect(await wire.command(`AUTH PLAIN ${PLAIN_BAD}`)).toEqual(AUTH_FAILED);
      expect(await wire.command('NOOP')).toEqual(['250 2.0.0 OK']);
      expect(await wire.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual(AUTH_OK);
      wire.destroy();
    }));

  it('flaw: 535, then the server closes the connection', () =>
    withServer(['bad-auth-closes'], async (server) => {
      const wire = await implicit(server);
      await wire.command('EHLO client.example.test');
      expect(await wire.command(`AUTH PLAIN ${PLAIN_BAD}`)).toEqual(AUTH_FAILED);
      await wire.closed();
      expect(wire.unread).toBe('');
    }));
});

describe('malformed-ehlo: the code of the EHLO reply', () => {
  const codes = (reply: string[]): string[] => [...new Set(reply.map((line) => line.slice(0, 3)))];
  const everyEhlo = async (server: FlawedServer): Promise<string[][]> => {
    const before = await plain(server);
    const replies = [await before.command('EHLO client.example.test')];
    await upgrade(before);
    replies.push(await before.command('EHLO client.example.test'));
    const onImplicit = await implicit(server);
    replies.push(await onImplicit.command('EHLO client.example.test'));
    before.destroy();
    onImplicit.destroy();
    return replies;
  };

  it('conformant: 250 on every line, before and after TLS, on both ports', () =>
    withServer([], async (server) => {
      for (const reply of await everyEhlo(server)) {
        expect(codes(reply)).toEqual(['250']);
        expect(reply.at(-1)).toBe('250 8BITMIME');
      }
    }));

  it('flaw: the last line says 251', () =>
    withServer(['malformed-ehlo'], async (server) => {
      for (const reply of await everyEhlo(server)) {
        expect(reply.slice(0, 2)).toEqual(['250-mail.example.test', '250-PIPELINING']);
        expect(reply.at(-1)).toBe('251 8BITMIME');
        expect(codes(reply)).toEqual(['250', '251']);
      }
    }));
});

describe('ehlo-keeps-transaction: MAIL, EHLO, RCPT', () => {
  const mailEhloRcpt = async (server: FlawedServer, greeting: string): Promise<string[]> => {
    const wire = await authenticated(server);
    expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['250 2.1.0 Ok']);
    expect(first(await wire.command(greeting))).toMatch(/^250[- ]mail\.example\.test$/);
    const reply = await wire.command('RCPT TO:<b@example.test>');
    wire.destroy();
    return reply;
  };

  it('conformant: EHLO and HELO reset the transaction, RCPT gets 503', () =>
    withServer([], async (server) => {
      expect(await mailEhloRcpt(server, 'EHLO client.example.test')).toEqual(['503 5.5.1 Need MAIL command']);
      expect(await mailEhloRcpt(server, 'HELO client.example.test')).toEqual(['503 5.5.1 Need MAIL command']);
    }));

  it('flaw: the transaction survives, RCPT gets 250', () =>
    withServer(['ehlo-keeps-transaction'], async (server) => {
      expect(await mailEhloRcpt(server, 'EHLO client.example.test')).toEqual(['250 2.1.5 Ok']);
      expect(await mailEhloRcpt(server, 'HELO client.example.test')).toEqual(['250 2.1.5 Ok']);
    }));
});

describe('quit-no-close: after 221', () => {
  it('conformant: the server closes the connection', () =>
    withServer([], async (server) => {
      const wire = await implicit(server);
      expect(await wire.command('QUIT')).toEqual(['221 2.0.0 Bye']);
      await wire.closed();
    }));

  it('flaw: the connection stays open, and commands are still answered', () =>
    withServer(['quit-no-close'], async (server) => {
      const wire = await implicit(server);
      expect(await wire.command('QUIT')).toEqual(['221 2.0.0 Bye']);
      expect(await wire.silentFor(150)).toBe(true);
      expect(await wire.command('NOOP')).toEqual(['250 2.0.0 OK']);
      wire.destroy();
    }));
});

describe('long-line-drop: a command line over 512 octets', () => {
  const NOOP_600 = `NOOP ${'x'.repeat(593)}`; // 598 octets, 600 with CRLF
  const NOOP_10K = `NOOP ${'x'.repeat(9_993)}`; // 10,000 with CRLF

  it('conformant: 500 5.5.0 and the session goes on, before and inside TLS', () =>
    withServer([], async (server) => {
      const wire = await plain(server);
      for (const long of [NOOP_600, NOOP_10K]) {
        expect(await wire.command(long)).toEqual(['500 5.5.0 Line too long']);
        expect(await wire.command('NOOP')).toEqual(['250 2.0.0 OK']);
      }
      await upgrade(wire);
      for (const long of [NOOP_600, NOOP_10K]) {
        expect(await wire.command(long)).toEqual(['500 5.5.0 Line too long']);
        expect(await wire.command('NOOP')).toEqual(['250 2.0.0 OK']);
      }
      wire.destroy();
    }));

  it.each([
    ['600', NOOP_600],
    ['10,000', NOOP_10K],
  ])('flaw: a %s-octet line closes the connection without a reply', (_size, long) =>
    withServer(['long-line-drop'], async (server) => {
      const wire = await plain(server);
      expect(await wire.command(`NOOP ${'x'.repeat(505)}`)).toEqual(['250 2.0.0 OK']); // 512 with CRLF
      wire.write(`${long}\r\nNOOP\r\n`);
      await wire.closed();
      expect(wire.unread).toBe('');
    }),
  );
});

describe('pipelining-broken: several command lines in one read, authenticated inside TLS', () => {
  const BATCH = 'MAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nRCPT TO:<c@example.test>\r\nNOOP\r\n';

  it('conformant: every line is answered, in order', () =>
    withServer([], async (server) => {
      const wire = await authenticated(server);
      wire.write(BATCH);
      expect(await wire.reply()).toEqual(['250 2.1.0 Ok']);
      expect(await wire.reply()).toEqual(['250 2.1.5 Ok']);
      expect(await wire.reply()).toEqual(['250 2.1.5 Ok']);
      expect(await wire.reply()).toEqual(['250 2.0.0 OK']);
      wire.destroy();
    }));

  it('flaw: only the first line is answered, the rest are dropped', () =>
    withServer(['pipelining-broken'], async (server) => {
      const wire = await authenticated(server);
      wire.write(BATCH);
      expect(await wire.reply()).toEqual(['250 2.1.0 Ok']);
      expect(await wire.silentFor(150)).toBe(true);
      // One at a time still works, and the dropped RCPTs never counted.
      expect(await wire.command('DATA')).toEqual(['503 5.5.1 Need RCPT command']);
      expect(await wire.command('RCPT TO:<b@example.test>')).toEqual(['250 2.1.5 Ok']);
      wire.destroy();
    }));

  it('flaw: pipelining before AUTH is untouched', () =>
    withServer(['pipelining-broken'], async (server) => {
      const wire = await plain(server);
      wire.write('NOOP\r\nRSET\r\nNOOP\r\n');
      expect(await wire.reply()).toEqual(['250 2.0.0 OK']);
      expect(await wire.reply()).toEqual(['250 2.0.0 OK']);
      expect(await wire.reply()).toEqual(['250 2.0.0 OK']);
      wire.destroy();
    }));
});

// Received header field and the sink

let sinkDir: string;

const DATE = String.raw`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000`;
const ID = String.raw`[0-9A-F]{12}`;
const SUITE_13 = String.raw`TLS_(?:AES_256_GCM_SHA384|AES_128_GCM_SHA256|CHACHA20_POLY1305_SHA256)`;

async function submit(wire: SmtpWire, body = 'Subject: hi\r\n\r\nbody\r\n'): Promise<void> {
  wire.write('MAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n');
  expect(await wire.reply()).toEqual(['250 2.1.0 Ok']);
  expect(await wire.reply()).toEqual(['250 2.1.5 Ok']);
  expect((await wire.reply())[0]).toMatch(/^354 /);
  expect(await wire.command(`${body}.`)).toEqual(['250 2.0.0 Ok: queued']);
}

/** The one message in the sink: its file name and content. */
function sunk(): { name: string; content: string } {
  const names = readdirSync(sinkDir);
  expect(names).toHaveLength(1);
  const name = names[0] ?? '';
  return { name, content: readFileSync(path.join(sinkDir, name), 'utf8') };
}

const header = (protocol: string, tls: string | undefined): RegExp =>
  new RegExp(
    '^Received: from client\\.example\\.test \\(\\[127\\.0\\.0\\.1\\]\\)\\r\\n' +
      `\\tby mail\\.example\\.test \\(msaspec-flawed\\) with ${protocol}\\r\\n` +
      `\\tid ${ID}` +
      (tls === undefined ? '' : `\\r\\n\\ttls ${tls}`) +
      `; ${DATE}\\r\\n` +
      'Subject: hi\\r\\n\\r\\nbody\\r\\n$',
  );

describe('Received header field and the sink', () => {
  beforeEach(() => {
    sinkDir = mkdtempSync(path.join(tmpdir(), 'msaspec-sink-'));
  });
  afterEach(() => rmSync(sinkDir, { recursive: true, force: true }));

  it('conformant, authenticated over STARTTLS: ESMTPSA and the tls clause, written to the sink', () =>
    withServer(
      [],
      async (server) => {
        const before = Date.now();
        const wire = await authenticated(server);
        await submit(wire);
        const { name, content } = sunk();
        expect(name).toMatch(/^(\d+)-1\.eml$/);
        expect(Number(/^\d+/.exec(name)?.[0])).toBeGreaterThanOrEqual(before);
        expect(content).toMatch(header('ESMTPSA', SUITE_13));
        const message = server.messages.at(-1);
        expect(message && message.received + message.data).toBe(content);
        wire.destroy();
      },
      { sinkDir },
    ));

  it('conformant, TLS 1.2 on the implicit port: the suite by its standard name', () =>
    withServer(
      [],
      async (server) => {
        const wire = await SmtpWire.implicit(server.ports.implicit ?? 0, pki.trust, { maxVersion: 'TLSv1.2' });
        expect(await wire.reply()).toEqual([GREETING]);
        await wire.command('EHLO client.example.test');
        expect(await wire.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual(['235 2.7.0 Authentication successful']);
        await submit(wire);
        expect(sunk().content).toMatch(header('ESMTPSA', 'TLS_ECDHE_RSA_WITH_[A-Z0-9_]+'));
        wire.destroy();
      },
      { sinkDir },
    ));

  it('conformant, unauthenticated inside TLS (mail-without-auth): ESMTPS', () =>
    withServer(
      ['mail-without-auth'],
      async (server) => {
        const wire = await implicit(server);
        await wire.command('EHLO client.example.test');
        await submit(wire);
        expect(sunk().content).toMatch(header('ESMTPS', SUITE_13));
        wire.destroy();
      },
      { sinkDir },
    ));

  it.each<[string, Flaw[], string]>([
    ['authenticated (auth-before-tls)', ['auth-before-tls', 'plaintext-mail'], 'ESMTPA'],
    ['unauthenticated', ['plaintext-mail'], 'ESMTP'],
  ])('conformant, without TLS, %s: %s, no tls clause', (_what, flaws, protocol) =>
    withServer(
      flaws,
      async (server) => {
        const wire = await plain(server);
        await wire.command('EHLO client.example.test');
        if (protocol === 'ESMTPA') await wire.command(`AUTH PLAIN ${PLAIN_OK}`);
        await submit(wire);
        expect(sunk().content).toMatch(header(protocol, undefined));
        wire.destroy();
      },
      { sinkDir },
    ),
  );

  it('no-tls-received: neither the tls clause nor the S', () =>
    withServer(
      ['no-tls-received'],
      async (server) => {
        const wire = await upgrade(await plain(server));
        await wire.command('EHLO client.example.test');
        await wire.command(`AUTH PLAIN ${PLAIN_OK}`);
        await submit(wire);
        expect(sunk().content).toMatch(header('ESMTPA', undefined));
        expect(server.messages.at(-1)?.received).not.toMatch(/ESMTPS|\ttls /);
        wire.destroy();
      },
      { sinkDir },
    ));

  it('numbers the files, creates the directory, and keeps the messages in memory', () => {
    const nested = path.join(sinkDir, 'made', 'here');
    return withServer(
      [],
      async (server) => {
        const wire = await authenticated(server);
        await submit(wire);
        await submit(wire, 'Subject: two\r\n\r\n..x\r\n');
        const files = readdirSync(nested).map((name) => {
          const match = /^(\d+)-(\d+)\.eml$/.exec(name);
          expect(match, name).not.toBeNull();
          return { n: Number(match?.[2]), content: readFileSync(path.join(nested, name), 'utf8') };
        });
        files.sort((a, b) => a.n - b.n);
        expect(files.map((file) => file.n)).toEqual([1, 2]);
        expect(files[1]?.content).toMatch(/^Received: [^]*\r\nSubject: two\r\n\r\n\.x\r\n$/);
        expect(server.messages.map((m) => m.data)).toEqual(['Subject: hi\r\n\r\nbody\r\n', 'Subject: two\r\n\r\n.x\r\n']);
        wire.destroy();
      },
      { sinkDir: nested },
    );
  });

  it('without sinkDir nothing is written, the message is still kept', () =>
    withServer([], async (server) => {
      const wire = await authenticated(server);
      await submit(wire);
      expect(readdirSync(sinkDir)).toEqual([]);
      expect(server.messages).toHaveLength(1);
      wire.destroy();
    }));

  it('a message the sink cannot take gets 451', () =>
    withServer(
      [],
      async (server) => {
        const wire = await authenticated(server);
        rmSync(sinkDir, { recursive: true, force: true });
        wire.write('MAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n');
        await wire.reply();
        await wire.reply();
        await wire.reply();
        expect(await wire.command('x\r\n.')).toEqual(['451 4.3.0 Local error']);
        expect(server.messages).toEqual([]);
        wire.destroy();
      },
      { sinkDir },
    ));

  it('formats address literals and dates', () => {
    expect(addressLiteral('192.0.2.1')).toBe('[192.0.2.1]');
    expect(addressLiteral('::ffff:192.0.2.1')).toBe('[192.0.2.1]');
    expect(addressLiteral('2001:db8::1')).toBe('[IPv6:2001:db8::1]');
    expect(rfc5322Date(new Date(Date.UTC(2025, 2, 4, 3, 9, 7)))).toBe('Tue, 04 Mar 2025 03:09:07 +0000');
  });
});
