import type { Judgement } from '../../../harness/model/case.ts';
import type { CaseContext } from '../../../harness/run/case-context.ts';
import { HarnessError, PreconditionUnmet } from '../../../harness/smtp/errors.ts';
import { ReplyAssembler, replyText, type SmtpReply } from '../../../harness/smtp/reply.ts';
import type { SmtpSession } from '../../../harness/smtp/smtp-session.ts';
import { printable } from '../../../harness/smtp/wire-log.ts';
import { repliesBeforeQuit } from '../../injection/common/injection-probe.ts';

/**
 * The probe of the SMTP smuggling cases (SMUG-1): an authenticated transaction whose message carries
 * an end-of-data look-alike and, behind it, a second transaction; then the real end of data, and QUIT.
 * A server that takes only <CRLF>.<CRLF> for the end answers the message once; one that ends it at the
 * look-alike answers it early and then answers the smuggled MAIL, RCPT and DATA as commands.
 */

/** One write of the message data; `pause`: first wait (the window) for a reply, as a client without PIPELINING would. */
export interface DataWrite {
  bytes: string;
  pause?: boolean;
}

export interface SmugglingObservation {
  /** Every reply after DATA's 354 and before QUIT's 221, in order. */
  replies: string[];
  /** Replies that came before the real end of data was sent (seen only in the pauses). */
  early: number;
  /** The server closed the connection before QUIT. */
  closed: boolean;
  /** No reply came within the reply timeout after the real end of data (nor a close): the probe did not QUIT. */
  silent?: boolean;
}

/** Shows the octets of a write in the transcript: a bare LF as \x0a, so that it is not taken for a line end. */
export function shown(bytes: string): string {
  return bytes.replace(/(?<!\r)\n/g, '\\x0a');
}

/** MAIL, RCPT and DATA of the run's sender and recipient; a refusal means the case cannot probe the data. */
export async function openTransaction(ctx: CaseContext, session: SmtpSession): Promise<void> {
  const steps: [string, string, number][] = [
    ['MAIL', `MAIL FROM:<${ctx.sender}>`, 250],
    ['RCPT', `RCPT TO:<${ctx.recipient}>`, 250],
    ['DATA', 'DATA', 354],
  ];
  for (const [what, line, code] of steps) {
    const reply = await session.command(line);
    if (reply.code !== code) {
      throw new PreconditionUnmet(`the submission was refused before its data could be sent: ${what} → ${replyText(reply)} (--mail-from and --rcpt-to name addresses the target accepts)`);
    }
  }
}

/** The head of the probe message, up to its first text line (no line end after it: the look-alike follows). */
export function messageHead(ctx: CaseContext, subject: string): string {
  return `From: <${ctx.sender}>\r\nTo: <${ctx.recipient}>\r\nSubject: ${subject}\r\nDate: ${new Date().toUTCString()}\r\n\r\nfirst message`;
}

/**
 * The smuggled transaction, one write per line: MAIL, RCPT, DATA and a message ending in CRLF, so that
 * the probe's real end of data (".\r\n") ends the smuggled message on a server that ran it. The run's
 * own sender and recipient: any reply to these lines shows they ran as commands, and an accepted
 * address makes the smuggled message visible.
 */
export function smuggledLines(ctx: CaseContext): string[] {
  return [
    `MAIL FROM:<${ctx.sender}>\r\n`,
    `RCPT TO:<${ctx.recipient}>\r\n`,
    'DATA\r\n',
    `From: <${ctx.sender}>\r\nTo: <${ctx.recipient}>\r\nSubject: msaspec smuggled message\r\n\r\nsmuggled\r\n`,
  ];
}

const POLL_MS = 25;

/** Complete replies in what the server sent. */
export function parseReplies(text: string): SmtpReply[] {
  const assembler = new ReplyAssembler();
  const replies: SmtpReply[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    const reply = assembler.push(line);
    if (reply) replies.push(reply);
  }
  return replies;
}

/**
 * Waits, within the reply timeout, until `text` plus what comes holds more than `have` replies or the
 * server closes; returns what came, and whether the wait ran out.
 */
async function awaitMore(session: SmtpSession, text: string, have: number, boundMs: number): Promise<{ text: string; closed: boolean; silent: boolean }> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const { bytes, closed } = await session.quiet(Math.max(1, Math.min(POLL_MS, deadline - Date.now())));
    text += bytes.toString('latin1');
    if (closed || parseReplies(text).length > have) return { text, closed, silent: false };
    if (Date.now() >= deadline) return { text, closed: false, silent: true };
  }
}

/**
 * After DATA's 354: the writes (each after its pause, if it has one), the real end of data, then the
 * first reply that follows it (or the close), then QUIT and everything up to its 221 or the close.
 */
export async function probeData(session: SmtpSession, writes: readonly DataWrite[], windowMs: number, replyMs: number): Promise<SmugglingObservation> {
  let text = '';
  let closed = false;
  for (const write of writes) {
    if (write.pause) {
      const q = await session.quiet(windowMs);
      text += q.bytes.toString('latin1');
      if (q.closed) closed = true;
    }
    if (closed || session.closedByServer) break;
    session.write(write.bytes, shown(write.bytes));
  }
  const early = parseReplies(text).length;
  if (!closed && !session.closedByServer) {
    session.write('.\r\n');
    const after = await awaitMore(session, text, early, replyMs);
    text = after.text;
    closed = after.closed;
    // The server still reads the message, or hangs: a QUIT now would be message text, so the probe stops here.
    if (after.silent) return { replies: parseReplies(text).map(replyText), early, closed: false, silent: true };
  }
  if (!closed) {
    closed = session.closedByServer;
    text += await repliesBeforeQuit(session, replyMs);
  }
  return { replies: parseReplies(text).map(replyText), early, closed };
}

/** What the server did with the message, in a few words (the tally's label). */
export function smugglingSeen(o: SmugglingObservation): string {
  if (o.replies.length === 0) return o.silent ? 'no reply to the message' : 'closed without a reply';
  if (o.replies.length > 1) return o.early > 0 ? 'ended early, smuggled commands answered' : 'smuggled commands answered';
  const code = o.replies[0]!.slice(0, 3);
  if (code.startsWith('2')) return o.early > 0 ? 'accepted before the real end' : 'one message, accepted';
  return `one message, refused (${code})${o.closed ? ' and closed' : ''}`;
}

/**
 * RFC 5321 §4.1.1.4: only <CRLF>.<CRLF> ends the data. One reply to the message, a refusal, or a close
 * conform; a 2xx before the real end of data, or more than one reply (the smuggled commands answered),
 * is the look-alike taken for the end.
 */
export function judgeSmuggling(o: SmugglingObservation): Judgement {
  const replies = o.replies.map((r) => printable(r).slice(0, 100)).join(' + ');
  const seen = smugglingSeen(o);
  if (o.replies.length > 1) {
    return { outcome: 'violates', actual: `the data ended at the look-alike and what followed ran as commands: ${o.replies.length} replies to one message (${replies})`.slice(0, 400), seen };
  }
  if (o.replies.length === 1 && o.replies[0]!.startsWith('2') && o.early > 0) {
    return { outcome: 'violates', actual: `accepted before the real end of data was sent: ${replies}`, seen };
  }
  if (o.replies.length === 0 && o.silent) {
    // Nothing ran, but the real end of data did not end the message either: a conformance finding.
    return {
      outcome: 'violates',
      actual: 'no reply to the message, also after the real <CRLF>.<CRLF>, within the reply timeout: the look-alike left the server out of step with the client (nothing smuggled ran)',
      seen,
      breaks: { category: 'conformance' },
    };
  }
  if (o.replies.length === 0) return { outcome: 'conforms', actual: 'connection closed without a reply: nothing ran', seen };
  return { outcome: 'conforms', actual: `one reply to the message: ${replies}${o.closed ? ', then a close' : ''}`, seen };
}
