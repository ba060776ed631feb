import { defineCase } from '../../../harness/model/case.ts';
import { authMechanisms, replyText } from '../../../harness/smtp/reply.ts';

type CancelObservation = { noCredentials?: boolean; mechanisms: string[]; start?: string; cancel?: string; cancelCode?: number };

export const cancelGets501 = defineCase<CancelObservation>({
  id: 'rfc4954/4/cancel-gets-501',
  title: 'A client that cancels the AUTH exchange with "*" gets 501',
  requirements: ['R4954-4c'],
  level: 'MUST',
  category: 'conformance',
  source: {
    rfc: 'RFC 4954',
    section: '4',
    text: '“If the client wishes to cancel the authentication exchange, it issues a line with a single "*". If the server receives such a response, it MUST reject the AUTH command by sending a 501 reply.”',
  },
  ports: ['implicit', 'starttls'],
  expected: ['334 challenge, then "*" answered 501'],
  proof: { flaw: 'cancel-accepted', verdict: 'FAIL' },
  async run(ctx) {
    const { session, ehlo } = await ctx.openSecure();
    const mechanisms = authMechanisms(ehlo);
    const mechanism = mechanisms.includes('LOGIN') ? 'LOGIN' : mechanisms.includes('PLAIN') ? 'PLAIN' : undefined;
    if (!mechanism) return { mechanisms };
    // No credentials are sent: LOGIN asks for the user first, PLAIN without an initial response asks for it.
    const start = await session.command(`AUTH ${mechanism}`);
    if (start.code !== 334) return { mechanisms, start: replyText(start) };
    const cancel = await session.command('*');
    return { mechanisms, start: replyText(start), cancel: replyText(cancel), cancelCode: cancel.code };
  },
  judge(o) {
    if (o.start === undefined) return { outcome: 'na', actual: `neither AUTH LOGIN nor PLAIN offered inside TLS (AUTH ${o.mechanisms.join(' ') || 'none'})` };
    if (o.cancel === undefined) return { outcome: 'violates', actual: `AUTH without an initial response → ${o.start}, not a 334 challenge` };
    const actual = `AUTH → ${o.start}; "*" → ${o.cancel}`;
    return { outcome: o.cancelCode === 501 ? 'conforms' : 'violates', actual };
  },
});

export default cancelGets501;
