import { afterEach, describe, expect, it } from 'vitest';
import { HarnessError } from '../../harness/smtp/errors.ts';
import { SmtpSession } from '../../harness/smtp/smtp-session.ts';
import { WireLog } from '../../harness/smtp/wire-log.ts';
import { repliesBeforeQuit } from '../../suites/injection/common/injection-probe.ts';
import { HostileServer, onLines, type Behaviour } from './hostile-server.ts';

/**
 * The end of every injection probe (audit item 7): after the one reply to NOOP, QUIT, and whatever
 * comes until its 221 or the close, within the reply timeout. A reply to an injected command that a
 * server answers slowly (a DNS lookup, an authentication backend) comes before the 221, however late.
 */
let server: HostileServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A server that, on QUIT, does `onQuit`; the session has read nothing yet. */
async function session(onQuit: (socket: Parameters<Behaviour>[0]) => void): Promise<SmtpSession> {
  server = await HostileServer.start((socket) => onLines(socket, (line) => line === 'QUIT' && onQuit(socket)));
  return SmtpSession.connectPlain({ host: '127.0.0.1', port: server.port, servername: 'x.test', timeoutMs: 5000, log: new WireLog() });
}

describe('repliesBeforeQuit', () => {
  it('221 and a close: nothing beyond, at once', async () => {
    const s = await session((socket) => socket.end('221 2.0.0 Bye\r\n'));
    const started = Date.now();
    expect(await repliesBeforeQuit(s, 2000)).toBe('');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('a reply that comes 1.2 s late, before the 221, is returned (a 150 ms window would have missed it)', async () => {
    const s = await session((socket) => setTimeout(() => socket.end('235 2.7.0 Authentication successful\r\n221 2.0.0 Bye\r\n'), 1200));
    expect(await repliesBeforeQuit(s, 3000)).toBe('235 2.7.0 Authentication successful\r\n');
  });

  it('221 without a close (the connection stays open): the wait ends at the 221', async () => {
    const s = await session((socket) => socket.write('250 2.0.0 OK\r\n221-2.0.0 Bye\r\n221 2.0.0 Bye\r\n'));
    const started = Date.now();
    expect(await repliesBeforeQuit(s, 3000)).toBe('250 2.0.0 OK\r\n');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('replies but no 221 and no close (QUIT swallowed as message text after a 354): what came, at the bound', async () => {
    const s = await session((socket) => socket.write('354 End data with <CR><LF>.<CR><LF>\r\n'));
    expect(await repliesBeforeQuit(s, 600)).toBe('354 End data with <CR><LF>.<CR><LF>\r\n');
  });

  it('nothing at all within the bound: the probe cannot conclude', async () => {
    const s = await session(() => undefined);
    const error = await repliesBeforeQuit(s, 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).code).toBe('timeout');
  });
});
