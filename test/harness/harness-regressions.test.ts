import type net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../harness/model/result.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { CertificateAuthority, type IssuedCertificate } from '../../harness/pki/certificate-authority.ts';
import type { Timeouts } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { SmtpSession } from '../../harness/smtp/smtp-session.ts';
import { WireLog } from '../../harness/smtp/wire-log.ts';
import { pipelinedNoop } from '../../suites/injection/1/pipelined-noop.ts';
import { starttlsAdvertised } from '../../suites/rfc3207/4/starttls-advertised.ts';
import { greetingInsideTls } from '../../suites/rfc8314/3.3/greeting-inside-tls.ts';
import { HostileServer, drip, onLines, type Behaviour } from './hostile-server.ts';

/** Harness defects found by the hostile-server tests, fixed; each test guards its fix. */

const SERVERNAME = 'mail.example.test';
const TIMEOUTS: Timeouts = { replyMs: 500, quietMs: 100, caseMs: 3000 };
const servers: HostileServer[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function serve(behaviour: Behaviour): Promise<HostileServer> {
  const server = await HostileServer.start(behaviour);
  servers.push(server);
  return server;
}

function target(ports: ResolvedTarget['ports'], ca?: string): ResolvedTarget {
  return { name: 'hostile', kind: 'external', host: '127.0.0.1', ports, servername: SERVERNAME, waivers: [], facts: {}, ...(ca ? { ca } : {}) };
}

/**
 * A STARTTLS that works, except when more bytes come with it: then `onPipelined` has the socket. The
 * injection cases count an abort as safe only from a server whose plain STARTTLS works (their control).
 */
function abortsOnlyPipelined(identity: IssuedCertificate, onPipelined: (socket: net.Socket) => void): Behaviour {
  return (socket) => {
    socket.write(`220 ${SERVERNAME} ESMTP\r\n`);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      if (/^EHLO /i.test(text)) socket.write(`250-${SERVERNAME}\r\n250 STARTTLS\r\n`);
      else if (/^STARTTLS\r\n$/i.test(text)) {
        socket.off('data', onData);
        socket.write('220 2.0.0 Ready to start TLS\r\n');
        const secure = new tls.TLSSocket(socket, { isServer: true, ...identity });
        secure.on('error', () => socket.destroy());
        onLines(secure, (line) => secure.write(/^EHLO /i.test(line) ? `250 ${SERVERNAME}\r\n` : '250 2.0.0 Ok\r\n'));
      } else if (/^STARTTLS\r\n./is.test(text)) onPipelined(socket);
    };
    socket.on('data', onData);
  };
}

describe('a connection reset is judged as a close', () => {
  let ca: CertificateAuthority;
  let identity: IssuedCertificate;
  beforeAll(async () => {
    ca = await CertificateAuthority.create();
    identity = await ca.issueServer(SERVERNAME);
  });

  it('control: closing (FIN) on pipelined "STARTTLS\\r\\nNOOP" is a safe abort and PASSes', async () => {
    const server = await serve(abortsOnlyPipelined(identity, (socket) => socket.end()));
    const result = await runCase(pipelinedNoop, target({ starttls: server.port }, ca.pem), 'starttls', TIMEOUTS);
    expect(result.verdict).toBe('PASS');
    expect(result.seen).toBe('handshake aborted');
  });

  // A reset must reach the cases as HarnessError 'closed', as a FIN does: a server that resets on
  // pipelined bytes has safely refused them (INJ-1), and that is a PASS, not a harness ERROR.
  it('resetting (RST) on pipelined "STARTTLS\\r\\nNOOP" is judged like a close, not ERROR', async () => {
    const server = await serve(abortsOnlyPipelined(identity, (socket) => socket.resetAndDestroy()));
    const result = await runCase(pipelinedNoop, target({ starttls: server.port }, ca.pem), 'starttls', TIMEOUTS);
    expect(result.error).toBeUndefined();
    expect(result.verdict).toBe('PASS');
  });
});

describe('timeout messages name the configured timeout', () => {
  // A reply that trickles in must be reported against the whole reply timeout, not the time left at
  // the last wait.
  it('a slow-drip greeting is reported against the configured 500 ms reply timeout', async () => {
    const server = await serve((socket) => drip(socket, Buffer.from(`220 ${SERVERNAME} ESMTP\r\n`), 200));
    const result = await runCase(starttlsAdvertised, target({ starttls: server.port }), 'starttls', TIMEOUTS);
    expect(result.verdict).toBe('ERROR');
    expect(result.error).toBe('timed out after 500 ms waiting for greeting');
  });
});

describe('a case past its budget leaves nothing behind', () => {
  // caseMs 200 < the implicit-TLS handshake the server delays by 400 ms < replyMs 1000. runCase gives up
  // at 200 ms while the handshake is pending: the connection that completes later must be closed, and
  // the returned transcript must not change afterwards.
  const budget: Timeouts = { replyMs: 1000, quietMs: 100, caseMs: 200 };
  let server: HostileServer;
  let result: CaseResult;
  let transcriptAtReturn: number;

  beforeAll(async () => {
    const ca = await CertificateAuthority.create();
    const identity: IssuedCertificate = await ca.issueServer(SERVERNAME);
    server = await serve((socket) => {
      socket.pause();
      setTimeout(() => {
        const secure = new tls.TLSSocket(socket, { isServer: true, ...identity });
        secure.on('error', () => undefined);
        secure.resume(); // read, so that a close by the client is noticed
        socket.resume();
      }, 400);
    });
    result = await runCase(greetingInsideTls, target({ implicit: server.port }, ca.pem), 'implicit', budget);
    transcriptAtReturn = result.transcript.length;
    // Past every bound the harness has: the delayed handshake plus one full reply timeout, plus slack.
    await sleep(400 + budget.replyMs + 300);
  });

  it('ends as ERROR naming the budget', () => {
    expect(result.verdict).toBe('ERROR');
    expect(result.error).toBe('case exceeded its 200 ms budget');
  });

  it('closes a connection that completes after the budget expired', async () => {
    await server.allClosed(100);
  });

  it('does not add transcript entries to a result already returned', () => {
    expect(result.transcript).toHaveLength(transcriptAtReturn);
  });
});

describe('the first command after a STARTTLS handshake', () => {
  let ca: CertificateAuthority;
  let identity: IssuedCertificate;
  beforeAll(async () => {
    ca = await CertificateAuthority.create();
    identity = await ca.issueServer(SERVERNAME);
  });

  // After TLS 1.3 the command waits for the server's session tickets (smtp-session.ts, TICKET_WAIT_MS).
  // Written from within the ticket event, it was never sent: the reply timed out.
  for (const version of ['TLSv1.3', 'TLSv1.2'] as const) {
    it(`is sent and answered (${version})`, async () => {
      const server = await serve((socket) => {
        socket.write(`220 ${SERVERNAME} ESMTP\r\n`);
        socket.once('data', () => {
          socket.write('220 2.0.0 Ready to start TLS\r\n');
          const secure = new tls.TLSSocket(socket, { isServer: true, ...identity, minVersion: version, maxVersion: version });
          secure.on('error', () => socket.destroy());
          onLines(secure, (line) => secure.write(/^NOOP/i.test(line) ? '250 2.0.0 Ok\r\n' : '500 no\r\n'));
        });
      });
      const session = await SmtpSession.connectPlain({ host: '127.0.0.1', port: server.port, servername: SERVERNAME, ca: ca.pem, timeoutMs: 1000, log: new WireLog() });
      try {
        await session.readReply('greeting');
        expect((await session.command('STARTTLS')).code).toBe(220);
        await session.startTls();
        expect(session.tls?.protocol).toBe(version);
        expect((await session.command('NOOP')).code).toBe(250);
      } finally {
        session.close();
      }
    });
  }
});
