import { defineCase } from '../../../harness/model/case.ts';
import { printable } from '../../../harness/smtp/wire-log.ts';
import { SOURCE_3_3 } from '../common/submissions-port.ts';

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
  proof: { flaw: 'plain-implicit', verdict: 'FAIL' },
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

export default plaintextFirstUnanswered;
