import { defineCase } from '../../harness/model/case.ts';
import { replyText } from '../../harness/smtp/reply.ts';

type Observation = { mail: number; mailText: string; rcpt?: string };

export const mailRequiresAuthentication = defineCase<Observation>({
  id: 'rfc6409/4.3/mail-requires-auth',
  title: 'Inside TLS, MAIL without authentication is refused at the MAIL command',
  requirements: ['R6409-4.3'],
  level: 'MUST',
  category: 'security',
  source: {
    rfc: 'RFC 6409',
    section: '4.3',
    text: 'The MSA MUST by default issue an error response to MAIL if the session has not been authenticated, unless authorised otherwise; reply code 530 is used for this.',
  },
  ports: ['implicit', 'starttls'],
  expected: ['MAIL refused with 530 (another 4xx/5xx refusal is reported as seen)'],
  async run(ctx) {
    const { session } = await ctx.openSecure();
    const mail = await session.command(`MAIL FROM:<${ctx.probeSender}>`);
    const observation: Observation = { mail: mail.code, mailText: replyText(mail) };
    // Record what happens next on a server that defers the refusal (Postfix's smtpd_delay_reject).
    if (mail.code < 400) observation.rcpt = replyText(await session.command(`RCPT TO:<${ctx.probeRecipient}>`));
    return observation;
  },
  judge(o) {
    if (o.mail < 400) return { outcome: 'violates', actual: `MAIL accepted without authentication: ${o.mailText}; RCPT → ${o.rcpt}` };
    return { outcome: 'conforms', actual: `MAIL → ${o.mailText}`, seen: o.mail === 530 ? '530' : `refused with ${o.mail}, not 530` };
  },
});
