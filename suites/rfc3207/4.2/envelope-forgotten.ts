import { defineCase, type Judgement } from '../../../harness/model/case.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import { probeEnvelope, SOURCE_4_2, upgradeUnlessRefused, type EnvelopeObservation } from '../common/state-reset.ts';

/** The oracle of a probed envelope (rfc3207/4.2/envelope-forgotten and the envelope runs of reset-generated). */
export function judgeEnvelope(o: EnvelopeObservation): Judgement {
  if (o.starttlsRefused) return { outcome: 'na', actual: `MAIL before TLS → ${o.preTlsMail}; STARTTLS → ${o.starttlsRefused}: no handshake for the transaction to cross` };
  if (o.rcptCode === undefined) return { outcome: 'na', actual: `MAIL before TLS → ${o.preTlsMail}: no pre-TLS transaction to carry over` };
  const actual = `MAIL before TLS → ${o.preTlsMail}; RCPT inside TLS → ${o.rcpt}${o.mailAgain !== undefined ? `; MAIL again → ${o.mailAgain}` : ''}`;
  if (o.rcptCode < 400) return { outcome: 'violates', actual, seen: 'pre-TLS MAIL FROM kept' };
  if (o.rcptCode === 503) return { outcome: 'conforms', actual, seen: 'refused with 503: no transaction open' };
  if (o.mailAgainCode === 503) return { outcome: 'violates', actual, seen: 'pre-TLS MAIL FROM kept: a new MAIL is refused as nested' };
  if (o.mailAgainCode !== undefined && o.mailAgainCode < 400) return { outcome: 'conforms', actual, seen: `RCPT refused with ${o.rcptCode}, then a new transaction: none was open` };
  return {
    outcome: 'info',
    actual: `${actual}: neither reply says whether the pre-TLS transaction is still open (set --rcpt-to, and --mail-from, to addresses the host accepts)`,
  };
}

export const envelopeForgottenAfterTls = defineCase<EnvelopeObservation>({
  id: 'rfc3207/4.2/envelope-forgotten',
  title: 'A MAIL FROM given before STARTTLS does not survive the handshake',
  requirements: ['R3207-4.2a'],
  level: 'MUST',
  category: 'security',
  source: SOURCE_4_2,
  ports: ['starttls'],
  expected: [
    'RCPT right after the handshake refused with 503 (no MAIL in this TLS session)',
    'RCPT refused by policy, then a new MAIL accepted (no transaction was open)',
    'NA when MAIL is refused before TLS (no pre-TLS transaction exists), or STARTTLS is refused inside the transaction; INFO when neither RCPT nor a new MAIL tells',
  ],
  proof: { flaw: 'keep-envelope', verdict: 'FAIL', base: ['plaintext-mail'] },
  async run(ctx) {
    const { session } = await ctx.openWithEhlo('starttls');
    const mail = await session.command(`MAIL FROM:<${ctx.probeSender}>`);
    if (mail.code !== 250) return { preTlsMail: replyText(mail), preTlsCode: mail.code };
    const starttlsRefused = await upgradeUnlessRefused(session);
    if (starttlsRefused) return { preTlsMail: replyText(mail), preTlsCode: mail.code, starttlsRefused };
    return { preTlsMail: replyText(mail), preTlsCode: mail.code, ...(await probeEnvelope(ctx, session)) };
  },
  judge: judgeEnvelope,
});

export default envelopeForgottenAfterTls;
