import { defineCase } from '../../../harness/model/case.ts';
import type { CaseContext } from '../../../harness/run/case-context.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import { printable } from '../../../harness/smtp/wire-log.ts';
import { isSafeAbort, repliesBeforeQuit } from '../common/injection-probe.ts';
import { smtpReplyIn } from '../common/smtp-reply-bytes.ts';

const PREFACE = 'EHLO x\r\n';

/** A close or a failed handshake is a safe answer only from a port whose TLS works: the control is a plain implicit-TLS session. */
async function implicitTlsWorks(ctx: CaseContext): Promise<void> {
  try {
    (await ctx.open('implicit')).close();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new HarnessError(`implicit TLS fails even without a plaintext preface (${why}), so a close proves nothing`, 'malformed');
  }
}

type Observation =
  | { stage: 'before-handshake'; bytes: string; closed: boolean }
  | { stage: 'handshake-failed'; reason: string }
  | { stage: 'inside-tls'; greeting: string; unsolicited: string; replies: string[] };

export const plaintextBeforeClientHello = defineCase<Observation>({
  id: 'injection/4/plaintext-before-client-hello',
  title: 'On 465, "EHLO x" sent in clear before the ClientHello is never answered as SMTP, in clear or inside TLS',
  requirements: ['INJ-4'],
  level: 'MUST',
  category: 'security',
  source: {
    rfc: 'RFC 8314',
    section: '3.3',
    text:
      '“When a TCP connection is established for the "submissions" service (default port 465), a TLS handshake begins immediately.” ' +
      '“Once the TLS session is established, Message Submission protocol data [RFC6409] is exchanged as TLS application data for the remainder of the TCP connection.” ' +
      'Plaintext before the ClientHello is an unexpected record (RFC 5246 §6: “If a TLS implementation receives an unexpected record type, it MUST send an unexpected_message alert.”). ' +
      'Suite policy: as RFC 3207 §6 has it for STARTTLS, nothing sent before the handshake survives it on 465 either.',
  },
  ports: ['implicit'],
  expected: [
    'no SMTP reply in clear: a TLS alert, a close, or silence',
    'the handshake attempted after it fails',
    'if the handshake succeeds: the 220 greeting, nothing else unsolicited, and exactly one reply to the next command',
  ],
  proof: { flaw: 'implicit-preface', verdict: 'FAIL', greenOn: ['greet-pause'] },
  async run(ctx) {
    const session = await ctx.connectTcp('implicit');
    session.write(PREFACE);
    const early = await session.quiet(ctx.timeouts.quietMs);
    if (early.bytes.length > 0 || early.closed) {
      const bytes = early.bytes.toString('latin1');
      if (!smtpReplyIn(bytes)) await implicitTlsWorks(ctx);
      return { stage: 'before-handshake', bytes, closed: early.closed };
    }
    try {
      await session.startTls();
      const greeting = await session.readReply('greeting inside TLS');
      const unsolicited = await session.quiet(ctx.timeouts.quietMs);
      if (unsolicited.bytes.length > 0) return { stage: 'inside-tls', greeting: replyText(greeting), unsolicited: unsolicited.bytes.toString('latin1'), replies: [] };
      const reply = await session.command('NOOP');
      // Up to the 221 to QUIT (within the reply timeout): a slow reply to the preface comes before it.
      const after = await repliesBeforeQuit(session, ctx.timeouts.replyMs);
      return { stage: 'inside-tls', greeting: replyText(greeting), unsolicited: '', replies: [replyText(reply), ...(after ? [after] : [])] };
    } catch (err) {
      if (!isSafeAbort(err)) throw err;
      await implicitTlsWorks(ctx);
      return { stage: 'handshake-failed', reason: err.message };
    }
  },
  judge(o) {
    switch (o.stage) {
      case 'before-handshake': {
        const shown = printable(o.bytes).replace(/\n/g, ' ').slice(0, 160);
        if (smtpReplyIn(o.bytes)) return { outcome: 'violates', actual: `plaintext SMTP reply to "EHLO x": ${shown}`, seen: 'answered in clear' };
        if (o.bytes.charCodeAt(0) === 21) return { outcome: 'conforms', actual: `TLS alert${o.closed ? ', then close' : ''}`, seen: 'TLS alert' };
        if (o.bytes.length > 0) return { outcome: 'conforms', actual: `non-SMTP bytes: ${shown}`, seen: 'non-SMTP bytes' };
        return { outcome: 'conforms', actual: 'connection closed without a reply', seen: 'closed' };
      }
      case 'handshake-failed':
        return { outcome: 'conforms', actual: `silence, then the handshake failed: ${o.reason}`, seen: 'handshake failed' };
      case 'inside-tls': {
        if (o.unsolicited) {
          return { outcome: 'violates', actual: `handshake succeeded after the plaintext; ${o.greeting}, then unsolicited inside TLS: ${printable(o.unsolicited).replace(/\n/g, ' ').slice(0, 160)}`, seen: 'plaintext run as SMTP inside TLS' };
        }
        if (o.replies.length > 1) {
          return { outcome: 'violates', actual: `handshake succeeded after the plaintext; two replies to one NOOP: ${o.replies.map((r) => printable(r).replace(/\n/g, ' ')).join(' + ').slice(0, 200)}`, seen: 'plaintext run as SMTP inside TLS' };
        }
        return { outcome: 'conforms', actual: `handshake succeeded after the plaintext, which was ignored: ${o.greeting}, then one reply to NOOP: ${o.replies[0]}`, seen: 'ignored' };
      }
    }
  },
});

export default plaintextBeforeClientHello;
