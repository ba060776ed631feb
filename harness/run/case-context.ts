import { HarnessError } from '../smtp/errors.ts';
import { authMechanisms, type SmtpReply } from '../smtp/reply.ts';
import { SmtpSession, type SessionOptions } from '../smtp/smtp-session.ts';
import type { WireLog } from '../smtp/wire-log.ts';
import type { PortKind } from '../model/port.ts';
import type { ResolvedTarget } from '../model/target.ts';

export interface Timeouts {
  /** Bound on each wait for the server (connect, one reply, one handshake). */
  replyMs: number;
  /** How long silence is awaited where silence is the correct answer. */
  quietMs: number;
  /** Bound on a whole case. */
  caseMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { replyMs: 5000, quietMs: 400, caseMs: 20000 };

export const CLIENT_NAME = 'client.msaspec.test';

/** Per-connection options a case may set. */
export type SessionTuning = Pick<SessionOptions, 'tap' | 'tlsVersions'>;

/** A session that has TLS and a fresh EHLO reply from inside it. */
export interface SecureSession {
  session: SmtpSession;
  ehlo: SmtpReply;
}

/**
 * What a case stands on: the target, the port under test, and connection helpers that log into one
 * transcript and are all closed when the case ends.
 */
export class CaseContext {
  private readonly sessions: SmtpSession[] = [];
  private closed = false;

  constructor(
    readonly target: ResolvedTarget,
    readonly port: PortKind,
    readonly timeouts: Timeouts,
    readonly log: WireLog,
  ) {}

  portNumber(kind: PortKind = this.port): number {
    const number = this.target.ports[kind];
    if (number === undefined) throw new HarnessError(`target ${this.target.name} has no ${kind} port`, 'connect');
    return number;
  }

  /** TCP (starttls) or TLS (implicit) connection; the greeting is not read. */
  async connect(kind: PortKind = this.port, tuning: SessionTuning = {}): Promise<SmtpSession> {
    return kind === 'implicit' ? this.track(SmtpSession.connectTls(this.sessionOptions(kind, tuning))) : this.connectTcp(kind, tuning);
  }

  /** Plain TCP to either service, whatever it expects first. */
  async connectTcp(kind: PortKind = this.port, tuning: SessionTuning = {}): Promise<SmtpSession> {
    return this.track(SmtpSession.connectPlain(this.sessionOptions(kind, tuning)));
  }

  private sessionOptions(kind: PortKind, tuning: SessionTuning): SessionOptions {
    return {
      ...tuning,
      host: this.target.host,
      port: this.portNumber(kind),
      servername: this.target.servername,
      timeoutMs: this.timeouts.replyMs,
      log: this.log,
      ...(this.target.ca ? { ca: this.target.ca } : {}),
    };
  }

  /** A connection that completes after the case ended (its budget ran out) is closed at once. */
  private async track(connecting: Promise<SmtpSession>): Promise<SmtpSession> {
    const session = await connecting;
    this.sessions.push(session);
    if (this.closed) session.close();
    return session;
  }

  /** Connected, 220 greeting read. */
  async open(kind: PortKind = this.port, tuning: SessionTuning = {}): Promise<SmtpSession> {
    const session = await this.connect(kind, tuning);
    const greeting = await session.readReply('greeting');
    if (greeting.code !== 220) {
      throw new HarnessError(`server greeted with ${greeting.code} instead of 220`, 'malformed');
    }
    return session;
  }

  /** Connected, greeted, EHLO answered with 250. */
  async openWithEhlo(kind: PortKind = this.port, tuning: SessionTuning = {}): Promise<SecureSession> {
    const session = await this.open(kind, tuning);
    return { session, ehlo: await ehlo(session) };
  }

  /**
   * A session protected by TLS with a fresh EHLO from inside it: implicit TLS on 465; on 587 EHLO,
   * STARTTLS, handshake, EHLO again (RFC 3207 §4.2: the client SHOULD send EHLO first after TLS).
   */
  async openSecure(kind: PortKind = this.port, tuning: SessionTuning = {}): Promise<SecureSession> {
    const { session, ehlo: first } = await this.openWithEhlo(kind, tuning);
    if (session.isTls) return { session, ehlo: first };
    await startTls(session);
    return { session, ehlo: await ehlo(session) };
  }

  /** A TLS session that has authenticated with the target's credentials (PLAIN, else LOGIN). */
  async openAuthenticated(kind: PortKind = this.port): Promise<SecureSession> {
    const secure = await this.openSecure(kind);
    const mechanisms = authMechanisms(secure.ehlo);
    const reply = mechanisms.includes('PLAIN') ? await this.authPlain(secure.session) : await this.authLogin(secure.session);
    if (reply.code !== 235) throw new HarnessError(`authentication with the target's credentials failed: ${reply.code}`, 'malformed');
    return secure;
  }

  get credentials(): { user: string; password: string } | undefined {
    const { user, password } = this.target;
    return user && password ? { user, password } : undefined;
  }

  /** AUTH PLAIN with the target's credentials (RFC 4954 §4, RFC 4616), payload masked in the log. */
  async authPlain(session: SmtpSession): Promise<SmtpReply> {
    const creds = this.credentials;
    if (!creds) throw new HarnessError('no credentials for this target', 'connect');
    const payload = Buffer.from(`\0${creds.user}\0${creds.password}`).toString('base64');
    return session.command(`AUTH PLAIN ${payload}`, 'AUTH PLAIN [redacted]');
  }

  /** AUTH LOGIN (the de-facto mechanism of draft-murchison-sasl-login): user and password in turn. */
  async authLogin(session: SmtpSession): Promise<SmtpReply> {
    const creds = this.credentials;
    if (!creds) throw new HarnessError('no credentials for this target', 'connect');
    const start = await session.command('AUTH LOGIN');
    if (start.code !== 334) return start;
    const user = await session.command(Buffer.from(creds.user).toString('base64'), '[redacted]');
    if (user.code !== 334) return user;
    return session.command(Buffer.from(creds.password).toString('base64'), '[redacted]');
  }

  offersAuth(reply: SmtpReply, mechanism: string): boolean {
    return authMechanisms(reply).includes(mechanism);
  }

  closeAll(): void {
    this.closed = true;
    for (const session of this.sessions) session.close();
  }
}

/** STARTTLS on a plaintext session, then the handshake (RFC 3207 §4). */
export async function startTls(session: SmtpSession): Promise<void> {
  const ready = await session.command('STARTTLS');
  if (ready.code !== 220) throw new HarnessError(`STARTTLS refused with ${ready.code}`, 'tls');
  await session.startTls();
}

export async function ehlo(session: SmtpSession): Promise<SmtpReply> {
  const reply = await session.command(`EHLO ${CLIENT_NAME}`);
  if (reply.code !== 250) throw new HarnessError(`EHLO answered ${reply.code}`, 'malformed');
  return reply;
}
