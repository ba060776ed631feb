import { defineCase } from '../../../harness/model/case.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import { printable } from '../../../harness/smtp/wire-log.ts';

const SOURCE_3_3 = {
  rfc: 'RFC 8314',
  section: '3.3',
  text:
    '“When a TCP connection is established for the "submissions" service (default port 465), a TLS handshake begins immediately.” ' +
    '“Once the TLS session is established, Message Submission protocol data [RFC6409] is exchanged as TLS application data for the remainder of the TCP connection.” ' +
    'Suite policy: the section says this without an RFC 2119 keyword; a port 465 that does otherwise does not offer the "submissions" service, so the suite grades MUST.',
};

type GreetingObservation = { handshake: 'ok'; greeting: string; code: number; protocol: string } | { handshake: 'failed'; reason: string };

export const greetingInsideTls = defineCase<GreetingObservation>({
  id: 'rfc8314/3.3/greeting-inside-tls',
  title: 'TLS handshake comes first and the 220 greeting arrives inside TLS',
  requirements: ['R8314-3.3a'],
  level: 'MUST',
  category: 'conformance',
  source: SOURCE_3_3,
  ports: ['implicit'],
  expected: ['TLS handshake completes immediately, then a 220 greeting inside TLS'],
  async run(ctx) {
    try {
      const session = await ctx.connect('implicit');
      const greeting = await session.readReply('greeting inside TLS');
      return { handshake: 'ok', greeting: replyText(greeting), code: greeting.code, protocol: session.tls?.protocol ?? '' };
    } catch (err) {
      // A handshake that fails is the finding; a refused connection means we could not test.
      if (err instanceof HarnessError && err.code === 'tls') return { handshake: 'failed', reason: err.message };
      throw err;
    }
  },
  judge(o) {
    if (o.handshake === 'failed') return { outcome: 'violates', actual: `no TLS handshake on the implicit-TLS port: ${o.reason}` };
    if (o.code !== 220) return { outcome: 'violates', actual: `TLS (${o.protocol}) then greeting ${o.greeting}` };
    return { outcome: 'conforms', actual: `TLS (${o.protocol}) then ${o.greeting}` };
  },
});

type PlaintextObservation = { bytes: string; closed: boolean };

/** Bytes a conforming server may send to a client that speaks SMTP in clear: none, or a TLS alert. */
function looksLikeSmtpReply(text: string): boolean {
  return /^[2-5][0-9][0-9]([- \r\n]|$)/.test(text);
}

export const plaintextFirstUnanswered = defineCase<PlaintextObservation>({
  id: 'rfc8314/3.3/plaintext-first-unanswered',
  title: 'Plaintext EHLO sent before any TLS gets no SMTP reply',
  requirements: ['R8314-3.3a'],
  level: 'MUST',
  category: 'conformance',
  source: SOURCE_3_3,
  ports: ['implicit'],
  expected: ['no SMTP reply in clear: a TLS alert', 'no SMTP reply in clear: the connection is closed', 'no SMTP reply in clear: silence'],
  async run(ctx) {
    const session = await ctx.connectTcp('implicit');
    session.send(`EHLO ${ctx.ehloName}`);
    const { bytes, closed } = await session.quiet(ctx.timeouts.quietMs * 2);
    return { bytes: bytes.toString('latin1'), closed };
  },
  judge(o) {
    const shown = printable(o.bytes).slice(0, 120);
    if (looksLikeSmtpReply(o.bytes)) return { outcome: 'violates', actual: `plaintext SMTP reply: ${shown}` };
    if (o.bytes.length > 0 && o.bytes.charCodeAt(0) === 0x15) return { outcome: 'conforms', actual: 'TLS alert record', seen: 'TLS alert' };
    if (o.bytes.length > 0) return { outcome: 'conforms', actual: `non-SMTP bytes: ${shown}`, seen: 'non-SMTP bytes' };
    if (o.closed) return { outcome: 'conforms', actual: 'connection closed without a reply', seen: 'closed' };
    return { outcome: 'conforms', actual: 'no bytes within the quiet window', seen: 'silence' };
  },
});
