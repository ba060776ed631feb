import { randomBytes } from 'node:crypto';
import { injectFirstVerb, LF_COMMAND_FLAWS, type Flaw } from './flaws.ts';
import type { Variant } from './variants.ts';
import { LineReader, type LineEnds, type ReadLine, type Terminator } from './line-reader.ts';
import type { PlaintextHandler } from './plaintext-before-hello.ts';
import { refuseRecipient, refuseSender } from './address-policy.ts';
import { MAX_MESSAGE_SIZE, parseMailFrom, parseRcptTo } from './envelope.ts';
import { REPLIES } from './replies.ts';
import { receivedHeader } from './received.ts';
import { createMechanism, type SaslMechanism, type SaslStep } from './sasl.ts';

export interface AcceptedMessage {
  from: string;
  to: string[];
  data: string;
  tls: boolean;
  /** The authenticated user, or '' when the message came without AUTH. */
  authenticated: string;
  /** The Received header field this server prepends when relaying the message, with its CRLF. */
  received: string;
}

export interface SessionConfig {
  hostname: string;
  user: string;
  password: string;
  flaws: ReadonlySet<Flaw>;
  variants: ReadonlySet<Variant>;
  /**
   * Takes the message, and `relayed`: its octets as the server would relay them (the Received
   * header field, then the data as received). Throwing makes the session answer 451 instead of 250.
   */
  accept(message: AcceptedMessage, relayed: Buffer): void;
}

export interface SessionTransport {
  /** The client's IP address. */
  readonly clientAddress: string;
  send(text: string): void;
  /** Ends the connection once what was sent is flushed (inside TLS: close_notify, then FIN). */
  close(): void;
  /** Closes the TCP connection once what was sent is flushed, without a TLS close_notify. */
  abort(): void;
  /**
   * Starts a TLS handshake on the same connection, then calls `tlsEstablished`. With `onPlaintext`
   * (flaws only) it reads on in plaintext until a TLS record starts, handing over what came before.
   */
  startTls(onPlaintext?: PlaintextHandler): void;
  /** The negotiated cipher suite's standard name; undefined without TLS. */
  cipher(): string | undefined;
}

type Mode = 'command' | 'auth' | 'data' | 'upgrading' | 'closed';

const COMMAND_LIMIT = 512; // RFC 5321 §4.5.3.1.4
const AUTH_LIMIT = 12_288; // RFC 4954 §4
const DATA_LINE_LIMIT = 1 << 20; // lenient beyond RFC 5321 §4.5.3.1.6, still bounded
const MAX_RECIPIENTS = 100;
/** The one input block the inject-large flaw purges after STARTTLS. */
const PURGE_BLOCK = 4096;
/** Variant slow-ehlo-auth: the time a DNS lookup or an authentication backend takes, well below the harness's 5 s reply timeout. */
const SLOW_REPLY_MS = 1000;
/** Variant greet-pause: the time the 220 greeting waits. */
const GREET_PAUSE_MS = 2500;
/** Variant long-line-554-close: lines longer than this end the connection. */
const LONG_LINE_FATAL = 4096;
const CRLF = Buffer.from('\r\n');
// RFC 3207 §4: before TLS, every other command gets 530.
/** Variant split-221: the pause between the two pieces of the 221, longer than the injection probes' quiet window after QUIT. */
const SPLIT_REPLY_PAUSE_MS = 200;
const BEFORE_TLS = new Set(['NOOP', 'EHLO', 'HELO', 'STARTTLS', 'QUIT', 'RSET']);

/** One SMTP submission dialogue (RFC 6409), independent of the socket that carries it. */
export class SubmissionSession {
  private readonly reader = new LineReader();
  private mode: Mode = 'command';
  /** The last EHLO/HELO, undefined until the client greets (and again after STARTTLS). */
  private hello: { verb: 'EHLO' | 'HELO'; name: string } | undefined;
  private authenticated = '';
  /** Refused commands so far (variant too-many-errors-421). */
  private refusals = 0;
  private sasl: SaslMechanism | undefined;
  private from: string | undefined;
  private to: string[] = [];
  private data: Buffer[] = [];
  private dataSize = 0;
  /** Variant security-stance-554: the session answers 554 to everything but QUIT (RFC 3207 §4.1). */
  private refusing = false;
  /** Variant starttls-refused-after-transaction: RSET, MAIL or AUTH came before STARTTLS. */
  private transacted = false;
  /** A reply is on its way (variants slow-ehlo-auth, greet-pause): input waits, as in a server that handles one command at a time. */
  private held = false;
  /** How the previous line of the message ended (the smuggling flaws end DATA at look-alikes). */
  private lastTerminator: Terminator = 'crlf';
  /** Variant bare-newline-rejected: the message has a bare CR or LF, and is refused at its end. */
  private bareInMessage = false;

  constructor(
    private readonly config: SessionConfig,
    private readonly transport: SessionTransport,
    private tls: boolean,
  ) {}

  greet(): void {
    const greeting = this.variant('multiline-greeting')
      ? `220-${this.config.hostname} ESMTP msaspec-flawed\r\n220-a multi-line greeting (RFC 5321 §4.2)\r\n220 ${this.config.hostname} ready`
      : `220 ${this.config.hostname} ESMTP msaspec-flawed`;
    if (this.variant('greet-pause')) return this.hold(GREET_PAUSE_MS, () => this.reply(greeting));
    this.reply(greeting);
  }

  receive(chunk: Buffer): void {
    if (this.mode === 'closed') return;
    this.reader.push(chunk);
    if (this.held) return;
    if (this.has('pipelining-broken') && this.tls && this.authenticated && this.mode === 'command') {
      // The flaw: of the command lines one read completes, only the first is used.
      const line = this.reader.next(AUTH_LIMIT, this.lineEnds());
      if (!line) return;
      this.reader.dropCompleteLines();
      return this.command(line);
    }
    this.drain();
  }

  /** RFC 3207 §4.2: after the handshake the session starts over, as if just connected. */
  tlsEstablished(): void {
    this.tls = true;
    // The flaw inject-first-<verb> kept what came with STARTTLS and after its 220; it runs only behind that verb.
    const first = injectFirstVerb(this.config.flaws);
    if (first && this.reader.firstWord().toUpperCase() !== first) this.reader.clear();
    if (!this.has('keep-ehlo')) this.hello = undefined;
    if (!this.has('keep-auth')) this.authenticated = '';
    this.sasl = undefined;
    if (!this.has('keep-envelope')) this.resetTransaction();
    this.mode = 'command';
    this.drain();
  }

  get pendingInput(): number {
    return this.reader.size;
  }

  private has(flaw: Flaw): boolean {
    return this.config.flaws.has(flaw);
  }

  private variant(variant: Variant): boolean {
    return this.config.variants.has(variant);
  }

  private reading(): boolean {
    return this.mode === 'command' || this.mode === 'auth' || this.mode === 'data';
  }

  /** Sends `reply` after `ms`, reading no input meanwhile; then goes on with what came. */
  private hold(ms: number, reply: () => void): void {
    this.held = true;
    setTimeout(() => {
      this.held = false;
      if (this.mode === 'closed') return;
      reply();
      this.drain();
    }, ms).unref();
  }

  /** Variant slow-ehlo-auth: the reply waits for a lookup. */
  private slowly(reply: () => void): void {
    if (this.variant('slow-ehlo-auth')) return this.hold(SLOW_REPLY_MS, reply);
    reply();
  }

  private drain(): void {
    while (this.reading() && !this.held) {
      const limit = this.mode === 'data' ? DATA_LINE_LIMIT : AUTH_LIMIT;
      const line = this.reader.next(limit, this.lineEnds());
      if (!line) return;
      if (this.mode === 'data') this.dataLine(line);
      else if (this.mode === 'auth') this.authResponse(line);
      else this.command(line);
    }
  }

  /**
   * RFC 5321 §2.3.8: only CRLF ends a line, in commands and in mail data. A bare LF ends a command line
   * under the injection flaws (the servers they model read up to LF) and bare-lf-commands, and a line of
   * the message under the smuggling flaws.
   */
  private lineEnds(): LineEnds {
    if (this.mode === 'data') return { lf: this.has('smuggle-lf-dot-lf') || this.has('smuggle-unpipelined'), cr: this.has('smuggle-cr-dot-cr') };
    return { lf: LF_COMMAND_FLAWS.some((flaw) => this.has(flaw)) };
  }

  private reply(text: string): void {
    // Variant too-many-errors-421 (chasquid): the third refusal of a connection becomes a 421 and a close.
    if (this.variant('too-many-errors-421') && /^[45]/.test(text) && !text.startsWith('421') && ++this.refusals >= 3) {
      this.transport.send(`${REPLIES.tooManyErrors}\r\n`);
      return this.close();
    }
    // Variant refusals-then-close (Exim's smtp_max_synprot_errors): the fourth refusal says so, and the
    // connection closes without a 421; the next command finds it gone.
    if (this.variant('refusals-then-close') && /^[45]/.test(text) && ++this.refusals > 3) {
      this.transport.send(`${text.slice(0, 3)}-${text.slice(4)}\r\n${text.slice(0, 3)} Too many syntax or protocol errors\r\n`);
      return this.close();
    }
    this.transport.send(`${text}\r\n`);
  }

  private close(): void {
    this.mode = 'closed';
    this.transport.close();
  }

  private command(line: ReadLine): void {
    if (line.tooLong) return this.lineTooLong();
    if (hasBareNewline(line.bytes)) {
      // A bare CR or LF inside a command line: taken as part of the line (the verb's parser sees it
      // as white space), or refused under the variants.
      if (this.variant('bare-newline-closes')) return this.bareNewlineClose();
      if (this.variant('bare-newline-rejected')) return this.reply(REPLIES.bareNewlineCommand);
    }
    const text = line.bytes.toString('utf8');
    const match = /^\s*(\S+)\s*(.*)$/.exec(text);
    const verb = (match?.[1] ?? '').toUpperCase();
    const args = (match?.[2] ?? '').trim();
    if (verb !== 'AUTH' && line.bytes.length + 2 > COMMAND_LIMIT) return this.lineTooLong(line.bytes.length + 2);
    if (verb === '') return this.reply(REPLIES.unrecognized);
    if (this.refusing && verb !== 'QUIT') return this.reply(REPLIES.securityFailure);
    if (['RSET', 'MAIL', 'AUTH'].includes(verb)) this.transacted = true;
    if (!this.tls && !BEFORE_TLS.has(verb) && !this.allowedBeforeTls(verb)) {
      if (verb !== 'AUTH') return this.reply(REPLIES.mustStartTls);
      return this.reply(this.variant('auth-504-before-tls') ? REPLIES.mechanismNeedsTls : REPLIES.encryptionRequired);
    }
    switch (verb) {
      case 'EHLO':
      case 'HELO':
        return this.greeting(verb, args);
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
        // RFC 5321 §4.1.4: RSET before EHLO is processed normally; the flaw refuses it.
        if (!this.hello && this.has('rset-503-before-ehlo')) return this.reply(REPLIES.ehloFirst);
        this.resetTransaction();
        return this.reply(REPLIES.ok);
      case 'NOOP':
        return this.reply(REPLIES.ok);
      case 'VRFY':
        return this.reply(REPLIES.vrfy);
      case 'QUIT':
        return this.quit();
      default:
        return this.reply(REPLIES.unrecognized);
    }
  }

  /** RFC 5321 §4.5.3.1.4: a command line is at most 512 octets with its CRLF. */
  /** `octets`: the line's length with its CRLF, when known (a line past the read limit is dropped unread). */
  private lineTooLong(octets = Infinity): void {
    if (this.has('long-line-drop')) return this.close();
    if (this.variant('long-line-554-close') && octets > LONG_LINE_FATAL) {
      this.reply(REPLIES.lineTooLongFatal);
      return this.close();
    }
    this.reply(REPLIES.lineTooLong);
  }

  private quit(): void {
    if (this.variant('split-221')) {
      // Two writes, so two TLS records, with a pause between them: the reply's first octets, then the rest.
      this.transport.send(REPLIES.bye.slice(0, 4));
      if (!this.has('quit-no-close')) this.mode = 'closed';
      setTimeout(() => {
        this.transport.send(`${REPLIES.bye.slice(4)}\r\n`);
        this.afterQuit();
      }, SPLIT_REPLY_PAUSE_MS).unref();
      return;
    }
    this.reply(REPLIES.bye);
    this.afterQuit();
  }

  /** RFC 5321 §4.1.1.10: after the 221, the close. */
  private afterQuit(): void {
    if (this.has('quit-no-close')) return;
    if (this.tls && this.has('no-close-notify')) {
      this.mode = 'closed';
      return this.transport.abort();
    }
    this.close();
  }

  private allowedBeforeTls(verb: string): boolean {
    if (verb === 'AUTH') return this.has('auth-before-tls');
    return ['MAIL', 'RCPT', 'DATA'].includes(verb) && this.has('plaintext-mail');
  }

  private greeting(verb: 'EHLO' | 'HELO', args: string): void {
    if (!args) return this.reply(verb === 'EHLO' ? REPLIES.ehloSyntax : REPLIES.heloSyntax);
    // RFC 5321 §4.1.4: EHLO/HELO resets the state like RSET.
    if (!this.has('ehlo-keeps-transaction')) this.resetTransaction();
    this.hello = { verb, name: args };
    if (verb === 'HELO') return this.slowly(() => this.reply(`250 ${this.config.hostname}`));
    const lines = [this.config.hostname, 'PIPELINING', `SIZE ${MAX_MESSAGE_SIZE}`];
    if (this.tls ? this.has('starttls-after-tls') : !this.has('no-starttls-advert')) lines.push('STARTTLS');
    if (this.tls || this.has('auth-before-tls') || this.has('auth-advertised-before-tls')) lines.push('AUTH PLAIN LOGIN');
    lines.push('ENHANCEDSTATUSCODES', '8BITMIME');
    const last = lines.length - 1;
    // RFC 5321 §4.2.1: every line of a multiline reply carries the same code; the flaw changes the last one.
    const code = (i: number): string => (i === last && this.has('malformed-ehlo') ? '251' : '250');
    const reply = lines.map((l, i) => `${code(i)}${i === last ? ' ' : '-'}${l}\r\n`).join('');
    this.slowly(() => this.transport.send(reply));
  }

  private startTls(args: string): void {
    if (this.tls) {
      if (this.variant('security-stance-554')) {
        this.refusing = true;
        return this.reply(REPLIES.securityFailure);
      }
      if (!this.has('starttls-after-tls')) return this.reply(this.variant('second-starttls-454') ? REPLIES.tlsNotAvailable : REPLIES.tlsActive);
      this.reply(REPLIES.readyForTls);
      return this.close();
    }
    if (!this.hello && this.variant('starttls-before-ehlo-500')) return this.reply(REPLIES.unrecognized);
    if (this.transacted && this.variant('starttls-refused-after-transaction')) return this.reply(REPLIES.tlsNotAvailableHere);
    if (args && !this.has('starttls-args')) return this.reply(this.variant('starttls-parameter-502') ? REPLIES.starttlsParameters502 : REPLIES.starttlsParameters);
    this.reply(REPLIES.readyForTls);
    this.mode = 'upgrading';
    // RFC 3207 §4.2 (CVE-2011-0411): plaintext that came after STARTTLS must not survive into TLS.
    const injectFirst = injectFirstVerb(this.config.flaws) !== undefined;
    if (this.has('inject-lf')) this.reader.clearThroughLastCrlf();
    else if (this.has('inject-large')) this.reader.discard(PURGE_BLOCK);
    else if (!this.has('inject') && !injectFirst) this.reader.clear();
    const sniff = this.has('inject-late') || this.has('tls-fallback') || injectFirst || this.variant('tls-error-reply');
    this.transport.startTls(sniff ? (bytes) => this.plaintextBeforeHandshake(bytes) : undefined);
  }

  /** Plaintext after the 220, before the ClientHello: a conforming server never reads it as SMTP. */
  private plaintextBeforeHandshake(bytes: Buffer): 'wait' | 'stop' {
    if (this.variant('tls-error-reply') && !this.has('inject-late') && !this.has('tls-fallback')) {
      // chasquid's wording for a handshake that failed on a non-TLS record, then (unlike chasquid) a close.
      this.reply(REPLIES.tlsHandshakeError);
      this.close();
      return 'stop';
    }
    this.reader.push(bytes);
    if (!this.has('tls-fallback')) return 'wait';
    this.mode = 'command';
    this.drain();
    return 'stop';
  }

  private auth(args: string): void {
    if (!this.hello) return this.reply(REPLIES.ehloFirst);
    // RFC 4954 §4: no AUTH after a successful one, nor during a mail transaction.
    if (!this.has('reauth')) {
      if (this.authenticated) return this.reply(REPLIES.alreadyAuthenticated);
      if (this.from !== undefined) return this.reply(REPLIES.authInTransaction);
    }
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
        // RFC 4954 §4: a cancelled exchange MUST be answered 501.
        return this.reply(this.has('cancel-accepted') ? REPLIES.authFailed : REPLIES.authCancelled);
      case 'undecodable':
        return this.reply(REPLIES.authUndecodable);
      case 'invalid':
        return this.reply(REPLIES.authFailed);
      case 'credentials':
        return this.slowly(() => this.checkCredentials(step.authcid, step.password, step.authzid));
    }
  }

  private checkCredentials(authcid: string, password: string, authzid: string): void {
    const { user } = this.config;
    const valid = authcid === user && password === this.config.password && (authzid === '' || authzid === user);
    if (!valid) {
      this.reply(REPLIES.authFailed);
      if (this.has('bad-auth-closes')) this.close();
      return;
    }
    if (this.has('auth-broken')) return this.reply(REPLIES.authFailed);
    this.authenticated = user;
    this.reply(REPLIES.authOk);
  }

  private endSasl(): void {
    this.sasl = undefined;
    this.mode = 'command';
  }

  private mail(args: string): void {
    if (!this.hello) return this.reply(REPLIES.ehloFirst);
    // RFC 6409 §4.3 (a session before TLS only gets here under 'plaintext-mail').
    if (this.tls && !this.authenticated && !this.has('mail-without-auth')) return this.reply(REPLIES.authRequired);
    if (this.from !== undefined) return this.reply(REPLIES.nestedMail);
    const parsed = parseMailFrom(args);
    if ('error' in parsed) return this.reply(parsed.error);
    const refused = refuseSender(this.config.variants, parsed.address);
    if (refused) return this.reply(refused);
    this.from = parsed.address;
    this.to = [];
    this.reply(REPLIES.senderOk);
  }

  private rcpt(args: string): void {
    if (this.from === undefined) return this.reply(REPLIES.needMail);
    const parsed = parseRcptTo(args);
    if ('error' in parsed) return this.reply(parsed.error);
    if (this.to.length >= MAX_RECIPIENTS) return this.reply(REPLIES.tooManyRecipients);
    const refused = refuseRecipient(this.config.variants, this.from, parsed.address);
    if (refused) return this.reply(refused);
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
    this.lastTerminator = 'crlf';
    this.bareInMessage = false;
    this.reply(REPLIES.startData);
  }

  private dataLine(line: ReadLine): void {
    if (line.tooLong) {
      this.dataSize = Infinity;
      return;
    }
    // The flaw drops NULs before it looks for the end of data.
    let bytes = this.has('smuggle-nul') ? Buffer.from(line.bytes.filter((b) => b !== 0)) : line.bytes;
    const previous = this.lastTerminator;
    this.lastTerminator = line.terminator;
    const bare = hasBareNewline(bytes);
    if (bare && this.variant('bare-newline-closes')) return this.bareNewlineClose();
    if (bytes.length === 1 && bytes[0] === 0x2e) {
      // RFC 5321 §4.1.1.4: only <CRLF>.<CRLF> ends the data. The flaw smuggle-unpipelined ends it at a
      // look-alike too, but refuses input pipelined behind one (a stop-gap that waiting defeats).
      const lookAlike = line.terminator !== 'crlf' || previous !== 'crlf';
      if (lookAlike && this.has('smuggle-unpipelined') && this.reader.size > 0) {
        this.resetTransaction();
        this.mode = 'command';
        this.reply(REPLIES.synchronization);
        return this.close();
      }
      return this.endData();
    }
    if (bytes[0] === 0x2e) bytes = bytes.subarray(1); // RFC 5321 §4.5.2 dot-unstuffing
    if (bare) {
      // RFC 5321 §2.3.8: a bare CR or LF is never relayed as such. This server relays each as CRLF;
      // the variants refuse the message or put a space in its place; the flaw relays it unchanged.
      if (this.variant('bare-newline-rejected')) this.bareInMessage = true;
      else if (this.variant('bare-newline-spaces')) bytes = Buffer.from(bytes.map((b) => (b === 0x0d || b === 0x0a ? 0x20 : b)));
      else if (!this.has('relay-bare-lf')) bytes = Buffer.from(bytes.toString('latin1').replace(/[\r\n]/g, '\r\n'), 'latin1');
    }
    this.dataSize += bytes.length + 2;
    if (this.dataSize > MAX_MESSAGE_SIZE) this.data = [];
    else this.data.push(bytes, CRLF);
  }

  /** Variant bare-newline-closes: a refusal and a close, at the first bare CR or LF. */
  private bareNewlineClose(): void {
    this.resetTransaction();
    this.reply(REPLIES.bareNewlineFatal);
    this.close();
  }

  private endData(): void {
    this.mode = 'command';
    const tooBig = this.dataSize > MAX_MESSAGE_SIZE;
    const data = Buffer.concat(this.data);
    const message: AcceptedMessage = {
      from: this.from ?? '',
      to: this.to,
      data: data.toString('utf8'),
      tls: this.tls,
      authenticated: this.authenticated,
      received: this.received(),
    };
    this.resetTransaction();
    if (tooBig) return this.reply(REPLIES.messageTooBig);
    if (this.bareInMessage) return this.reply(REPLIES.bareNewlineMessage);
    if (this.has('data-broken')) return this.reply(REPLIES.localError);
    try {
      this.config.accept(message, Buffer.concat([Buffer.from(message.received, 'latin1'), data]));
    } catch {
      return this.reply(REPLIES.localError);
    }
    this.reply(REPLIES.queued);
  }

  private received(): string {
    // The flaw forgets TLS in the trace: no tls clause and no "S" in the protocol name.
    const recordTls = this.tls && !this.has('no-tls-received');
    return receivedHeader({
      helo: this.hello?.name ?? '',
      greeting: this.hello?.verb ?? 'EHLO',
      clientAddress: this.transport.clientAddress,
      hostname: this.config.hostname,
      cipher: recordTls ? (this.transport.cipher() ?? 'unknown') : undefined,
      authenticated: this.authenticated !== '',
      id: randomBytes(6).toString('hex').toUpperCase(),
      date: new Date(),
    });
  }

  private resetTransaction(): void {
    this.from = undefined;
    this.to = [];
    this.data = [];
    this.dataSize = 0;
  }
}

/** A CR or LF inside a line: with only CRLF as a line end, any CR or LF left in a line is a bare one. */
function hasBareNewline(bytes: Buffer): boolean {
  return bytes.includes(0x0d) || bytes.includes(0x0a);
}
