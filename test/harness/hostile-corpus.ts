import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { PortKind } from '../../harness/model/port.ts';
import type { IssuedCertificate } from '../../harness/pki/certificate-authority.ts';
import { drip, flood, type Behaviour } from './hostile-server.ts';

/**
 * Servers that break the protocol in one way each, on both services where the breakage fits: on the
 * implicit-TLS port the same SMTP misbehaviour runs inside TLS (unless it is about TLS itself), on
 * the STARTTLS port in plaintext. The harness must end every case against them as ERROR, or as a
 * finding (FAIL, WARN) where the breakage is what the case checks; never PASS, never hang.
 */
export interface HostileKind {
  name: string;
  /** What the server does wrong, as the report of a failing check would say it. */
  description: string;
  /** The server behind each service the misbehaviour applies to. */
  services: Partial<Record<PortKind, (identity: IssuedCertificate) => Behaviour>>;
}

export const SERVERNAME = 'mail.example.test';
const GREETING = `220 ${SERVERNAME} ESMTP\r\n`;
const EHLO_REPLY = `250-${SERVERNAME}\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n`;
const EHLO_REPLY_STARTTLS = `250-${SERVERNAME}\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n`;

/** Lines from a stream, CRLF or LF, line end stripped. */
function lines(stream: Duplex, onLine: (line: string) => void): void {
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString('latin1');
    for (let lf = pending.indexOf('\n'); lf >= 0; lf = pending.indexOf('\n')) {
      const line = pending.slice(0, lf).replace(/\r$/, '');
      pending = pending.slice(lf + 1);
      onLine(line);
    }
  });
}

/** TLS first (RFC 8314 §3.3), then `inside` on the protected stream. */
function implicitTls(identity: IssuedCertificate, inside: (secure: tls.TLSSocket, raw: Parameters<Behaviour>[0]) => void): Behaviour {
  return (socket) => {
    const secure = new tls.TLSSocket(socket, { isServer: true, ...identity });
    secure.on('error', () => socket.destroy());
    // The TLS layer owns the connection now: its end is the connection's end.
    secure.once('close', () => socket.destroy());
    secure.once('end', () => socket.destroy());
    secure.once('secure', () => inside(secure, socket));
  };
}

/** The same SMTP misbehaviour on both services: in clear on 587, inside TLS on 465. */
function onBoth(script: (stream: Duplex) => void): HostileKind['services'] {
  return {
    implicit: (identity) => implicitTls(identity, script),
    starttls: () => script,
  };
}

/** A plausible 587 up to STARTTLS: greeting, EHLO with STARTTLS, NOOP, 530 to the rest; then `onStarttls`. */
function untilStarttls(onStarttls: (socket: Parameters<Behaviour>[0], identity: IssuedCertificate) => void): (identity: IssuedCertificate) => Behaviour {
  return (identity) => (socket) => {
    socket.write(GREETING);
    let upgraded = false;
    lines(socket, (line) => {
      if (upgraded) return;
      const verb = line.split(' ')[0]?.toUpperCase() ?? '';
      if (verb === 'EHLO') socket.write(EHLO_REPLY_STARTTLS);
      else if (verb === 'STARTTLS') {
        upgraded = true;
        onStarttls(socket, identity);
      } else if (verb === 'NOOP') socket.write('250 2.0.0 Ok\r\n');
      else if (verb === 'QUIT') socket.end('221 2.0.0 Bye\r\n');
      else socket.write('530 5.7.0 Must issue a STARTTLS command first\r\n');
    });
  };
}

/** A TLS record that is a fatal handshake_failure alert (RFC 8446 §6). */
const HANDSHAKE_FAILURE_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);
/** The first octets of a ServerHello record, promising more than ever comes. */
const PARTIAL_SERVER_HELLO = Buffer.from([0x16, 0x03, 0x03, 0x00, 0x7a, 0x02, 0x00, 0x00, 0x76, 0x03, 0x03]);

/** Waits for the client's first TLS record, then answers it with `answer`. */
function onClientHello(socket: Parameters<Behaviour>[0], answer: () => void): void {
  socket.once('data', answer);
}

/**
 * A working submission server whose every reply comes twice, in one write: greeting once, then each
 * command answered twice. STARTTLS really starts TLS; credentials are anything.
 */
function twice(identity: IssuedCertificate, startSecure: boolean): Behaviour {
  return (socket) => {
    const serve = (stream: Duplex, secure: boolean) => {
      let data = false;
      const reply = (text: string) => stream.write(text + text);
      lines(stream, (line) => {
        if (data) {
          if (line === '.') {
            data = false;
            reply('250 2.0.0 Ok: queued\r\n');
          }
          return;
        }
        const verb = line.split(' ')[0]?.toUpperCase() ?? '';
        if (verb === 'EHLO') reply(secure ? EHLO_REPLY : EHLO_REPLY_STARTTLS);
        else if (verb === 'STARTTLS' && !secure) {
          stream.removeAllListeners('data');
          reply('220 2.0.0 Ready to start TLS\r\n');
          const upgraded = new tls.TLSSocket(stream as Parameters<Behaviour>[0], { isServer: true, ...identity });
          upgraded.on('error', () => stream.destroy());
          upgraded.once('close', () => stream.destroy());
          upgraded.once('secure', () => serve(upgraded, true));
        } else if (verb === 'AUTH') reply('235 2.7.0 Authentication successful\r\n');
        else if (verb === 'DATA') {
          data = true;
          reply('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye\r\n');
          stream.end();
        } else reply('250 2.0.0 Ok\r\n');
      });
      stream.write(GREETING);
    };
    if (startSecure) implicitTls(identity, (secure) => serve(secure, true))(socket);
    else serve(socket, false);
  };
}

export const HOSTILE_CORPUS: readonly HostileKind[] = [
  {
    name: 'no greeting',
    description: 'accepts and never sends a byte',
    services: { implicit: () => () => undefined, starttls: () => () => undefined },
  },
  {
    name: 'greeting then silence',
    description: 'greets, then never answers a command',
    services: onBoth((stream) => stream.write(GREETING)),
  },
  {
    name: 'slow drip',
    description: 'sends its greeting one byte a second',
    services: onBoth((stream) => drip(stream as Parameters<Behaviour>[0], Buffer.from(GREETING), 1000)),
  },
  {
    name: 'endless multi-line reply',
    description: 'answers the first command with "250-x" lines that never end',
    services: onBoth((stream) => {
      stream.write(GREETING);
      stream.once('data', () => flood(stream as Parameters<Behaviour>[0], '250-x\r\n'.repeat(500)));
    }),
  },
  {
    name: '1 MB line',
    description: 'answers the first command with one line of 1 MiB',
    services: onBoth((stream) => {
      stream.write(GREETING);
      stream.once('data', () => stream.write(`250-${'A'.repeat(1 << 20)}\r\n250 ok\r\n`));
    }),
  },
  {
    name: 'binary garbage',
    description: 'sends random binary bytes instead of SMTP (and instead of TLS on 465)',
    services: {
      implicit: () => (socket) => socket.write(randomBytes(4096)),
      starttls: () => (socket) => socket.write(randomBytes(4096)),
    },
  },
  {
    name: 'reset mid-reply',
    description: 'greets, starts the reply to the first command, and resets the connection mid-line',
    services: {
      implicit: (identity) =>
        implicitTls(identity, (secure, raw) => {
          secure.write(GREETING);
          // Reset the TCP connection under TLS, so no close_notify dresses it up as a clean end.
          secure.once('data', () => secure.write(`250-${SERVERNAME}\r\n250-PIPE`, () => raw.resetAndDestroy()));
        }),
      starttls: () => (socket) => {
        socket.write(GREETING);
        socket.once('data', () => socket.write(`250-${SERVERNAME}\r\n250-PIPE`, () => socket.resetAndDestroy()));
      },
    },
  },
  {
    name: 'reset mid-handshake',
    description: 'answers the ClientHello with the start of a ServerHello, then resets the connection',
    services: {
      implicit: () => (socket) => onClientHello(socket, () => socket.write(PARTIAL_SERVER_HELLO, () => socket.resetAndDestroy())),
      starttls: untilStarttls((socket) => {
        socket.write('220 2.0.0 Ready to start TLS\r\n');
        onClientHello(socket, () => socket.write(PARTIAL_SERVER_HELLO, () => socket.resetAndDestroy()));
      }),
    },
  },
  {
    name: 'TLS alert instead of ServerHello',
    description: 'answers every ClientHello with a fatal handshake_failure alert',
    services: {
      implicit: () => (socket) => onClientHello(socket, () => socket.end(HANDSHAKE_FAILURE_ALERT)),
      starttls: untilStarttls((socket) => {
        socket.write('220 2.0.0 Ready to start TLS\r\n');
        onClientHello(socket, () => socket.end(HANDSHAKE_FAILURE_ALERT));
      }),
    },
  },
  {
    name: 'close after STARTTLS 220',
    description: "closes the connection right after its 220 to STARTTLS",
    services: { starttls: untilStarttls((socket) => socket.end('220 2.0.0 Ready to start TLS\r\n')) },
  },
  {
    name: 'plaintext after STARTTLS 220',
    description: 'answers STARTTLS with 220, then goes on answering in plaintext instead of TLS',
    services: {
      starttls: untilStarttls((socket) => {
        socket.write('220 2.0.0 Ready to start TLS\r\n250 2.0.0 Ok\r\n');
        socket.on('data', () => socket.write('500 5.5.2 Error: command not recognized\r\n'));
      }),
    },
  },
  {
    name: 'every reply twice',
    description: 'a working server that sends every reply twice',
    services: { implicit: (identity) => twice(identity, true), starttls: (identity) => twice(identity, false) },
  },
];
