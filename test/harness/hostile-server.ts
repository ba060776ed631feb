import net from 'node:net';

/** What a misbehaving server does with one accepted connection. */
export type Behaviour = (socket: net.Socket) => void;

/** A TCP server on 127.0.0.1 with an ephemeral port that treats every connection with `behaviour`. */
export class HostileServer {
  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    /** Server side of every connection accepted so far. */
    readonly sockets: readonly net.Socket[],
  ) {}

  static async start(behaviour: Behaviour): Promise<HostileServer> {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => {
      sockets.push(socket);
      // The client tearing the connection down (EPIPE, ECONNRESET) is expected, not a test failure.
      socket.on('error', () => undefined);
      behaviour(socket);
      // A behaviour that never reads would never see the client close: keep the socket flowing.
      if (socket.readableFlowing === null) socket.resume();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return new HostileServer(server, address.port, sockets);
  }

  /** Resolves once every accepted connection is closed, or rejects after `ms`. */
  async allClosed(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.sockets.some((s) => !s.closed)) {
      if (Date.now() > deadline) throw new Error(`${this.sockets.filter((s) => !s.closed).length} connection(s) still open after ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Destroys open connections and stops listening. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Calls `onLine` with each CRLF- or LF-terminated line the client sends (line end stripped). */
export function onLines(socket: net.Socket, onLine: (line: string) => void): void {
  let pending = '';
  socket.on('data', (chunk: Buffer) => {
    pending += chunk.toString('latin1');
    for (let lf = pending.indexOf('\n'); lf >= 0; lf = pending.indexOf('\n')) {
      const line = pending.slice(0, lf).replace(/\r$/, '');
      pending = pending.slice(lf + 1);
      onLine(line);
    }
  });
}

/** Bytes a flooding writer handed to the socket. */
export interface FloodState {
  written: number;
  stopped: boolean;
}

/**
 * Writes `chunk` forever, honouring back-pressure, and stops as soon as the socket is gone: a
 * destroyed socket emits no 'drain', so the loop cannot outlive the connection.
 */
export function flood(socket: net.Socket, chunk: string | Buffer): FloodState {
  const state: FloodState = { written: 0, stopped: false };
  const stop = () => {
    state.stopped = true;
  };
  socket.once('close', stop);
  const pump = (): void => {
    while (!state.stopped && !socket.destroyed && socket.writable) {
      state.written += chunk.length;
      if (!socket.write(chunk)) {
        socket.once('drain', pump);
        return;
      }
    }
  };
  pump();
  return state;
}

/** Sends `bytes` one at a time, `everyMs` apart, until done or the socket closes. */
export function drip(socket: net.Socket, bytes: Buffer, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= bytes.length) {
      clearInterval(timer);
      return;
    }
    socket.write(bytes.subarray(i, i + 1));
    i += 1;
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}
