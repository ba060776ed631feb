import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEFAULT_EHLO_NAME } from '../model/envelope.ts';
import { HarnessError } from '../smtp/errors.ts';
import { replyText, type SmtpReply } from '../smtp/reply.ts';
import type { SmtpSession } from '../smtp/smtp-session.ts';

/** A unique Message-ID, so a case finds its own message among everything the sink holds; `domain` is the client's (its EHLO name). */
export function probeMessageId(domain = DEFAULT_EHLO_NAME): string {
  return `<msaspec.${Date.now()}.${randomBytes(6).toString('hex')}@${domain}>`;
}

/** MAIL, RCPT, DATA and a small message; returns every reply in order, stopping at the first refusal. */
export async function submitMessage(session: SmtpSession, sender: string, recipient: string, messageId: string): Promise<{ steps: string[]; accepted: boolean }> {
  const steps: string[] = [];
  const step = async (label: string, reply: Promise<SmtpReply>, expected: number): Promise<boolean> => {
    const r = await reply;
    steps.push(`${label} → ${replyText(r)}`);
    return r.code === expected;
  };
  const accepted =
    (await step('MAIL', session.command(`MAIL FROM:<${sender}>`), 250)) &&
    (await step('RCPT', session.command(`RCPT TO:<${recipient}>`), 250)) &&
    (await step('DATA', session.command('DATA'), 354)) &&
    (await (async () => {
      session.write(`From: <${sender}>\r\nTo: <${recipient}>\r\nSubject: msaspec probe\r\nMessage-ID: ${messageId}\r\nDate: ${new Date().toUTCString()}\r\n\r\nmsaspec probe\r\n.\r\n`);
      return step('end of data', session.readReply('reply to end of data'), 250);
    })());
  return { steps, accepted };
}

/** Waits for the message with `messageId` to reach the sink the target relays to. */
export async function awaitRelayed(sinkDir: string, messageId: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  // A file is complete once it has its name (the sink renames it into place), so each is read once.
  const read = new Set<string>();
  for (;;) {
    for (const name of (await readdir(sinkDir)).filter((n) => n.endsWith('.eml') && !read.has(n))) {
      const text = await readFile(join(sinkDir, name), 'latin1').catch(() => undefined);
      if (text === undefined) continue;
      read.add(name);
      if (text.includes(messageId)) return text;
    }
    if (Date.now() > deadline) throw new HarnessError(`message ${messageId} did not reach the sink within ${timeoutMs} ms`, 'timeout');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every Received header field, newest first, unfolded (RFC 5322 §2.2.3), without its name. */
export function receivedFields(message: string): string[] {
  const header = message.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const fields = header.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  return fields.filter((f) => /^received:/i.test(f)).map((f) => f.replace(/^received:\s*/i, ''));
}

/** The first (newest) Received header field, unfolded (RFC 5322 §2.2.3). */
export function topReceived(message: string): string | undefined {
  return receivedFields(message)[0];
}

/**
 * The Received field that names `name` (the harness's EHLO name) or a name under it: the one the
 * server under test added for the harness's session, wherever a content filter or a second hop put
 * fields above it. The newest field when none names it.
 */
export function receivedNaming(message: string, name: string): string | undefined {
  const fields = receivedFields(message);
  const named = new RegExp(`(^|[\\s(\\[.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s)\\];,]|$)`, 'i');
  return fields.find((f) => named.test(f)) ?? fields[0];
}
