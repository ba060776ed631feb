import net from 'node:net';
import type { TargetRequest } from '../provision/target-request.ts';
import { UsageError } from './usage-error.ts';

/** One TCP connect per configured port of an external host, so a typo fails fast with one line. */
export async function preflightExternal(spec: Extract<TargetRequest, { type: 'external' }>, timeoutMs: number): Promise<void> {
  const ports = [spec.implicitPort, spec.starttlsPort].filter((p): p is number => p !== undefined);
  if (ports.length === 0) throw new UsageError('no port to test: both --implicit-port and --starttls-port are "none"');
  for (const port of ports) await reachable(spec.host, port, timeoutMs);
}

function reachable(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (why: string) => {
      socket.destroy();
      reject(new UsageError(`cannot connect to ${host}:${port}: ${why}`));
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => fail(err.code === 'ECONNREFUSED' ? 'connection refused (port closed)' : (err.code ?? err.message)));
  });
}
