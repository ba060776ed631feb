import type net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyCase } from '../../harness/model/case.ts';
import type { PortKind } from '../../harness/model/port.ts';
import type { CaseResult } from '../../harness/model/result.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { CertificateAuthority, type IssuedCertificate } from '../../harness/pki/certificate-authority.ts';
import type { Timeouts } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { pipelinedNoop } from '../../suites/injection/1/pipelined-noop.ts';
import { starttlsAdvertised } from '../../suites/rfc3207/4/starttls-advertised.ts';
import { greetingInsideTls } from '../../suites/rfc8314/3.3/greeting-inside-tls.ts';
import { HostileServer, drip, flood, onLines, type Behaviour, type FloodState } from './hostile-server.ts';

/**
 * Real cases run through runCase against in-process servers that misbehave. Whatever the server does,
 * the harness must end the case as ERROR (or, where the misbehaviour is itself the finding, FAIL) —
 * never PASS — say why, and stay within the case budget, with the reader limits as they ship.
 */

const TIMEOUTS: Timeouts = { replyMs: 500, quietMs: 100, caseMs: 3000 };
/** Scheduling slack on top of a bound the harness promises. */
const SLACK_MS = 400;
const SERVERNAME = 'mail.example.test';
const GREETING = `220 ${SERVERNAME} ESMTP\r\n`;

const servers: HostileServer[] = [];
let ca: CertificateAuthority;
let identity: IssuedCertificate;

beforeAll(async () => {
  ca = await CertificateAuthority.create();
  identity = await ca.issueServer(SERVERNAME);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function serve(behaviour: Behaviour): Promise<HostileServer> {
  const server = await HostileServer.start(behaviour);
  servers.push(server);
  return server;
}

function externalTarget(ports: Partial<Record<PortKind, number>>, withCa = false): ResolvedTarget {
  return {
    name: 'hostile',
    kind: 'external',
    host: '127.0.0.1',
    ports,
    servername: SERVERNAME,
    waivers: [],
    facts: {},
    ...(withCa ? { ca: ca.pem } : {}),
  };
}

interface Run {
  result: CaseResult;
  elapsed: number;
}

async function run(testCase: AnyCase, server: HostileServer, port: PortKind, options: { withCa?: boolean } = {}): Promise<Run> {
  const started = Date.now();
  const result = await runCase(testCase, externalTarget({ [port]: server.port }, options.withCa), port, TIMEOUTS);
  return { result, elapsed: Date.now() - started };
}

/** ERROR with a reason that says what went wrong, within `withinMs` (the case budget by default). */
function expectError({ result, elapsed }: Run, reason: RegExp, withinMs = TIMEOUTS.caseMs): void {
  expect(result.verdict).toBe('ERROR');
  expect(result.error).toMatch(reason);
  expect(result.actual).toMatch(/^harness could not conclude: /);
  expect(result.actual).toMatch(reason);
  expect(result.seen).toBeUndefined();
  expect(elapsed).toBeLessThan(withinMs + SLACK_MS);
  expect(result.durationMs).toBeLessThan(withinMs + SLACK_MS);
}

/** Greets, then hands each EHLO to `onEhlo`; other commands go unanswered. */
function greetThen(onEhlo: (socket: net.Socket) => void): Behaviour {
  return (socket) => {
    socket.write(GREETING);
    onLines(socket, (line) => {
      if (/^EHLO /i.test(line)) onEhlo(socket);
    });
  };
}

/** A STARTTLS service that behaves until STARTTLS, then hands the socket to `onStarttls`. */
function starttlsThen(onStarttls: (socket: net.Socket) => void): Behaviour {
  return (socket) => {
    socket.write(GREETING);
    onLines(socket, (line) => {
      if (/^EHLO /i.test(line)) socket.write(`250-${SERVERNAME}\r\n250 STARTTLS\r\n`);
      else if (/^STARTTLS$/i.test(line)) onStarttls(socket);
    });
  };
}

describe('hostile greetings on the STARTTLS port end as ERROR', () => {
  it('(a) accepts and never greets: ERROR after one reply timeout', async () => {
    const server = await serve(() => undefined);
    const outcome = await run(starttlsAdvertised, server, 'starttls');
    expectError(outcome, /timed out after \d+ ms waiting for greeting/, TIMEOUTS.replyMs);
    expect(outcome.elapsed).toBeGreaterThanOrEqual(TIMEOUTS.replyMs - 20);
  });

  it('(b) binary garbage instead of a greeting: ERROR as a malformed reply', async () => {
    const server = await serve((socket) => socket.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0xfe, 0x80, 0x00, 0x0d, 0x0a])));
    expectError(await run(starttlsAdvertised, server, 'starttls'), /malformed reply line/, TIMEOUTS.replyMs);
  });

  it('(b) binary garbage with no line end at all: ERROR by timeout, not a hang', async () => {
    const server = await serve((socket) => socket.write(Buffer.from([0x00, 0x01, 0x80, 0xff, 0x16, 0x03])));
    expectError(await run(starttlsAdvertised, server, 'starttls'), /timed out .* waiting for greeting/, TIMEOUTS.replyMs);
  });

  it('(d) slow drip, one greeting byte every 200 ms: the reply deadline covers the whole reply', async () => {
    const server = await serve((socket) => drip(socket, Buffer.from(GREETING), 200));
    // Every byte resets nothing: one deadline bounds the whole reply, so the drip cannot keep the case alive.
    expectError(await run(starttlsAdvertised, server, 'starttls'), /timed out .* waiting for greeting/, TIMEOUTS.replyMs);
  });

  it('(e) a single 1 MB line without newline: ERROR by the line-length cap', async () => {
    const server = await serve((socket) => socket.write(Buffer.alloc(1 << 20, 0x41)));
    expectError(await run(starttlsAdvertised, server, 'starttls'), /reply line longer than 8192 bytes/, TIMEOUTS.replyMs);
  });

  it('(f) greeting line ending with a bare LF: ERROR as malformed', async () => {
    const server = await serve((socket) => socket.write(`220 ${SERVERNAME} ESMTP\n`));
    expectError(await run(starttlsAdvertised, server, 'starttls'), /malformed reply line ending \(bare LF\)/, TIMEOUTS.replyMs);
  });

  it('(f) a multi-line EHLO reply with bare-LF lines: ERROR as malformed', async () => {
    const server = await serve(greetThen((socket) => socket.write(`250-${SERVERNAME}\n250 STARTTLS\n`)));
    expectError(await run(starttlsAdvertised, server, 'starttls'), /bare LF/, TIMEOUTS.replyMs);
  });

  it('(g) connection reset right after accept: ERROR naming the reset or the close', async () => {
    const server = await serve((socket) => socket.resetAndDestroy());
    expectError(await run(starttlsAdvertised, server, 'starttls'), /reset|closed/, TIMEOUTS.replyMs);
  });

  it('greeting with 554 instead of 220: ERROR, the harness cannot test a server that refuses service', async () => {
    const server = await serve((socket) => socket.write('554 5.3.2 no service\r\n'));
    expectError(await run(starttlsAdvertised, server, 'starttls'), /greeted with 554 instead of 220/, TIMEOUTS.replyMs);
  });

  it('closes the connection (FIN) instead of answering EHLO: ERROR as closed', async () => {
    const server = await serve(greetThen((socket) => socket.end()));
    expectError(await run(starttlsAdvertised, server, 'starttls'), /connection closed by server while waiting for reply to EHLO/, TIMEOUTS.replyMs);
  });
});

describe('endless replies are cut off by a cap, not by memory', () => {
  it('(c) endless "250-x" EHLO reply: ERROR by the 100-line cap, and the server stops writing once the client is gone', async () => {
    let state: FloodState | undefined;
    const server = await serve(
      greetThen((socket) => {
        state = flood(socket, '250-x\r\n'.repeat(1000));
      }),
    );
    const outcome = await run(starttlsAdvertised, server, 'starttls');
    // The line-count cap of SmtpSession.readReply ends it long before the 1 MiB total-bytes cap could.
    expectError(outcome, /multi-line reply longer than 100 lines/, TIMEOUTS.replyMs);
    expect(outcome.result.error).toBe('multi-line reply longer than 100 lines');
    expect(outcome.result.transcript.filter((e) => e.dir === 'S' && e.text === '250-x')).toHaveLength(100);
    // The harness closed its side; the flooding server noticed and stopped.
    await server.allClosed(1000);
    expect(state?.stopped).toBe(true);
    const written = state?.written ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state?.written).toBe(written);
  });

  it('endless reply of long lines that stays under the line caps: ERROR by the 1 MiB per-connection cap', async () => {
    // 8 KB lines pass the 8192-byte line cap; 60 of them in the greeting plus the EHLO flood pass 1 MiB
    // before the EHLO reply reaches 100 lines.
    const line = (code: number) => `${code}-${'y'.repeat(8000)}\r\n`;
    const server = await serve((socket) => {
      socket.write(`${line(220).repeat(60)}220 ${SERVERNAME}\r\n`);
      onLines(socket, (l) => {
        if (/^EHLO /i.test(l)) flood(socket, line(250));
      });
    });
    const outcome = await run(starttlsAdvertised, server, 'starttls');
    expectError(outcome, /server sent more than 1048576 bytes on one connection/, TIMEOUTS.replyMs);
    expect(outcome.result.error).toBe('server sent more than 1048576 bytes on one connection');
    await server.allClosed(1000);
  });
});

describe('hostile implicit-TLS port', () => {
  it('plain TCP that sends nothing: ERROR, never PASS', async () => {
    // The client's ClientHello goes unanswered, so the handshake times out (HarnessError 'timeout').
    // greeting-inside-tls turns only a *failed* handshake ('tls') into FAIL: silence cannot be told
    // apart from a slow or overloaded TLS server, so the harness reports ERROR rather than a finding.
    const server = await serve(() => undefined);
    const outcome = await run(greetingInsideTls, server, 'implicit');
    expectError(outcome, /timed out after \d+ ms waiting for TLS handshake/, TIMEOUTS.replyMs);
    await server.allClosed(1000);
  });

  it('plain TCP that greets in clear: FAIL, the handshake fails and that is the finding', async () => {
    const server = await serve((socket) => socket.write(GREETING));
    const { result, elapsed } = await run(greetingInsideTls, server, 'implicit');
    expect(result.verdict).toBe('FAIL');
    expect(result.actual).toMatch(/no TLS handshake on the implicit-TLS port: .*(wrong version number|packet length|record)/i);
    expect(elapsed).toBeLessThan(TIMEOUTS.replyMs + SLACK_MS);
  });

  it('TLS handshake completes, then no greeting: ERROR after one reply timeout', async () => {
    const server = await serve((socket) => {
      const secure = new tls.TLSSocket(socket, { isServer: true, ...identity });
      secure.on('error', () => undefined);
    });
    const outcome = await run(greetingInsideTls, server, 'implicit', { withCa: true });
    expectError(outcome, /timed out after \d+ ms waiting for greeting inside TLS/, TIMEOUTS.replyMs);
    expect(outcome.result.transcript.some((e) => e.dir === '*' && /TLS established/.test(e.text))).toBe(true);
  });
});

describe('hostile STARTTLS for the injection case', () => {
  it('STARTTLS never answered: ERROR (timeout), not PASS', async () => {
    const server = await serve(starttlsThen(() => undefined));
    expectError(await run(pipelinedNoop, server, 'starttls'), /timed out after \d+ ms waiting for reply to STARTTLS/, TIMEOUTS.replyMs);
  });

  it('STARTTLS answered 220 but no handshake follows: ERROR (timeout), not PASS', async () => {
    const server = await serve(starttlsThen((socket) => socket.write('220 2.0.0 go ahead\r\n')));
    // A handshake stalled after injected bytes counts as aborted (aiosmtpd stalls so), and then the
    // control handshake without them has to complete: here it stalls too, after a second reply timeout.
    const outcome = await run(pipelinedNoop, server, 'starttls');
    expectError(outcome, /timed out after \d+ ms waiting for STARTTLS handshake/, 2 * TIMEOUTS.replyMs);
    expect(outcome.result.actual).toMatch(/STARTTLS fails even without injected bytes/);
  });

  it('STARTTLS answered with an endless reply: ERROR by the line cap', async () => {
    const server = await serve(starttlsThen((socket) => flood(socket, '220-x\r\n'.repeat(1000))));
    expectError(await run(pipelinedNoop, server, 'starttls'), /multi-line reply longer than 100 lines/, TIMEOUTS.replyMs);
    await server.allClosed(1000);
  });
});
