import { CredentialsWithheld, HarnessError, PreconditionUnmet } from '../smtp/errors.ts';
import { authMechanisms, replyText, type SmtpReply } from '../smtp/reply.ts';
import { SmtpSession, type SessionOptions } from '../smtp/smtp-session.ts';
import type { WireLog } from '../smtp/wire-log.ts';
import { DEFAULT_EHLO_NAME, DEFAULT_PROBE_ADDRESS, DEFAULT_RECIPIENT, senderFor } from '../model/envelope.ts';
import { DEFAULT_PORT, type PortKind } from '../model/port.ts';
import type { ResolvedTarget } from '../model/target.ts';
import { DEFAULT_CONNECTIONS_PER_TARGET, type Lease } from './connection-limiter.ts';
import { endpointOf, isNoAnswer, type EndpointHealth } from './endpoint-health.ts';

export interface Timeouts {
  /** Bound on each wait for the server (connect, one reply, one handshake). */
  replyMs: number;
  /** How long silence is awaited where silence is the correct answer. */
  quietMs: number;
  /** Bound on a whole case. */
  caseMs: number;
  /** Property-based cases: the fast-check seed (`--seed`; random when absent) and runs (`--runs`). */
  seed?: number;
  runs?: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { replyMs: 5000, quietMs: 400, caseMs: 20000 };

declare module '../model/case.ts' {
  /** A case's `run` is given a CaseContext (harness/model/case.ts names it through here). */
  interface CaseRuntime {
    context: CaseContext;
  }
}

/** The default EHLO name (`--ehlo-name` changes it for a run: CaseContext.ehloName). */
export const CLIENT_NAME = DEFAULT_EHLO_NAME;

/** Per-connection options a case may set. */
export type SessionTuning = Pick<SessionOptions, 'tap' | 'tlsVersions'> & {
  /** Logs this connection into another transcript (one generated run of a property-based case). */
  log?: WireLog;
};

/** A session that has TLS and a fresh EHLO reply from inside it. */
export interface SecureSession {
  session: SmtpSession;
  ehlo: SmtpReply;
}

/** What the run shares between cases: the target's connection slots and whether it still answers. */
export interface CaseControls {
  /** The case's hold on the target's connection limit (harness/run/connection-limiter.ts). */
  lease?: Lease;
  health?: EndpointHealth;
}

/**
 * What a case stands on: the target, the port under test, and connection helpers that log into one
 * transcript and are all closed when the case ends.
 */
export class CaseContext {
  private readonly sessions: SmtpSession[] = [];
  private closed = false;
  /** TCP connections this case attempted. */
  connectionsMade = 0;

  constructor(
    readonly target: ResolvedTarget,
    readonly port: PortKind,
    readonly timeouts: Timeouts,
    readonly log: WireLog,
    private readonly controls: CaseControls = {},
  ) {}

  portNumber(kind: PortKind = this.port): number {
    const number = this.target.ports[kind];
    if (number === undefined) throw new HarnessError(`target ${this.target.name} has no ${kind} port`, 'connect');
    return number;
  }

  /** TCP (starttls) or TLS (implicit) connection; the greeting is not read. */
  async connect(kind: PortKind = this.port, tuning: SessionTuning = {}): Promise<SmtpSession> {
    return this.dial(kind, tuning, kind === 'implicit' ? 'tls' : 'tcp', true);
  }

  /** Plain TCP to either service, whatever it expects first. */
  async connectTcp(kind: PortKind = this.port, tuning: SessionTuning = {}): Promise<SmtpSession> {
    return this.dial(kind, tuning, 'tcp', true);
  }

  private endpoint(kind: PortKind): string {
    return endpointOf(this.target.host, this.portNumber(kind));
  }

  /**
   * One connection within the target's connection limit: a slot is taken before the connect and
   * given back when the connection closes. A connection that gets no answer counts against the
   * endpoint's health; once the endpoint is down, connecting fails at once.
   */
  private async dial(kind: PortKind, tuning: SessionTuning, how: 'tcp' | 'tls', recordAnswer: boolean): Promise<SmtpSession> {
    const options = this.sessionOptions(kind, tuning);
    const endpoint = this.endpoint(kind);
    const health = this.controls.health;
    const down = health?.downError(endpoint);
    if (down) throw down;
    let release = () => undefined as void;
    let session: SmtpSession;
    try {
      if (this.controls.lease) release = await this.controls.lease.connection();
      this.connectionsMade += 1;
      session = await (how === 'tls' ? SmtpSession.connectTls(options) : SmtpSession.connectPlain(options));
    } catch (err) {
      release();
      // A handshake a tuned client provokes (one TLS version only) may be refused by a silent close:
      // that answers the probe, it does not say the endpoint is gone.
      const probing = tuning.tlsVersions !== undefined;
      // Once the case has ended, its connections are closed by the harness itself (track): not the server's doing.
      if (this.closed) throw err;
      if (isNoAnswer(err) && !(probing && err.code === 'closed')) health?.failed(endpoint, err);
      else if (err instanceof HarnessError && err.code === 'tls') health?.answered(endpoint);
      throw err;
    }
    if (how === 'tls' && recordAnswer) health?.answered(endpoint);
    session.onClosed(release);
    return this.track(session);
  }

  private sessionOptions(kind: PortKind, tuning: SessionTuning): SessionOptions {
    return {
      ...tuning,
      host: this.target.host,
      port: this.portNumber(kind),
      servername: this.target.servername,
      timeoutMs: this.timeouts.replyMs,
      log: tuning.log ?? this.log,
      service: String(DEFAULT_PORT[kind]),
      ...(this.target.ca ? { ca: this.target.ca } : {}),
    };
  }

  /** A connection that completes after the case ended (its budget ran out) is closed at once. */
  private track(session: SmtpSession): SmtpSession {
    this.sessions.push(session);
    if (this.closed) session.close();
    return session;
  }

  /** Connected, 220 greeting read. */
  async open(kind: PortKind = this.port, tuning: SessionTuning = {}): Promise<SmtpSession> {
    const session = await this.dial(kind, tuning, kind === 'implicit' ? 'tls' : 'tcp', false);
    let greeting: SmtpReply;
    try {
      greeting = await session.readReply('greeting');
    } catch (err) {
      // Not one byte before the timeout or the close: the endpoint did not answer. A connection
      // made after the case ended (a property run made ahead) was closed by the harness (track).
      if (this.closed) throw err;
      if (isNoAnswer(err) && session.bytesReceived === 0) this.controls.health?.failed(this.endpoint(kind), err);
      else this.controls.health?.answered(this.endpoint(kind));
      throw err;
    }
    this.controls.health?.answered(this.endpoint(kind));
    if (greeting.code !== 220) {
      throw new HarnessError(`server greeted with ${greeting.code} instead of 220`, 'malformed');
    }
    return session;
  }

  /** Connected, greeted, EHLO answered with 250. */
  async openWithEhlo(kind: PortKind = this.port, tuning: SessionTuning = {}): Promise<SecureSession> {
    const session = await this.open(kind, tuning);
    return { session, ehlo: await this.ehlo(session) };
  }

  /** The name the harness gives in EHLO: `--ehlo-name`, else client.msaspec.test. */
  get ehloName(): string {
    return this.target.envelope?.ehloName ?? DEFAULT_EHLO_NAME;
  }

  /** EHLO with the run's name, answered with 250. */
  ehlo(session: SmtpSession): Promise<SmtpReply> {
    return ehlo(session, this.ehloName);
  }

  /** MAIL FROM of an authenticated submission: `--mail-from`, else the user name if it is an address, else <user>@example.test. */
  get sender(): string {
    return senderFor(this.target.envelope, this.target.user);
  }

  /** RCPT TO of a submission: `--rcpt-to`, else recipient@example.test. */
  get recipient(): string {
    return this.target.envelope?.rcptTo ?? DEFAULT_RECIPIENT;
  }

  /** MAIL FROM of a probe made without authentication: `--mail-from`, else probe@example.test. */
  get probeSender(): string {
    return this.target.envelope?.mailFrom ?? DEFAULT_PROBE_ADDRESS;
  }

  /** RCPT TO of a probe made without authentication: `--rcpt-to`, else probe@example.test. */
  get probeRecipient(): string {
    return this.target.envelope?.rcptTo ?? DEFAULT_PROBE_ADDRESS;
  }

  /**
   * A session protected by TLS with a fresh EHLO from inside it: implicit TLS on 465; on 587 EHLO,
   * STARTTLS, handshake, EHLO again (RFC 3207 §4.2: the client SHOULD send EHLO first after TLS).
   */
  async openSecure(kind: PortKind = this.port, tuning: SessionTuning = {}): Promise<SecureSession> {
    const { session, ehlo: first } = await this.openWithEhlo(kind, tuning);
    if (session.isTls) return { session, ehlo: first };
    await startTls(session);
    return { session, ehlo: await this.ehlo(session) };
  }

  /** A TLS session that has authenticated with the target's credentials (PLAIN, else LOGIN). */
  async openAuthenticated(kind: PortKind = this.port, tuning: SessionTuning = {}): Promise<SecureSession> {
    const secure = await this.openSecure(kind, tuning);
    const mechanisms = authMechanisms(secure.ehlo);
    const reply = mechanisms.includes('PLAIN') ? await this.authPlain(secure.session) : await this.authLogin(secure.session);
    // The server answered, and refused: a precondition of the calling case is absent (NA there); the
    // finding is rfc4954/4/auth-plain-succeeds-after-tls's.
    if (reply.code !== 235) throw new PreconditionUnmet(`no authenticated session: the target's credentials got ${replyText(reply)} inside TLS (see rfc4954/4/auth-plain-succeeds-after-tls)`);
    return secure;
  }

  get credentials(): { user: string; password: string } | undefined {
    const { user, password } = this.target;
    return user && password ? { user, password } : undefined;
  }

  /**
   * Before anything that carries the target's credentials (or its user name) goes over `session`:
   * throws CredentialsWithheld when the session runs TLS whose certificate did not verify, so that
   * the case ends NA with the reason instead of handing the credentials to whoever answered.
   */
  mayCarryCredentials(session: SmtpSession): void {
    if (session.unverified) throw CredentialsWithheld.unverified(session.service, session.tls?.authorizationError);
  }

  /** AUTH PLAIN with the target's credentials (RFC 4954 §4, RFC 4616), payload masked in the log. */
  async authPlain(session: SmtpSession): Promise<SmtpReply> {
    const creds = this.credentials;
    if (!creds) throw new HarnessError('no credentials for this target', 'connect');
    this.mayCarryCredentials(session);
    const payload = Buffer.from(`\0${creds.user}\0${creds.password}`).toString('base64');
    return session.command(`AUTH PLAIN ${payload}`, 'AUTH PLAIN [redacted]');
  }

  /** AUTH LOGIN (the de-facto mechanism of draft-murchison-sasl-login): user and password in turn. */
  async authLogin(session: SmtpSession): Promise<SmtpReply> {
    const creds = this.credentials;
    if (!creds) throw new HarnessError('no credentials for this target', 'connect');
    this.mayCarryCredentials(session);
    const start = await session.command('AUTH LOGIN');
    if (start.code !== 334) return start;
    const user = await session.command(Buffer.from(creds.user).toString('base64'), '[redacted]');
    if (user.code !== 334) return user;
    return session.command(Buffer.from(creds.password).toString('base64'), '[redacted]');
  }

  offersAuth(reply: SmtpReply, mechanism: string): boolean {
    return authMechanisms(reply).includes(mechanism);
  }

  /** Runs of a property-based case that may go on at once: the target's connection limit. */
  get parallelRuns(): number {
    return this.controls.lease?.limit ?? DEFAULT_CONNECTIONS_PER_TARGET;
  }

  /**
   * A slot for one more run of a property-based case beside its own, within the target's connection
   * limit and behind every other wait for a slot; at once when the run has no limit.
   */
  async spareRun(abort: AbortSignal): Promise<() => void> {
    if (!this.controls.lease) return () => undefined;
    return this.controls.lease.spare(abort);
  }

  /**
   * The case opens no more connections (it goes on with something else, such as waiting for relayed
   * messages): its connection slots go back to the target as its connections close. Connecting
   * afterwards is a harness error.
   */
  doneConnecting(): void {
    this.controls.lease?.retire();
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

export async function ehlo(session: SmtpSession, name: string = CLIENT_NAME): Promise<SmtpReply> {
  const reply = await session.command(`EHLO ${name}`);
  if (reply.code !== 250) throw new HarnessError(`EHLO answered ${reply.code}`, 'malformed');
  return reply;
}
