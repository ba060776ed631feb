import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { Connection } from './connection.ts';
import { prefacedImplicitServer } from './implicit-preface.ts';
import { forgesHello, interceptClientHello } from './hello-forger.ts';
import { tlsPolicy } from './tls-settings.ts';
import type { Flaw } from './flaws.ts';
import type { Variant } from './variants.ts';
import type { AcceptedMessage, SessionConfig } from './submission-session.ts';

export { FLAWS, FLAW_DESCRIPTIONS, type Flaw } from './flaws.ts';
export type { AcceptedMessage } from './submission-session.ts';

export interface FlawedServerOptions {
  cert: string;
  key: string;
  /** What the implicit-TLS port presents, when it differs from `cert` and `key`. */
  implicitCertificate?: { cert: string; key: string };
  user: string;
  password: string;
  /** Name in the greeting and EHLO reply; default mail.example.test. */
  hostname?: string;
  flaws?: Flaw[];
  /** Conformant variants (targets/flawed/variants.ts): behaviours the RFCs allow. */
  variants?: Variant[];
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Idle connections get 421 and are closed after this long; default 30 s. */
  idleTimeoutMs?: number;
  /**
   * Every accepted message is also written here, as `${Date.now()}-${n}.eml`, the way the server
   * would relay it: its Received header field followed by the message data. Created if missing.
   */
  sinkDir?: string;
}

/**
 * A submission server (RFC 6409) on ephemeral ports: one for STARTTLS (RFC 3207), one for implicit
 * TLS (RFC 8314 §3.3). Conformant unless flaws are switched on, one deviation each.
 */
export class FlawedServer {
  readonly ports: { implicit?: number; starttls?: number } = {};
  readonly messages: AcceptedMessage[] = [];
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();
  private stopped = false;
  private sunk = 0;

  private constructor() {}

  static async start(options: FlawedServerOptions): Promise<FlawedServer> {
    const server = new FlawedServer();
    try {
      await server.listen(options);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }

  private async listen(options: FlawedServerOptions): Promise<void> {
    const flaws = new Set(options.flaws ?? []);
    const host = options.host ?? '127.0.0.1';
    const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    // TLS 1.2 and 1.3 (RFC 8314 §4.1 asks for TLS 1.2 or later); TLS flaws change versions and suites.
    const tlsOptions: tls.SecureContextOptions = { cert: options.cert, key: options.key, ...tlsPolicy(flaws) };
    const secureContext = tls.createSecureContext(tlsOptions);
    const implicitOptions = options.implicitCertificate ? { ...tlsOptions, ...options.implicitCertificate } : tlsOptions;
    const forge = forgesHello(flaws) ? (socket: net.Socket) => interceptClientHello(socket, flaws, idleTimeoutMs) : undefined;
    const { sinkDir } = options;
    if (sinkDir) mkdirSync(sinkDir, { recursive: true });
    const session: SessionConfig = {
      hostname: options.hostname ?? 'mail.example.test',
      user: options.user,
      password: options.password,
      flaws,
      variants: new Set(options.variants ?? []),
      accept: (message, relayed) => {
        if (sinkDir) this.sink(sinkDir, relayed);
        this.messages.push(message);
      },
    };
    const connection = { session, secureContext, idleTimeoutMs, track: (socket: net.Socket) => this.track(socket), ...(forge ? { forge } : {}) };
    const plain = (socket: net.Socket): void => void new Connection(socket, false, connection);

    this.ports.starttls = await this.serve(net.createServer(plain), host);
    if (flaws.has('no-implicit-port')) return;
    if (flaws.has('plain-implicit')) {
      this.ports.implicit = await this.serve(net.createServer(plain), host);
      return;
    }
    if (flaws.has('implicit-preface')) {
      this.ports.implicit = await this.serve(prefacedImplicitServer(tls.createSecureContext(implicitOptions), connection), host);
      return;
    }
    if (forge) {
      // The first record goes to the forger; what it lets through gets a real server-side TLS socket.
      const implicitContext = tls.createSecureContext(implicitOptions);
      const intercepting = net.createServer((socket) => {
        socket.on('error', () => socket.destroy());
        void forge(socket).then((stream) => {
          if (!stream) return;
          const secure = new tls.TLSSocket(stream as net.Socket, { isServer: true, secureContext: implicitContext });
          secure.on('error', () => secure.destroy());
          secure.once('secure', () => void new Connection(secure, true, connection));
        });
      });
      this.ports.implicit = await this.serve(intercepting, host);
      return;
    }
    const implicit = tls.createServer({ ...implicitOptions, handshakeTimeout: idleTimeoutMs }, (socket) => {
      void new Connection(socket, true, connection);
    });
    implicit.on('tlsClientError', () => undefined);
    this.ports.implicit = await this.serve(implicit, host);
  }

  /** Written under a hidden name, then renamed: a reader of the folder never sees half a file. */
  private sink(dir: string, relayed: Buffer): void {
    const name = `${Date.now()}-${++this.sunk}.eml`;
    const temp = path.join(dir, `.${name}.tmp`);
    try {
      writeFileSync(temp, relayed, { flag: 'wx', mode: 0o644 });
      renameSync(temp, path.join(dir, name));
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  private serve(server: net.Server, host: string): Promise<number> {
    this.servers.push(server);
    server.on('connection', (socket: net.Socket) => {
      this.track(socket);
      socket.setNoDelay(true);
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  }

  private track(socket: net.Socket): void {
    if (this.stopped) {
      socket.destroy();
      return;
    }
    if (this.sockets.has(socket)) return;
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}
