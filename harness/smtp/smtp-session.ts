import net from 'node:net';
import tls from 'node:tls';
import { ByteReader, DEFAULT_LIMITS, type ReaderLimits } from './byte-reader.ts';
import { RecordTap } from './record-tap.ts';
import { CredentialsWithheld, HarnessError, describeSocketError, timeoutError } from './errors.ts';
import { keylogSecrets, openServerRecords, type OpenedRecord } from './tls13-records.ts';
import { ReplyAssembler, type SmtpReply } from './reply.ts';
import { WireLog, printable } from './wire-log.ts';

export interface SessionOptions {
  host: string;
  port: number;
  /** SNI and the name the certificate must carry. */
  servername: string;
  /** PEM trust anchor; undefined means the system store. */
  ca?: string;
  /** Bound on every wait for the server: connect, one reply, a handshake. */
  timeoutMs: number;
  /** Longest multi-line reply accepted, in lines. */
  maxReplyLines?: number;
  limits?: ReaderLimits;
  log: WireLog;
  /** Run TLS over a RecordTap, so that record headers and the TCP FIN are observable. */
  tap?: boolean;
  /** Offer only these TLS versions (default: Node's, TLS 1.2 and 1.3). */
  tlsVersions?: { min: tls.SecureVersion; max: tls.SecureVersion };
  /** How messages name this service (its registered port, "465" or "587"); default: the port number. */
  service?: string;
}

/** What became of a client-initiated renegotiation (RFC 5746 §1: either side may start one). */
export type Renegotiation =
  | { outcome: 'completed'; protocol: string; cipher: string }
  /** An alert, a TLS error or a close; `noRenegotiation` when the server answered with that alert. */
  | { outcome: 'refused'; reason: string; noRenegotiation: boolean }
  | { outcome: 'unanswered'; waitedMs: number };

export interface TlsInfo {
  protocol: string;
  cipher: string;
  /** The certificate verified against the trust anchor and the server name. */
  authorized: boolean;
  /** Why it did not: OpenSSL's verify code (CERT_HAS_EXPIRED, …) or Node's ERR_TLS_CERT_ALTNAME_INVALID. */
  authorizationError?: string;
}

const LOGGED_LINE_MAX = 400;

/**
 * How long the first command after a STARTTLS handshake in TLS 1.3 waits for the server's session
 * tickets. A server sends them right after the handshake; a command sent before they arrive makes
 * the reply wait for the client's delayed ACK of the tickets (the server's Nagle): about 40 ms on
 * Linux, per connection. Sent after them, the command carries that ACK.
 */
const TICKET_WAIT_MS = 20;

/**
 * Over a plain TCP socket Node answers the server's close_notify with its own and ends its side; over
 * a RecordTap it does not, and a server that waits for that answer before its FIN (couriertls does:
 * RFC 8446 §6.1 lets it) would look as if it never closed. Behave as an ordinary client would.
 */
function answerCloseNotify(socket: tls.TLSSocket): void {
  socket.once('end', () => socket.end());
}

/**
 * One SMTP client connection: plaintext that may be upgraded by STARTTLS, or TLS from the first byte.
 * Every wait is bounded, every byte is logged (secrets masked), and replies are parsed strictly.
 */
export class SmtpSession {
  private socket: net.Socket;
  private readonly reader: ByteReader;
  private tlsInfo: TlsInfo | undefined;
  /** Present when the session was opened with `tap`, once TLS runs. */
  recordTap: RecordTap | undefined;

  private constructor(
    socket: net.Socket,
    private readonly options: SessionOptions,
  ) {
    this.socket = socket;
    this.reader = new ByteReader(options.limits ?? DEFAULT_LIMITS);
    this.reader.attach(socket);
    // The connection's end, whoever ends it: a later TLS layer or a released socket closes this one too.
    socket.once('close', () => {
      this.socketClosed = true;
      for (const listener of this.closeListeners.splice(0)) listener();
    });
  }

  private socketClosed = false;
  /** The client's TLS key log of a tapped connection (secrets: never logged, never reported). */
  private keylog: string[] = [];
  /** Set by a TLS 1.3 STARTTLS handshake: settles once the tickets came, or after TICKET_WAIT_MS. */
  private tickets: Promise<void> | undefined;
  private readonly closeListeners: (() => void)[] = [];

  /** Calls `listener` once the TCP connection is gone (at once if it already is). */
  onClosed(listener: () => void): void {
    if (this.socketClosed) listener();
    else this.closeListeners.push(listener);
  }

  /** Bytes the server sent on this connection so far (plaintext and decrypted), read or not. */
  get bytesReceived(): number {
    return this.reader.received;
  }

  /** Plain TCP; the server's greeting is not read yet. */
  static async connectPlain(options: SessionOptions): Promise<SmtpSession> {
    const socket = net.connect({ host: options.host, port: options.port });
    await settle(socket, 'connect', options, `TCP connect to ${options.host}:${options.port}`);
    options.log.event(false, `connected to ${options.host}:${options.port}`);
    return new SmtpSession(socket, options);
  }

  /** Implicit TLS (RFC 8314 §3.3): the handshake is the first thing on the connection. */
  static async connectTls(options: SessionOptions): Promise<SmtpSession> {
    let socket: tls.TLSSocket;
    let tap: RecordTap | undefined;
    let keylog: string[] = [];
    if (options.tap) {
      const raw = net.connect({ host: options.host, port: options.port });
      await settle(raw, 'connect', options, `TCP connect to ${options.host}:${options.port}`);
      tap = new RecordTap(raw);
      socket = tls.connect({ socket: tap, ...tlsOptions(options) });
      answerCloseNotify(socket);
      keylog = collectKeylog(socket);
    } else {
      socket = tls.connect({ host: options.host, port: options.port, ...tlsOptions(options) });
    }
    await settle(socket, 'secureConnect', options, `TLS handshake with ${options.host}:${options.port}`);
    const session = new SmtpSession(socket, options);
    session.recordTap = tap;
    session.keylog = keylog;
    session.recordTls(socket);
    return session;
  }

  get isTls(): boolean {
    return this.tlsInfo !== undefined;
  }

  get tls(): TlsInfo | undefined {
    return this.tlsInfo;
  }

  get log(): WireLog {
    return this.options.log;
  }

  /** The bound on each wait for the server. */
  get replyTimeoutMs(): number {
    return this.options.timeoutMs;
  }

  /** The service in messages: "465", "587" (or the port number). */
  get service(): string {
    return this.options.service ?? String(this.options.port);
  }

  /** TLS runs and its certificate did not verify: the connection is observed, and carries no credentials. */
  get unverified(): boolean {
    return this.tlsInfo !== undefined && !this.tlsInfo.authorized;
  }

  /**
   * Writes bytes as they are, in one write; the log shows each line. Bytes that carry the target's
   * credentials (the log knows them, to mask them) are refused over TLS whose certificate did not
   * verify: the last guard, behind the cases' own (CaseContext.authPlain and the like).
   */
  write(raw: string, display?: string): void {
    if (this.unverified && this.log.carriesSecret(raw)) throw CredentialsWithheld.unverified(this.service, this.tlsInfo?.authorizationError);
    const shown = display ?? raw;
    for (const line of shown.split(/(?<=\n)/)) {
      if (line) this.log.add('C', this.isTls, printable(line.replace(/\r?\n$/, '')));
    }
    this.socket.write(raw, 'latin1');
  }

  /**
   * Several writes back to back, corked: they leave together as one segment, so the server reads them
   * in one read whatever the timing (the split-write injection probes replay exactly).
   */
  writeBurst(parts: readonly { raw: string; display?: string }[]): void {
    if (this.unverified && parts.some((p) => this.log.carriesSecret(p.raw))) throw CredentialsWithheld.unverified(this.service, this.tlsInfo?.authorizationError);
    this.socket.cork();
    try {
      for (const part of parts) this.write(part.raw, part.display);
    } finally {
      this.socket.uncork();
    }
  }

  /** Sends one command line; `display` replaces it in the log (AUTH payloads). */
  send(line: string, display?: string): void {
    this.write(`${line}\r\n`, display === undefined ? undefined : `${display}\r\n`);
  }

  async command(line: string, display?: string): Promise<SmtpReply> {
    if (this.tickets) {
      const tickets = this.tickets;
      this.tickets = undefined;
      await tickets;
    }
    this.send(line, display);
    return this.readReply(`reply to ${(display ?? line).split(' ')[0]}`);
  }

  async readReply(what = 'reply'): Promise<SmtpReply> {
    const deadline = Date.now() + this.options.timeoutMs;
    const maxLines = this.options.maxReplyLines ?? 100;
    const assembler = new ReplyAssembler();
    for (;;) {
      const line = await this.reader.readLine(deadline, what, this.options.timeoutMs);
      this.log.add('S', this.isTls, printable(line.length > LOGGED_LINE_MAX ? `${line.slice(0, LOGGED_LINE_MAX)}…` : line));
      const reply = assembler.push(line);
      if (reply) return reply;
      if (assembler.pendingLines >= maxLines) {
        throw new HarnessError(`multi-line reply longer than ${maxLines} lines`, 'overflow');
      }
    }
  }

  /**
   * Upgrades this connection after the server's 220 to STARTTLS (RFC 3207 §4). Bytes the server sent in
   * plaintext after that 220 are returned: a conforming server sends none.
   */
  async startTls(): Promise<{ plaintextAfterReady: Buffer }> {
    const plaintextAfterReady = this.reader.detach();
    if (plaintextAfterReady.length > 0) {
      this.log.event(false, `server sent ${plaintextAfterReady.length} plaintext bytes after its 220: ${printable(plaintextAfterReady.toString('latin1')).slice(0, 200)}`);
    }
    this.recordTap = this.options.tap ? new RecordTap(this.socket) : undefined;
    const secure = tls.connect({ socket: this.recordTap ?? this.socket, ...tlsOptions(this.options) });
    if (this.recordTap) {
      answerCloseNotify(secure);
      this.keylog = collectKeylog(secure);
    }
    // Resolved on the next turn: a write from within the 'session' event, while OpenSSL is still
    // reading the ticket, is left unsent.
    const ticket = new Promise<void>((resolve) => secure.once('session', () => setImmediate(resolve)));
    try {
      await settle(secure, 'secureConnect', this.options, 'STARTTLS handshake');
    } finally {
      this.socket = secure;
      this.reader.attach(secure);
    }
    this.recordTls(secure);
    if (secure.getProtocol() === 'TLSv1.3') {
      this.tickets = Promise.race([ticket, new Promise<void>((resolve) => setTimeout(resolve, TICKET_WAIT_MS).unref())]);
    }
    return { plaintextAfterReady };
  }

  /**
   * Hands over the plaintext TCP socket after the server's 220 to STARTTLS, for a caller that runs a
   * TLS handshake of its own (the raw TLS probes, certificate inspection). The session reads nothing
   * more; close() still destroys the socket.
   */
  releaseSocket(): { socket: net.Socket; plaintextAfterReady: Buffer } {
    if (this.isTls) throw new HarnessError('releaseSocket: the session already runs TLS', 'tls');
    const plaintextAfterReady = this.reader.detach();
    return { socket: this.socket, plaintextAfterReady };
  }

  /**
   * Starts a new handshake on this TLS 1.2 connection (Node's `renegotiate()`) and waits, within the
   * reply timeout, for it to complete or fail. TLS 1.3 has no renegotiation: that is a harness error.
   * On a session opened with `tap`, a refusal in plaintext (not TLS) is reported as such.
   */
  async renegotiate(): Promise<Renegotiation> {
    const socket = this.socket;
    if (!(socket instanceof tls.TLSSocket) || socket.getProtocol() !== 'TLSv1.2') {
      throw new HarnessError(`renegotiate: the session does not run TLS 1.2 (${this.tlsInfo?.protocol ?? 'plaintext'})`, 'tls');
    }
    this.log.event(true, 'client-initiated renegotiation: new ClientHello');
    const result = await new Promise<Renegotiation>((resolve) => {
      const timer = setTimeout(() => finish({ outcome: 'unanswered', waitedMs: this.options.timeoutMs }), this.options.timeoutMs);
      // OpenSSL turns the server's no_renegotiation warning into this error (and a fatal alert of its own).
      const refused = (err: NodeJS.ErrnoException): Renegotiation => {
        if (err.code === 'ERR_SSL_NO_RENEGOTIATION') return { outcome: 'refused', reason: 'the server answered with a no_renegotiation alert', noRenegotiation: true };
        const plaintext = this.recordTap?.nonTls;
        if (plaintext) {
          const shown = printable(plaintext.toString('latin1').split(/\r?\n/)[0] ?? '').slice(0, 120);
          return { outcome: 'refused', reason: `the server wrote non-TLS bytes into the connection: ${JSON.stringify(shown)}`, noRenegotiation: false };
        }
        return { outcome: 'refused', reason: describeSocketError(err, 'renegotiation').message, noRenegotiation: false };
      };
      const onError = (err: NodeJS.ErrnoException) => finish(refused(err));
      const onClose = () => finish({ outcome: 'refused', reason: 'connection closed during the renegotiation', noRenegotiation: false });
      const finish = (outcome: Renegotiation): void => {
        clearTimeout(timer);
        socket.off('error', onError);
        socket.off('close', onClose);
        resolve(outcome);
      };
      socket.once('error', onError);
      socket.once('close', onClose);
      const started = socket.renegotiate({}, (err) => {
        if (err) return finish(refused(err));
        const cipher = socket.getCipher();
        finish({ outcome: 'completed', protocol: socket.getProtocol() ?? 'unknown', cipher: cipher.standardName ?? cipher.name });
      });
      // Destroyed already: renegotiate() returns false and never calls back.
      if (!started && socket.destroyed) finish({ outcome: 'refused', reason: 'connection closed before the renegotiation', noRenegotiation: false });
    });
    this.log.event(true, `renegotiation ${result.outcome === 'completed' ? `completed: ${result.protocol} ${result.cipher}` : result.outcome === 'refused' ? `refused: ${result.reason}` : `unanswered after ${result.waitedMs} ms`}`);
    return result;
  }

  /** Waits `ms` for anything unsolicited; silence is the expected answer. */
  async quiet(ms: number): Promise<{ bytes: Buffer; closed: boolean }> {
    const result = await this.reader.drain(ms);
    if (result.bytes.length > 0) {
      for (const line of result.bytes.toString('latin1').split(/\r?\n/).filter(Boolean)) {
        this.log.add('S', this.isTls, printable(line.slice(0, LOGGED_LINE_MAX)));
      }
    }
    if (result.closed) this.log.event(this.isTls, 'connection closed by server');
    return result;
  }

  /**
   * The server's records after the tap's mark, each with what it really carried where the harness can
   * tell: TLS 1.3 records opened again with this connection's keys (harness/smtp/tls13-records.ts);
   * TLS 1.2 records as their headers show them. Only for a session opened with `tap`.
   */
  serverRecordsSinceMark(): OpenedRecord[] {
    const tap = this.recordTap;
    if (!tap) throw new HarnessError('serverRecordsSinceMark: the session has no record tap', 'tls');
    const { records, mark } = tap.tapped;
    if (this.tlsInfo?.protocol !== 'TLSv1.3') return records.slice(mark).map((r) => ({ contentType: r.contentType, length: r.length }));
    return openServerRecords(records, this.tlsInfo.cipher, keylogSecrets(this.keylog)).slice(mark);
  }

  get closedByServer(): boolean {
    return this.reader.isEnded;
  }

  close(): void {
    this.socket.destroy();
  }

  private recordTls(socket: tls.TLSSocket): void {
    const cipher = socket.getCipher();
    this.tlsInfo = {
      protocol: socket.getProtocol() ?? 'unknown',
      cipher: cipher?.standardName ?? cipher?.name ?? 'unknown',
      authorized: socket.authorized,
      ...(socket.authorizationError ? { authorizationError: String(socket.authorizationError) } : {}),
    };
    const verification = this.tlsInfo.authorized ? '' : `; certificate did not verify (${this.tlsInfo.authorizationError ?? 'no reason given'}): observed only, no credentials over this connection`;
    this.log.event(true, `TLS established: ${this.tlsInfo.protocol} ${this.tlsInfo.cipher}${verification}`);
  }
}

/**
 * One secure context per trust anchor and version range, shared by the run's connections: building
 * it (parsing the CA, loading the store) was a tenth of the worker's CPU in a run, once per
 * connection. Node's client never resumes a session by itself (only with an explicit `session`
 * option), so sharing the context shares no TLS session between connections.
 */
const secureContexts = new Map<string, tls.SecureContext>();

function secureContext(options: SessionOptions): tls.SecureContext {
  const key = JSON.stringify([options.ca ?? null, options.tlsVersions ?? null]);
  let context = secureContexts.get(key);
  if (!context) {
    context = tls.createSecureContext({
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.tlsVersions ? { minVersion: options.tlsVersions.min, maxVersion: options.tlsVersions.max } : {}),
    });
    secureContexts.set(key, context);
  }
  return context;
}

function tlsOptions(options: SessionOptions): tls.ConnectionOptions {
  return {
    servername: options.servername,
    secureContext: secureContext(options),
    // Verified against the trust anchor the target declares and the server name, but not enforced:
    // a certificate fault is the certificate cases' finding, and the protocol cases still observe
    // the server. What verification said is in TlsInfo, and credentials never go over a connection
    // that did not verify (write(), CaseContext.authPlain).
    rejectUnauthorized: false,
  };
}

/** The TLS key log of one client connection (Node's 'keylog' event), to open its TLS 1.3 records again. */
function collectKeylog(socket: tls.TLSSocket): string[] {
  const lines: string[] = [];
  socket.on('keylog', (line: Buffer) => lines.push(line.toString('latin1')));
  return lines;
}

/** Resolves on `event`, rejects on error, close or timeout; the socket is destroyed on failure. */
function settle(socket: net.Socket, event: string, options: SessionOptions, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(timeoutError(what, options.timeoutMs)), options.timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      socket.off(event, ok);
      socket.off('error', onError);
      socket.off('close', onClose);
    };
    const ok = () => {
      cleanup();
      resolve();
    };
    const fail = (err: Error) => {
      cleanup();
      socket.destroy();
      reject(err);
    };
    const onError = (err: NodeJS.ErrnoException) => fail(describeSocketError(err, what));
    const onClose = () => fail(new HarnessError(`connection closed during ${what}`, 'closed'));
    socket.once(event, ok);
    socket.once('error', onError);
    socket.once('close', onClose);
  });
}
