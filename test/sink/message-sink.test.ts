import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageSink, type MessageSinkOptions } from '../../harness/sink/message-sink.ts';
import { SmtpWire } from '../flawed/smtp-wire.ts';

const sinks: MessageSink[] = [];
const wires: SmtpWire[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const wire of wires.splice(0)) wire.destroy();
  await Promise.all(sinks.splice(0).map((sink) => sink.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'msaspec-sink-test-'));
  dirs.push(dir);
  return dir;
}

async function startSink(options: Partial<MessageSinkOptions> = {}): Promise<MessageSink> {
  const dir = tempDir();
  const sink = await MessageSink.start({ host: '127.0.0.1', dir, ...options });
  sinks.push(sink);
  return sink;
}

async function connect(sink: MessageSink): Promise<SmtpWire> {
  const wire = await SmtpWire.plain(sink.port);
  wires.push(wire);
  expect((await wire.reply())[0]).toMatch(/^220 /);
  return wire;
}

/** Runs MAIL, RCPT and DATA, sends `data` (already dot-stuffed, ending in CRLF) and the final dot. */
async function transaction(wire: SmtpWire, data: string): Promise<string[]> {
  expect(await wire.command('MAIL FROM:<postfix@example.test>')).toEqual(['250 2.1.0 Ok']);
  expect(await wire.command('RCPT TO:<bob@example.test>')).toEqual(['250 2.1.5 Ok']);
  expect((await wire.command('DATA'))[0]).toMatch(/^354 /);
  wire.write(`${data}.\r\n`);
  return wire.reply();
}

function messages(sink: MessageSink): string[] {
  return readdirSync(sink.dir)
    .sort((a, b) => Number(a.split('-')[1]?.split('.')[0]) - Number(b.split('-')[1]?.split('.')[0]))
    .map((name) => readFileSync(join(sink.dir, name), 'latin1'));
}

describe('MessageSink', () => {
  it('stores two messages of one session, each exactly as sent, as <ms>-<n>.eml', async () => {
    const sink = await startSink();
    const wire = await connect(sink);
    const ehlo = await wire.command('EHLO relay.example.test');
    expect(ehlo[0]).toBe('250-sink.msaspec.invalid');
    expect(ehlo.join('\n')).not.toMatch(/STARTTLS|AUTH/);
    const first = 'Received: from a by b; Mon, 1 Jan 2024 00:00:00 +0000\r\nSubject: one\r\n\r\nbody one\r\n';
    const second = 'Subject: two\r\n\r\nbody two\r\n\tindented\r\n';
    expect((await transaction(wire, first))[0]).toMatch(/^250 2\.0\.0 Ok: stored as \d+-1\.eml$/);
    expect((await transaction(wire, second))[0]).toMatch(/^250 2\.0\.0 Ok: stored as \d+-2\.eml$/);
    expect(await wire.command('QUIT')).toEqual(['221 2.0.0 Bye']);
    await wire.closed();
    const names = readdirSync(sink.dir);
    expect(names.every((name) => /^\d{13}-[12]\.eml$/.test(name))).toBe(true);
    expect(messages(sink)).toEqual([first, second]);
  });

  it('removes one leading dot from each line (dot-unstuffing) and keeps line ends as sent', async () => {
    const sink = await startSink();
    const wire = await connect(sink);
    await wire.command('HELO relay.example.test');
    const reply = await transaction(wire, 'Subject: dots\r\n\r\n..\r\n...two\r\n.x\r\nbare lf\nend\r\n');
    expect(reply[0]).toMatch(/^250 /);
    expect(messages(sink)).toEqual(['Subject: dots\r\n\r\n.\r\n..two\r\nx\r\nbare lf\nend\r\n']);
  });

  it('ends the data only at <CR><LF>.<CR><LF>: a look-alike and a bare CR or LF are stored as they came (SMTP smuggling)', async () => {
    const sink = await startSink();
    const wire = await connect(sink);
    await wire.command('HELO relay.example.test');
    const data = 'Subject: look-alikes\r\n\r\na\n.\nb\r.\rc\n.\r\nd\n..e\r\n';
    const reply = await transaction(wire, data);
    expect(reply[0]).toMatch(/^250 /);
    // Only a line that starts after a CRLF is unstuffed: "\n..e" stays as sent.
    expect(messages(sink)).toEqual([data]);
  });

  it('answers pipelined commands in order (RFC 2920)', async () => {
    const sink = await startSink();
    const wire = await connect(sink);
    wire.write('EHLO relay.example.test\r\nMAIL FROM:<> BODY=8BITMIME SIZE=20\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n');
    expect((await wire.reply()).at(-1)).toBe('250 SMTPUTF8');
    expect(await wire.reply()).toEqual(['250 2.1.0 Ok']);
    expect(await wire.reply()).toEqual(['250 2.1.5 Ok']);
    expect((await wire.reply())[0]).toMatch(/^354 /);
    wire.write('Subject: p\r\n\r\nx\r\n.\r\nNOOP\r\nQUIT\r\n');
    expect((await wire.reply())[0]).toMatch(/^250 2\.0\.0 Ok: stored/);
    expect(await wire.reply()).toEqual(['250 2.0.0 Ok']);
    expect(await wire.reply()).toEqual(['221 2.0.0 Bye']);
    expect(messages(sink)).toEqual(['Subject: p\r\n\r\nx\r\n']);
  });

  it('refuses a message over the size cap with 552, at MAIL (SIZE=) or at the end of DATA, and stores nothing', async () => {
    const sink = await startSink({ maxMessageBytes: 100 });
    const wire = await connect(sink);
    expect((await wire.command('EHLO relay.example.test')).join('\n')).toContain('250-SIZE 100');
    expect(await wire.command('MAIL FROM:<a@example.test> SIZE=101')).toEqual(['552 5.3.4 Message size exceeds fixed limit']);
    const reply = await transaction(wire, `Subject: big\r\n\r\n${'x'.repeat(80)}\r\n${'y'.repeat(80)}\r\n`);
    expect(reply).toEqual(['552 5.3.4 Message size exceeds fixed limit']);
    // The transaction is over; the session goes on.
    expect((await transaction(wire, 'Subject: small\r\n\r\nok\r\n'))[0]).toMatch(/^250 /);
    expect(messages(sink)).toEqual(['Subject: small\r\n\r\nok\r\n']);
  });

  it('refuses over-long lines with 500, in commands and in message data', async () => {
    const sink = await startSink({ maxLineBytes: 200 });
    const wire = await connect(sink);
    expect(await wire.command(`NOOP ${'z'.repeat(300)}`)).toEqual(['500 5.5.2 Line too long']);
    const reply = await transaction(wire, `Subject: long\r\n\r\n${'z'.repeat(300)}\r\nend\r\n`);
    expect(reply).toEqual(['500 5.5.2 Line too long']);
    expect(await wire.command('NOOP')).toEqual(['250 2.0.0 Ok']);
    expect(messages(sink)).toEqual([]);
  });

  it('keeps the command order: RCPT needs MAIL, DATA needs RCPT; no STARTTLS', async () => {
    const sink = await startSink();
    const wire = await connect(sink);
    expect(await wire.command('RCPT TO:<bob@example.test>')).toEqual(['503 5.5.1 Need MAIL command']);
    expect(await wire.command('DATA')).toEqual(['503 5.5.1 Need RCPT command']);
    expect(await wire.command('STARTTLS')).toEqual(['502 5.5.1 Command not implemented']);
    expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['250 2.1.0 Ok']);
    expect(await wire.command('MAIL FROM:<a@example.test>')).toEqual(['503 5.5.1 Nested MAIL command']);
    expect(await wire.command('RSET')).toEqual(['250 2.0.0 Ok']);
    expect(await wire.command('DATA')).toEqual(['503 5.5.1 Need RCPT command']);
  });

  it('closes an idle connection with 421', async () => {
    const sink = await startSink({ idleTimeoutMs: 200 });
    const wire = await connect(sink);
    expect(await wire.reply()).toEqual(['421 4.4.2 Idle timeout, closing connection']);
    await wire.closed();
  });

  it('stop() closes open connections and stops listening', async () => {
    const sink = await startSink();
    const wire = await connect(sink);
    await wire.command('EHLO relay.example.test');
    await sink.stop();
    await wire.closed();
    await expect(SmtpWire.plain(sink.port)).rejects.toThrow();
  });

  it('takes a message from a real client (nodemailer, no TLS)', async () => {
    const sink = await startSink();
    const transport = nodemailer.createTransport({ host: sink.host, port: sink.port, secure: false, ignoreTLS: true });
    const info = await transport.sendMail({ from: 'a@example.test', to: 'b@example.test', subject: 'real', text: '.dot first\nsecond' });
    transport.close();
    expect(info.response).toMatch(/^250 /);
    const [message] = messages(sink);
    expect(message).toMatch(/^Content-Type: text\/plain/m);
    expect(message).toMatch(/\r\n\r\n\.dot first\r\nsecond\r\n$/);
  });

  it('listens only on a specific address, never on all of them', async () => {
    const dir = tempDir();
    await expect(MessageSink.start({ host: '0.0.0.0', dir })).rejects.toThrow(/specific IP address/);
    await expect(MessageSink.start({ host: 'localhost', dir })).rejects.toThrow(/specific IP address/);
  });
});
