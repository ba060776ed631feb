import { defineCase } from '../../harness/model/case.ts';
import { CLIENT_NAME } from '../../harness/run/case-context.ts';
import { replyText } from '../../harness/smtp/reply.ts';

type Observation = { noCredentials?: boolean; steps: string[]; rcptCode?: number };

export const ehloResetsTransaction = defineCase<Observation>({
  id: 'rfc5321/4.1.4/ehlo-resets-transaction',
  title: 'EHLO in the middle of a transaction resets it like RSET: RCPT after it is refused',
  requirements: ['R5321-4.1.4'],
  level: 'MUST',
  category: 'conformance',
  source: {
    rfc: 'RFC 5321',
    section: '4.1.4',
    text: 'An EHLO issued later in the session, if acceptable, MUST make the server clear all buffers and reset the state exactly as RSET would.',
  },
  ports: ['implicit', 'starttls'],
  expected: ['MAIL 250, EHLO 250, then RCPT refused with 503 (no MAIL any more)'],
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true, steps: [] };
    const { session } = await ctx.openAuthenticated();
    const steps: string[] = [];
    const mail = await session.command(`MAIL FROM:<${ctx.credentials.user}@example.test>`);
    steps.push(`MAIL → ${replyText(mail)}`);
    if (mail.code !== 250) return { steps };
    const again = await session.command(`EHLO ${CLIENT_NAME}`);
    steps.push(`EHLO → ${again.code}`);
    const rcpt = await session.command('RCPT TO:<recipient@example.test>');
    steps.push(`RCPT → ${replyText(rcpt)}`);
    return { steps, rcptCode: rcpt.code };
  },
  judge(o) {
    if (o.noCredentials) return { outcome: 'na', actual: 'no credentials given for this target' };
    const actual = o.steps.join('; ');
    if (o.rcptCode === undefined) return { outcome: 'na', actual: `${actual}: no transaction could be opened` };
    if (o.rcptCode < 400) return { outcome: 'violates', actual, seen: 'transaction survived EHLO' };
    return { outcome: 'conforms', actual, seen: `refused with ${o.rcptCode}` };
  },
});
