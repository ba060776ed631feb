import { defineCase, NO_CREDENTIALS } from '../../../harness/model/case.ts';
import { refusesAddress, senderRefused } from '../../../harness/model/envelope.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { replyText } from '../../../harness/smtp/reply.ts';

type Observation = { noCredentials?: boolean; steps: string[]; mailRefused?: string; ehloCode?: number; rcptCode?: number; rcptLost?: string; mailAgainCode?: number; mailAgainLost?: string };

export const ehloResetsTransaction = defineCase<Observation>({
  id: 'rfc5321/4.1.4/ehlo-resets-transaction',
  title: 'EHLO in the middle of a transaction resets it like RSET: RCPT after it is refused',
  requirements: ['R5321-4.1.4'],
  level: 'MUST',
  category: 'conformance',
  source: {
    rfc: 'RFC 5321',
    section: '4.1.4',
    text:
      '“If it is issued after the session begins and the EHLO command is acceptable to the SMTP server, the SMTP server MUST clear all buffers and reset the state exactly as if a RSET command had been issued.” ' +
      'A RCPT without a transaction is then out of sequence: “If the commands in a transaction are out of order to the degree that they cannot be processed by the server, a 503 failure reply MUST be returned and the SMTP server MUST stay in the same state.”',
  },
  ports: ['implicit', 'starttls'],
  expected: ['MAIL 250, EHLO 250, then RCPT refused with 503 (no MAIL any more), and a new MAIL accepted as after RSET; no reply at all is a violation too'],
  proof: { flaw: 'ehlo-keeps-transaction', verdict: 'FAIL', greenOn: ['local-addresses-only', 'refusals-at-rcpt'] },
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true, steps: [] };
    const { session } = await ctx.openAuthenticated();
    const steps: string[] = [];
    const mail = await session.command(`MAIL FROM:<${ctx.sender}>`);
    steps.push(`MAIL → ${replyText(mail)}`);
    if (mail.code !== 250) return { steps, mailRefused: replyText(mail) };
    const again = await session.command(`EHLO ${ctx.ehloName}`);
    steps.push(`EHLO → ${again.code}`);
    if (again.code !== 250) return { steps, ehloCode: again.code };
    // The server answered MAIL and EHLO: silence or a close from now on is its own doing (Haraka 3.1 wedges
    // at the RCPT, Dovecot 2.3's submission process dies at the next MAIL).
    const lost = (err: unknown) => (err instanceof HarnessError && (err.code === 'timeout' || err.code === 'closed') ? err.message : undefined);
    let rcptCode: number;
    try {
      const rcpt = await session.command(`RCPT TO:<${ctx.recipient}>`);
      steps.push(`RCPT → ${replyText(rcpt)}`);
      rcptCode = rcpt.code;
    } catch (err) {
      const rcptLost = lost(err);
      if (rcptLost) return { steps, ehloCode: again.code, rcptLost };
      throw err;
    }
    if (rcptCode < 400) return { steps, ehloCode: again.code, rcptCode };
    // Reset "exactly as RSET would": a new transaction starts as it does after RSET.
    try {
      const mailAgain = await session.command(`MAIL FROM:<${ctx.sender}>`);
      steps.push(`MAIL again → ${replyText(mailAgain)}`);
      return { steps, ehloCode: again.code, rcptCode, mailAgainCode: mailAgain.code };
    } catch (err) {
      const mailAgainLost = lost(err);
      if (mailAgainLost) return { steps, ehloCode: again.code, rcptCode, mailAgainLost };
      throw err;
    }
  },
  judge(o) {
    if (o.noCredentials) return NO_CREDENTIALS;
    const actual = o.steps.join('; ');
    // §4.1.4 binds only an EHLO "acceptable to the SMTP server": one refused mid-transaction resets nothing.
    if (o.ehloCode !== undefined && o.ehloCode !== 250) return { outcome: 'na', actual: `${actual}: EHLO refused inside the transaction, so there is no reset to check` };
    if (o.rcptLost) return { outcome: 'violates', actual: `${actual}; RCPT → ${o.rcptLost}`, seen: 'no reply to RCPT after the EHLO: the session did not reset, it stopped' };
    if (o.mailRefused !== undefined && refusesAddress(o.mailRefused)) return senderRefused(actual);
    if (o.rcptCode === undefined) return { outcome: 'na', actual: `${actual}: no transaction could be opened` };
    if (o.rcptCode < 400) return { outcome: 'violates', actual, seen: 'transaction survived EHLO' };
    if (o.mailAgainLost) return { outcome: 'violates', actual: `${actual}; MAIL again → ${o.mailAgainLost}`, seen: 'the session broke at the first MAIL after the reset' };
    if (o.mailAgainCode !== undefined && o.mailAgainCode >= 400) return { outcome: 'violates', actual, seen: `no new transaction after the reset (MAIL refused with ${o.mailAgainCode}, as it is not after RSET)` };
    return { outcome: 'conforms', actual, seen: `refused with ${o.rcptCode}, then a new transaction` };
  },
});

export default ehloResetsTransaction;
