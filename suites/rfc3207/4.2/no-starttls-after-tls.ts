import { defineCase } from '../../../harness/model/case.ts';
import { ehloKeywords } from '../../../harness/smtp/reply.ts';

type Observation = { keywords: string[]; protocol: string };

export const noStarttlsAfterTls = defineCase<Observation>({
  id: 'rfc3207/4.2/no-starttls-after-tls',
  title: 'EHLO inside TLS does not advertise STARTTLS',
  requirements: ['R3207-4.2c'],
  level: 'MUST NOT',
  category: 'conformance',
  source: {
    rfc: 'RFC 3207',
    section: '4.2',
    text: '“A server MUST NOT return the STARTTLS extension in response to an EHLO command received after a TLS handshake has completed.”',
  },
  ports: ['implicit', 'starttls'],
  expected: ['no STARTTLS among the EHLO keywords inside TLS'],
  proof: { flaw: 'starttls-after-tls', verdict: 'FAIL' },
  async run(ctx) {
    const { session, ehlo } = await ctx.openSecure();
    return { keywords: [...ehloKeywords(ehlo).keys()], protocol: session.tls?.protocol ?? '' };
  },
  judge(o) {
    const actual = `EHLO keywords inside ${o.protocol}: ${o.keywords.join(', ') || '(none)'}`;
    return { outcome: o.keywords.includes('STARTTLS') ? 'violates' : 'conforms', actual };
  },
});

export default noStarttlsAfterTls;
