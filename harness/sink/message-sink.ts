import net from 'node:net';
import { MessageStore } from './message-store.ts';
import { SinkConnection } from './sink-connection.ts';

export interface MessageSinkOptions {
  /** IP address to listen on: loopback, or the Docker bridge gateway. Never the unspecified address. */
  host: string;
  /** Existing folder; each message becomes `<Date.now()>-<n>.eml` in it. */
  dir: string;
  /** Larger messages get 552; default 1 MiB. */
  maxMessageBytes?: number;
  /** Longer lines (with CRLF) get 500; default 8 KiB, well above RFC 5321's 1000. */
  maxLineBytes?: number;
  /** A connection this long without input gets 421 and is closed; default 30 s. */
  idleTimeoutMs?: number;
}

/** Name in the greeting. It must not be the relaying MTA's own name (Postfix: "mail loops back to myself"). */
export const SINK_HOSTNAME = 'sink.msaspec.invalid';
const MAX_CONNECTIONS = 32;
const MAX_RECIPIENTS = 100;

/**
 * A minimal plaintext SMTP receiver that stores every message it is sent, so the harness can read
 * a message as a target relays it (e.g. the Received header the target added).
 */
export class MessageSink {
  private readonly sockets = new Set<net.Socket>();
  private stopped = false;

  private constructor(
    private readonly server: net.Server,
    readonly host: string,
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(options: MessageSinkOptions): Promise<MessageSink> {
    const { host, dir } = options;
    if (net.isIP(host) === 0 || host === '0.0.0.0' || host === '::') {
      throw new Error(`message sink: "${host}" is not a specific IP address to listen on`);
    }
    const store = new MessageStore(dir);
    const config = {
      hostname: SINK_HOSTNAME,
      maxLineBytes: options.maxLineBytes ?? 8192,
      maxMessageBytes: options.maxMessageBytes ?? 1 << 20,
      maxRecipients: MAX_RECIPIENTS,
      store: (data: Buffer) => store.save(data),
    };
    const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    let sink: MessageSink | undefined;
    const server = net.createServer((socket) => {
      if (!sink || sink.stopped) return void socket.destroy();
      sink.track(socket);
      new SinkConnection(socket, config, idleTimeoutMs);
    });
    server.maxConnections = MAX_CONNECTIONS;
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port: 0, exclusive: true }, () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
    sink = new MessageSink(server, host, port, dir);
    return sink;
  }

  /** Stops listening and destroys every open connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}
