import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { awaitClientHello, type PlaintextHandler } from './plaintext-before-hello.ts';
import { REPLIES } from './replies.ts';
import { SubmissionSession, type SessionConfig, type SessionTransport } from './submission-session.ts';

export interface ConnectionOptions {
  session: SessionConfig;
  secureContext: tls.SecureContext;
  idleTimeoutMs: number;
  /** Registers every socket so the server can destroy it on stop. */
  track(socket: net.Socket): void;
  /** Under forged-hello flaws: reads the ClientHello first (hello-forger.ts); undefined when it answered itself. */
  forge?: (socket: net.Socket) => Promise<Duplex | undefined>;
}

/** Bound on input not yet consumed and on replies the client has not read. */
const MAX_PENDING = 1 << 20;
const LINGER_MS = 1_000;

/** Carries one session over a socket and, after STARTTLS, over the TLS socket wrapped around it. */
export class Connection implements SessionTransport {
  readonly clientAddress: string;
  private socket: net.Socket;
  private readonly session: SubmissionSession;
  private timer: NodeJS.Timeout | undefined;
  /** Writes not yet handed to the kernel, and what to do once there are none. */
  private unflushed = 0;
  private whenFlushed: (() => void) | undefined;
  private readonly onData = (chunk: Buffer): void => {
    this.touch();
    this.session.receive(chunk);
    if (this.session.pendingInput > MAX_PENDING) this.socket.destroy();
  };

  constructor(
    socket: net.Socket,
    tlsActive: boolean,
    private readonly options: ConnectionOptions,
  ) {
    this.socket = socket;
    this.clientAddress = socket.remoteAddress ?? '0.0.0.0';
    this.session = new SubmissionSession(options.session, this, tlsActive);
    this.listen(socket);
    socket.on('data', this.onData);
    this.touch();
    this.session.greet();
  }

  send(text: string): void {
    const socket = this.socket;
    if (socket.destroyed || !socket.writable) return;
    this.unflushed++;
    socket.write(text, () => {
      this.unflushed--;
      if (this.unflushed === 0) this.whenFlushed?.();
    });
    if (socket.writableLength > MAX_PENDING) socket.destroy();
  }

  /** Inside TLS, end() sends close_notify before the FIN (RFC 8446 §6.1). */
  close(): void {
    this.socket.end();
    setTimeout(() => this.socket.destroy(), LINGER_MS).unref();
  }

  /**
   * Once what was sent has been written, closes the TCP connection under the TLS layer, so no
   * close_notify is sent. The TLS socket follows its parent socket's close.
   */
  abort(): void {
    const socket = this.socket;
    const parent: unknown = socket instanceof tls.TLSSocket ? (socket as { _parent?: unknown })._parent : socket;
    const cut = (): void => void (parent instanceof net.Socket ? parent : socket).destroy();
    if (this.unflushed === 0) return cut();
    this.whenFlushed = cut;
    setTimeout(cut, LINGER_MS).unref();
  }

  /** Input that reached the server before this connection's session existed (flaw implicit-preface). */
  receive(bytes: Buffer): void {
    this.onData(bytes);
  }

  cipher(): string | undefined {
    if (!(this.socket instanceof tls.TLSSocket)) return undefined;
    const cipher = this.socket.getCipher();
    return cipher.standardName ?? cipher.name;
  }

  startTls(onPlaintext?: PlaintextHandler): void {
    const plain = this.socket;
    plain.off('data', this.onData);
    if (onPlaintext) {
      void awaitClientHello(plain, (bytes) => (this.touch(), onPlaintext(bytes))).then((hello) => {
        if (hello) return this.handshake(hello);
        // The handler gave up on TLS: the session goes on in plaintext on the same socket.
        plain.on('data', this.onData);
        plain.resume();
      });
      return;
    }
    const { forge } = this.options;
    if (forge) {
      void forge(plain).then((stream) => stream && this.handshake(stream as net.Socket));
      return;
    }
    this.handshake(plain);
  }

  private handshake(plain: net.Socket): void {
    // The TLS layer takes over the socket's handle, so later reads go to the handshake, not to us.
    const secure = new tls.TLSSocket(plain, { isServer: true, secureContext: this.options.secureContext });
    this.listen(secure);
    secure.once('secure', () => {
      this.socket = secure;
      secure.on('data', this.onData);
      this.touch();
      this.session.tlsEstablished();
    });
  }

  private listen(socket: net.Socket): void {
    this.options.track(socket);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => this.stopTimer());
  }

  private touch(): void {
    this.stopTimer();
    this.timer = setTimeout(() => {
      this.send(`${REPLIES.timeout}\r\n`);
      this.close();
    }, this.options.idleTimeoutMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
