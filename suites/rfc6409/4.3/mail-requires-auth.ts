import { defineCase } from '../../../harness/model/case.ts';
import { replyText } from '../../../harness/smtp/reply.ts';

type Observation = { mail: number; mailText: string; rcpt?: string; rcptCode?: number };

export const mailRequiresAuthentication = defineCase<Observation>({
  id: 'rfc6409/4.3/mail-requires-auth',
  title: 'Inside TLS, MAIL without authentication is refused at the MAIL command',
  requirements: ['R6409-4.3'],
  level: 'MUST',
  category: 'security',
  source: {
    rfc: 'RFC 6409',
    section: '4.3',
    text:
      '“The MSA MUST, by default, issue an error response to the MAIL command if the session has not been authenticated using [SMTP-AUTH], unless it has already independently established authentication or authorization (such as being within a protected subnetwork).” ' +
      '“Reply code 530 [SMTP-AUTH] is used for this purpose.”',
  },
  ports: ['implicit', 'starttls'],
  expected: ['MAIL refused with 530 (another 4xx/5xx refusal is reported as seen)'],
  proof: { flaw: 'mail-without-auth', verdict: 'FAIL' },
  async run(ctx) {
    const { session } = await ctx.openSecure();
    const mail = await session.command(`MAIL FROM:<${ctx.probeSender}>`);
    const observation: Observation = { mail: mail.code, mailText: replyText(mail) };
    // Record what happens next on a server that defers the refusal (Postfix's smtpd_delay_reject).
    if (mail.code < 400) {
      const rcpt = await session.command(`RCPT TO:<${ctx.probeRecipient}>`);
      Object.assign(observation, { rcpt: replyText(rcpt), rcptCode: rcpt.code });
    }
    return observation;
  },
  judge(o) {
    if (o.mail < 400) {
      // RFC 6409 §4.3 asks for the error at MAIL. A server that defers it to RCPT breaks that sentence but
      // grants nothing (a conformance finding); one that also takes the recipient lets anyone submit.
      const granted = o.rcptCode !== undefined && o.rcptCode < 400;
      return {
        outcome: 'violates',
        actual: `MAIL accepted without authentication: ${o.mailText}; RCPT → ${o.rcpt}${granted ? ': the recipient is accepted too, so anyone may submit' : ': the refusal comes only at RCPT'}`,
        seen: granted ? 'recipient accepted without authentication' : 'refusal deferred to RCPT',
        ...(granted ? {} : { breaks: { category: 'conformance' } }),
      };
    }
    return { outcome: 'conforms', actual: `MAIL → ${o.mailText}`, seen: o.mail === 530 ? '530' : `refused with ${o.mail}, not 530` };
  },
});

export default mailRequiresAuthentication;
