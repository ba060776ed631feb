import type { Flaw } from './flaws.ts';
import { LineReader, type ReadLine } from './line-reader.ts';
import { MAX_MESSAGE_SIZE, parseMailFrom, parseRcptTo } from './envelope.ts';
import { REPLIES } from './replies.ts';
import { createMechanism, type SaslMechanism, type SaslStep } from './sasl.ts';

export interface AcceptedMessage {
  from: string;
  to: string[];
  data: string;
  tls: boolean;
  /** The authenticated user, or '' when the message came without AUTH. */
  authenticated: string;
}

export interface SessionConfig {
  hostname: string;
  user: string;
  password: string;
  flaws: ReadonlySet<Flaw>;
  accept(message: AcceptedMessage): void;
}

export interface SessionTransport {
  send(text: string): void;
  /** Ends the connection once what was sent is flushed. */
  close(): void;
  /** Starts a TLS handshake on the same connection, then calls `tlsEstablished`. */
  startTls(): void;
}

type Mode = 'command' | 'auth' | 'data' | 'upgrading' | 'closed';

const COMMAND_LIMIT = 512; // RFC 5321 §4.5.3.1.4
const AUTH_LIMIT = 12_288; // RFC 4954 §4
const DATA_LINE_LIMIT = 1 << 20; // lenient beyond RFC 5321 §4.5.3.1.6, still bounded
const MAX_RECIPIENTS = 100;
const CRLF = Buffer.from('\r\n');
// RFC 3207 §4: before TLS, every other command gets 530.
const BEFORE_TLS = new Set(['NOOP', 'EHLO', 'HELO', 'STARTTLS', 'QUIT', 'RSET']);

/** One SMTP submission dialogue (RFC 6409), independent of the socket that carries it. */
export class SubmissionSession {
  private readonly reader = new LineReader();
  private mode: Mode = 'command';
  private greeted = false;
  private authenticated = '';
  private sasl: SaslMechanism | undefined;
  private from: string | undefined;
  private to: string[] = [];
  private data: Buffer[] = [];
  private dataSize = 0;

  constructor(
    private readonly config: SessionConfig,
    private readonly transport: SessionTransport,
    private tls: boolean,
  ) {}

  greet(): void {
    this.reply(`220 ${this.config.hostname} ESMTP msaspec-flawed`);
  }

  receive(chunk: Buffer): void {
    if (this.mode === 'closed') return;
    this.reader.push(chunk);
    this.drain();
  }

  /** RFC 3207 §4.2: after the handshake the session starts over, as if just connected. */
  tlsEstablished(): void {
    this.tls = true;
    this.greeted = false;
    this.authenticated = '';
    this.sasl = undefined;
    this.resetTransaction();
    this.mode = 'command';
    this.drain();
  }

  get pendingInput(): number {
    return this.reader.size;
  }

  private has(flaw: Flaw): boolean {
    return this.config.flaws.has(flaw);
  }

  private reading(): boolean {
    return this.mode === 'command' || this.mode === 'auth' || this.mode === 'data';
  }

  private drain(): void {
    while (this.reading()) {
      const limit = this.mode === 'data' ? DATA_LINE_LIMIT : AUTH_LIMIT;
      const line = this.reader.next(limit);
      if (!line) return;
      if (this.mode === 'data') this.dataLine(line);
      else if (this.mode === 'auth') this.authResponse(line);
      else this.command(line);
    }
  }

  private reply(text: string): void {
    this.transport.send(`${text}\r\n`);
  }

  private close(): void {
    this.mode = 'closed';
    this.transport.close();
  }

  private command(line: ReadLine): void {
    if (line.tooLong) return this.reply(REPLIES.lineTooLong);
    const text = line.bytes.toString('utf8');
    const match = /^\s*(\S+)\s*(.*)$/.exec(text);
    const verb = (match?.[1] ?? '').toUpperCase();
    const args = (match?.[2] ?? '').trim();
    if (verb !== 'AUTH' && line.bytes.length + 2 > COMMAND_LIMIT) return this.reply(REPLIES.lineTooLong);
    if (verb === '') return this.reply(REPLIES.unrecognized);
    if (!this.tls && !BEFORE_TLS.has(verb) && !this.allowedBeforeTls(verb)) {
      return this.reply(verb === 'AUTH' ? REPLIES.encryptionRequired : REPLIES.mustStartTls);
    }
    switch (verb) {
      case 'EHLO':
      case 'HELO':
        return this.hello(verb, args);
      case 'STARTTLS':
        return this.startTls(args);
      case 'AUTH':
        return this.auth(args);
      case 'MAIL':
        return this.mail(args);
      case 'RCPT':
        return this.rcpt(args);
      case 'DATA':
        return this.startData(args);
      case 'RSET':
        this.resetTransaction();
        return this.reply(REPLIES.ok);
      case 'NOOP':
        return this.reply(REPLIES.ok);
      case 'VRFY':
        return this.reply(REPLIES.vrfy);
      case 'QUIT':
        this.reply(REPLIES.bye);
        return this.close();
      default:
        return this.reply(REPLIES.unrecognized);
    }
  }

  private allowedBeforeTls(verb: string): boolean {
    if (verb === 'AUTH') return this.has('auth-before-tls');
    return ['MAIL', 'RCPT', 'DATA'].includes(verb) && this.has('plaintext-mail');
  }

  private hello(verb: 'EHLO' | 'HELO', args: string): void {
    if (!args) return this.reply(verb === 'EHLO' ? REPLIES.ehloSyntax : REPLIES.heloSyntax);
    this.resetTransaction();
    this.greeted = true;
    if (verb === 'HELO') return this.reply(`250 ${this.config.hostname}`);
    const lines = [this.config.hostname, 'PIPELINING', `SIZE ${MAX_MESSAGE_SIZE}`];
    if (this.tls ? this.has('starttls-after-tls') : !this.has('no-starttls-advert')) lines.push('STARTTLS');
    if (this.tls || this.has('auth-before-tls') || this.has('auth-advertised-before-tls')) lines.push('AUTH PLAIN LOGIN');
    lines.push('ENHANCEDSTATUSCODES', '8BITMIME');
    this.transport.send(lines.map((l, i) => `250${i === lines.length - 1 ? ' ' : '-'}${l}\r\n`).join(''));
  }

  private startTls(args: string): void {
    if (this.tls) {
      if (!this.has('starttls-after-tls')) return this.reply(REPLIES.tlsActive);
      this.reply(REPLIES.readyForTls);
      return this.close();
    }
    if (args && !this.has('starttls-args')) return this.reply(REPLIES.starttlsParameters);
    this.reply(REPLIES.readyForTls);
    this.mode = 'upgrading';
    // RFC 3207 §4.2 (CVE-2011-0411): plaintext that came after STARTTLS must not survive into TLS.
    if (!this.has('inject')) this.reader.clear();
    this.transport.startTls();
  }

  private auth(args: string): void {
    if (!this.greeted) return this.reply(REPLIES.ehloFirst);
    if (this.authenticated) return this.reply(REPLIES.alreadyAuthenticated);
    if (this.from !== undefined) return this.reply(REPLIES.authInTransaction);
    const [name = '', initial, extra] = args.split(/\s+/);
    if (!name || extra !== undefined) return this.reply(REPLIES.authSyntax);
    const mechanism = createMechanism(name);
    if (!mechanism) return this.reply(REPLIES.unknownMechanism);
    this.sasl = mechanism;
    this.saslStep(mechanism.step(initial));
  }

  private authResponse(line: ReadLine): void {
    if (line.tooLong || !this.sasl) {
      this.endSasl();
      return this.reply(REPLIES.authLineTooLong);
    }
    this.saslStep(this.sasl.step(line.bytes.toString('utf8').trim()));
  }

  private saslStep(step: SaslStep): void {
    if (step.type === 'challenge') {
      this.mode = 'auth';
      return this.reply(`334 ${step.challenge}`);
    }
    this.endSasl();
    switch (step.type) {
      case 'cancelled':
        return this.reply(REPLIES.authCancelled);
      case 'undecodable':
        return this.reply(REPLIES.authUndecodable);
      case 'invalid':
        return this.reply(REPLIES.authFailed);
      case 'credentials': {
        const { user, password } = this.config;
        const valid = step.authcid === user && step.password === password && (step.authzid === '' || step.authzid === user);
        if (!valid || this.has('auth-broken')) return this.reply(REPLIES.authFailed);
        this.authenticated = user;
        return this.reply(REPLIES.authOk);
      }
    }
  }

  private endSasl(): void {
    this.sasl = undefined;
    this.mode = 'command';
  }

  private mail(args: string): void {
    if (!this.greeted) return this.reply(REPLIES.ehloFirst);
    // RFC 6409 §4.3 (a session before TLS only gets here under 'plaintext-mail').
    if (this.tls && !this.authenticated && !this.has('mail-without-auth')) return this.reply(REPLIES.authRequired);
    if (this.from !== undefined) return this.reply(REPLIES.nestedMail);
    const parsed = parseMailFrom(args);
    if ('error' in parsed) return this.reply(parsed.error);
    this.from = parsed.address;
    this.to = [];
    this.reply(REPLIES.senderOk);
  }

  private rcpt(args: string): void {
    if (this.from === undefined) return this.reply(REPLIES.needMail);
    const parsed = parseRcptTo(args);
    if ('error' in parsed) return this.reply(parsed.error);
    if (this.to.length >= MAX_RECIPIENTS) return this.reply(REPLIES.tooManyRecipients);
    this.to.push(parsed.address);
    this.reply(REPLIES.recipientOk);
  }

  private startData(args: string): void {
    if (args) return this.reply(REPLIES.dataSyntax);
    if (this.from === undefined) return this.reply(REPLIES.needMail);
    if (this.to.length === 0) return this.reply(REPLIES.needRcpt);
    this.mode = 'data';
    this.data = [];
    this.dataSize = 0;
    this.reply(REPLIES.startData);
  }

  private dataLine(line: ReadLine): void {
    if (line.tooLong) {
      this.dataSize = Infinity;
      return;
    }
    let bytes = line.bytes;
    if (bytes.length === 1 && bytes[0] === 0x2e) return this.endData();
    if (bytes[0] === 0x2e) bytes = bytes.subarray(1); // RFC 5321 §4.5.2 dot-unstuffing
    this.dataSize += bytes.length + 2;
    if (this.dataSize > MAX_MESSAGE_SIZE) this.data = [];
    else this.data.push(bytes, CRLF);
  }

  private endData(): void {
    this.mode = 'command';
    const tooBig = this.dataSize > MAX_MESSAGE_SIZE;
    const message: AcceptedMessage = {
      from: this.from ?? '',
      to: this.to,
      data: Buffer.concat(this.data).toString('utf8'),
      tls: this.tls,
      authenticated: this.authenticated,
    };
    this.resetTransaction();
    if (tooBig) return this.reply(REPLIES.messageTooBig);
    if (this.has('data-broken')) return this.reply(REPLIES.localError);
    this.config.accept(message);
    this.reply(REPLIES.queued);
  }

  private resetTransaction(): void {
    this.from = undefined;
    this.to = [];
    this.data = [];
    this.dataSize = 0;
  }
}
