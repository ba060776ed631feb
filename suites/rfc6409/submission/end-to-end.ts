import { defineCase, NO_CREDENTIALS } from '../../../harness/model/case.ts';
import { recipientRefused, refusesAddress, senderRefused } from '../../../harness/model/envelope.ts';
import { authMechanisms, replyText } from '../../../harness/smtp/reply.ts';

type Step = { step: string; code: number; text: string };
type Observation = { steps: Step[]; noCredentials?: boolean; noMechanism?: string[] };

const EXPECTED: Record<string, number> = { AUTH: 235, MAIL: 250, RCPT: 250, DATA: 354, '.': 250 };

export const submitsEndToEnd = defineCase<Observation>({
  id: 'rfc6409/submission/end-to-end',
  title: 'An authenticated client submits a message: AUTH, MAIL, RCPT, DATA all succeed',
  requirements: ['R6409-ok'],
  level: 'MUST',
  category: 'conformance',
  source: {
    rfc: 'RFC 6409',
    section: '2.1',
    text:
      '“An MSA acts as a submission server to accept messages from MUAs, and it either delivers them or acts as an SMTP client to relay them to an MTA.” ' +
      'Suite policy: RFC 6409 defines the MSA\'s job without an RFC 2119 keyword; the suite grades MUST that it accepts a well-formed message from the target\'s own authenticated test account.',
  },
  ports: ['implicit', 'starttls'],
  expected: [
    'AUTH 235, MAIL 250, RCPT 250, DATA 354, end of data 250',
    'NA when the host refuses the sender or the recipient by policy (RFC 6409 §6.1): --mail-from and --rcpt-to name addresses it accepts',
  ],
  proof: { flaw: 'data-broken', verdict: 'FAIL', greenOn: ['local-addresses-only', 'refusals-at-rcpt'] },
  async run(ctx) {
    if (!ctx.credentials) return { steps: [], noCredentials: true };
    const { session, ehlo } = await ctx.openSecure();
    const mechanisms = authMechanisms(ehlo);
    if (!mechanisms.includes('PLAIN') && !mechanisms.includes('LOGIN')) return { steps: [], noMechanism: mechanisms };
    const steps: Step[] = [];
    const record = (step: string, reply: { code: number; lines: string[] }) => {
      steps.push({ step, code: reply.code, text: replyText(reply) });
      return reply.code === EXPECTED[step];
    };
    const auth = mechanisms.includes('PLAIN') ? await ctx.authPlain(session) : await ctx.authLogin(session);
    const { sender, recipient } = ctx;
    if (!record('AUTH', auth)) return { steps };
    if (!record('MAIL', await session.command(`MAIL FROM:<${sender}>`))) return { steps };
    if (!record('RCPT', await session.command(`RCPT TO:<${recipient}>`))) return { steps };
    if (!record('DATA', await session.command('DATA'))) return { steps };
    const body = [
      `From: <${sender}>`,
      `To: <${recipient}>`,
      `Subject: msaspec submission probe (${ctx.target.name})`,
      `Message-ID: <${Date.now()}.${Math.random().toString(36).slice(2)}@${ctx.ehloName}>`,
      `Date: ${new Date().toUTCString()}`,
      '',
      'This message was submitted by msaspec to check RFC 6409 submission.',
      '.',
    ].join('\r\n');
    session.write(`${body}\r\n`);
    record('.', await session.readReply('reply to end of data'));
    return { steps };
  },
  judge(o) {
    if (o.noCredentials) return NO_CREDENTIALS;
    if (o.noMechanism) return { outcome: 'na', actual: `neither AUTH PLAIN nor LOGIN offered inside TLS (AUTH ${o.noMechanism.join(' ') || 'none'})` };
    const actual = o.steps.map((s) => `${s.step} → ${s.text}`).join('; ');
    const failed = o.steps.find((s) => s.code !== EXPECTED[s.step]);
    // A sender or recipient the host does not take from this account is its policy, not a broken submission.
    if (failed?.step === 'MAIL' && refusesAddress(failed.text)) return senderRefused(actual);
    if (failed?.step === 'RCPT' && refusesAddress(failed.text)) return recipientRefused(actual);
    return failed ? { outcome: 'violates', actual, seen: `${failed.step} answered ${failed.code}` } : { outcome: 'conforms', actual };
  },
});

export default submitsEndToEnd;
