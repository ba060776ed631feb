import { defineCase } from '../../../harness/model/case.ts';
import type { PortKind } from '../../../harness/model/port.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { ehloKeywords } from '../../../harness/smtp/reply.ts';

type ServiceState = 'offered' | 'not configured' | string;
type Observation = Record<PortKind, ServiceState>;

export const bothServices = defineCase<Observation>({
  id: 'rfc8314/3.3/both-services',
  title: 'Both submission services are offered: 587 with STARTTLS and 465 with implicit TLS',
  requirements: ['R8314-3.3b'],
  level: 'SHOULD',
  category: 'conformance',
  source: {
    rfc: 'RFC 8314',
    section: '3.3',
    text: '“As a result, clients and servers SHOULD implement both STARTTLS on port 587 and Implicit TLS on port 465 for this transition period.”',
  },
  ports: ['implicit'],
  scope: 'target',
  expected: ['implicit-TLS port greets with 220 inside TLS, and STARTTLS port advertises STARTTLS'],
  proof: { flaw: 'no-implicit-port', verdict: 'WARN' },
  async run(ctx) {
    const probe = async (kind: PortKind): Promise<ServiceState> => {
      if (ctx.target.ports[kind] === undefined) return 'not configured';
      try {
        const { session, ehlo } = await ctx.openWithEhlo(kind);
        if (kind === 'starttls' && !ehloKeywords(ehlo).has('STARTTLS')) return 'answers but does not advertise STARTTLS';
        if (kind === 'implicit' && !session.isTls) return 'answers without TLS';
        return 'offered';
      } catch (err) {
        if (err instanceof HarnessError && err.code !== 'timeout') return `not usable: ${err.message}`;
        throw err;
      }
    };
    return { implicit: await probe('implicit'), starttls: await probe('starttls') };
  },
  judge(o) {
    const actual = `implicit TLS (465): ${o.implicit}; STARTTLS (587): ${o.starttls}`;
    return { outcome: o.implicit === 'offered' && o.starttls === 'offered' ? 'conforms' : 'violates', actual };
  },
});

export default bothServices;
