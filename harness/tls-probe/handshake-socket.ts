import type net from 'node:net';
import type { PortKind } from '../model/port.ts';
import type { CaseContext } from '../run/case-context.ts';
import { HarnessError } from '../smtp/errors.ts';
import { printable } from '../smtp/wire-log.ts';

/**
 * A TCP socket at the point where the client's first TLS record belongs: on 465 right after the TCP
 * connect (RFC 8314 §3.3), on 587 after EHLO, STARTTLS and the server's 220 (RFC 3207 §4). The
 * session that got it there still owns it: the case's cleanup closes it.
 */
export async function openHandshakeSocket(ctx: CaseContext, kind: PortKind = ctx.port): Promise<net.Socket> {
  if (kind === 'implicit') return (await ctx.connectTcp('implicit')).releaseSocket().socket;
  const session = await ctx.open('starttls');
  await ctx.ehlo(session);
  const ready = await session.command('STARTTLS');
  if (ready.code !== 220) throw new HarnessError(`STARTTLS refused with ${ready.code}`, 'tls');
  const { socket, plaintextAfterReady } = session.releaseSocket();
  if (plaintextAfterReady.length > 0) {
    ctx.log.event(false, `server sent ${plaintextAfterReady.length} plaintext octets after its 220: ${printable(plaintextAfterReady.toString('latin1')).slice(0, 120)}`);
  }
  return socket;
}

/**
 * Runs `work` on a fresh handshake socket and closes it after. The socket is the case context's, so
 * it counts against the run's connection limit per target (harness/run/connection-limiter.ts).
 */
export async function withHandshakeSocket<T>(ctx: CaseContext, work: (socket: net.Socket) => Promise<T>, kind: PortKind = ctx.port): Promise<T> {
  const socket = await openHandshakeSocket(ctx, kind);
  try {
    return await work(socket);
  } finally {
    socket.destroy();
  }
}
