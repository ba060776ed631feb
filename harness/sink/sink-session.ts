import { LineSplitter, stripEol, type SplitLine } from './line-splitter.ts';

/** What a session needs from its connection. */
export interface SinkTransport {
  send(text: string): void;
  /** Ends the connection after what was sent. */
  close(): void;
  /** Stops and restarts reading while a message is being stored. */
  pause(): void;
  resume(): void;
}

export interface SinkSessionConfig {
  /** Name in the greeting; must differ from the relaying MTA's own name, or it sees a mail loop. */
  hostname: string;
  maxLineBytes: number;
  maxMessageBytes: number;
  maxRecipients: number;
  /** Stores one message (the data after dot-unstuffing); resolves with a name for the 250 reply. */
  store(data: Buffer): Promise<string>;
}

const NOT_IMPLEMENTED = new Set(['STARTTLS', 'AUTH', 'VRFY', 'EXPN', 'HELP', 'BDAT', 'TURN', 'ETRN']);

/**
 * One plaintext SMTP dialogue (RFC 5321) on the receiving side of a relay: EHLO/HELO, MAIL, RCPT,
 * DATA, RSET, NOOP, QUIT. No STARTTLS, no AUTH. Lines are handled one at a time, so pipelined
 * commands (RFC 2920) get their replies in order.
 */
export class SinkSession {
  private readonly lines: LineSplitter;
  private inData = false;
  private hasSender = false;
  private recipients = 0;
  private chunks: Buffer[] = [];
  private size = 0;
  private oversize = false;
  private lineTooLong = false;
  /** The next data octet starts a line: the data so far ends in CRLF (or DATA's own line just ended). */
  private atLineStart = true;
  private busy = false;
  private ended = false;

  constructor(
    private readonly config: SinkSessionConfig,
    private readonly transport: SinkTransport,
  ) {
    this.lines = new LineSplitter(config.maxLineBytes);
  }

  greet(): void {
    this.reply(`220 ${this.config.hostname} ESMTP msaspec sink`);
  }

  receive(chunk: Buffer): void {
    this.lines.push(chunk);
    this.pump();
  }

  private pump(): void {
    while (!this.busy && !this.ended) {
      const line = this.lines.next();
      if (!line) return;
      if (this.inData) this.dataLine(line);
      else this.command(line);
    }
  }

  private command(line: SplitLine): void {
    if (line.tooLong) return this.reply('500 5.5.2 Line too long');
    const text = stripEol(line.raw).toString('latin1');
    const verb = (/^\S*/.exec(text)?.[0] ?? '').toUpperCase();
    const arg = text.slice(verb.length).trim();
    switch (verb) {
      case 'EHLO':
        this.reset();
        return this.reply(
          `250-${this.config.hostname}`,
          '250-PIPELINING',
          `250-SIZE ${this.config.maxMessageBytes}`,
          '250-8BITMIME',
          '250 SMTPUTF8',
        );
      case 'HELO':
        this.reset();
        return this.reply(`250 ${this.config.hostname}`);
      case 'MAIL':
        return this.mail(arg);
      case 'RCPT':
        return this.rcpt(arg);
      case 'DATA':
        return this.data(arg);
      case 'RSET':
        this.reset();
        return this.reply('250 2.0.0 Ok');
      case 'NOOP':
        return this.reply('250 2.0.0 Ok');
      case 'QUIT':
        this.reply('221 2.0.0 Bye');
        this.ended = true;
        return this.transport.close();
      default:
        return this.reply(NOT_IMPLEMENTED.has(verb) ? '502 5.5.1 Command not implemented' : '500 5.5.2 Command unrecognized');
    }
  }

  private mail(arg: string): void {
    const match = /^FROM:\s*<[^<>]*>(.*)$/i.exec(arg);
    if (!match) return this.reply('501 5.5.4 Syntax: MAIL FROM:<address>');
    if (this.hasSender) return this.reply('503 5.5.1 Nested MAIL command');
    const size = /(?:^|\s)SIZE=(\d+)/i.exec(match[1] ?? '');
    if (size && Number(size[1]) > this.config.maxMessageBytes) return this.reply('552 5.3.4 Message size exceeds fixed limit');
    this.hasSender = true;
    this.reply('250 2.1.0 Ok');
  }

  private rcpt(arg: string): void {
    if (!/^TO:\s*<[^<>]+>/i.test(arg)) return this.reply('501 5.5.4 Syntax: RCPT TO:<address>');
    if (!this.hasSender) return this.reply('503 5.5.1 Need MAIL command');
    if (this.recipients >= this.config.maxRecipients) return this.reply('452 4.5.3 Too many recipients');
    this.recipients += 1;
    this.reply('250 2.1.5 Ok');
  }

  private data(arg: string): void {
    if (arg !== '') return this.reply('501 5.5.4 Syntax: DATA');
    if (this.recipients === 0) return this.reply('503 5.5.1 Need RCPT command');
    this.inData = true;
    this.atLineStart = true;
    this.reply('354 End data with <CR><LF>.<CR><LF>');
  }

  /**
   * One piece of the message up to an LF. Only <CRLF>.<CRLF> ends the data and only a line that starts
   * after a CRLF is dot-unstuffed (RFC 5321 §4.1.1.4, §4.5.2): a bare CR or LF the relaying server
   * transmits is stored as it came, so that the smuggling cases see what the next hop would get,
   * and a look-alike such as <LF>.<LF> does not end the message here.
   */
  private dataLine(line: SplitLine): void {
    const atLineStart = this.atLineStart;
    if (line.tooLong) {
      this.lineTooLong = true;
      this.atLineStart = true;
      return;
    }
    const { raw } = line;
    this.atLineStart = raw.length >= 2 && raw[raw.length - 2] === 0x0d;
    if (atLineStart && raw[0] === 0x2e) {
      const rest = raw.subarray(1);
      if (rest.length === 2 && rest[0] === 0x0d) return this.endData();
      return this.append(rest);
    }
    this.append(raw);
  }

  private append(bytes: Buffer): void {
    if (this.oversize || this.lineTooLong) return;
    this.size += bytes.length;
    if (this.size > this.config.maxMessageBytes) {
      this.oversize = true;
      this.chunks = [];
      return;
    }
    this.chunks.push(bytes);
  }

  private endData(): void {
    const data = Buffer.concat(this.chunks);
    const failure = this.oversize
      ? '552 5.3.4 Message size exceeds fixed limit'
      : this.lineTooLong
        ? '500 5.5.2 Line too long'
        : undefined;
    this.reset();
    if (failure) return this.reply(failure);
    this.busy = true;
    this.transport.pause();
    this.config.store(data).then(
      (name) => this.reply(`250 2.0.0 Ok: stored as ${name}`),
      () => this.reply('451 4.3.0 Cannot store the message'),
    ).finally(() => {
      this.busy = false;
      this.transport.resume();
      this.pump();
    });
  }

  private reset(): void {
    this.inData = false;
    this.hasSender = false;
    this.recipients = 0;
    this.chunks = [];
    this.size = 0;
    this.oversize = false;
    this.lineTooLong = false;
  }

  private reply(...lines: string[]): void {
    if (!this.ended) this.transport.send(lines.map((l) => `${l}\r\n`).join(''));
  }
}
