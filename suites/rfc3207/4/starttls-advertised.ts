import { defineCase } from '../../../harness/model/case.ts';
import { ehloKeywords } from '../../../harness/smtp/reply.ts';

type Observation = { keywords: string[] };

export const starttlsAdvertised = defineCase<Observation>({
  id: 'rfc3207/4/starttls-advertised',
  title: 'EHLO before TLS advertises STARTTLS',
  requirements: ['R3207-4c'],
  level: 'SHOULD',
  category: 'conformance',
  source: {
    rfc: 'RFC 3207',
    section: '3',
    text:
      '“The STARTTLS keyword is used to tell the SMTP client that the SMTP server is currently able to negotiate the use of TLS.” ' +
      'The SHOULD is RFC 8314 §3.3\'s: “As a result, clients and servers SHOULD implement both STARTTLS on port 587 and Implicit TLS on port 465 for this transition period.”',
  },
  ports: ['starttls'],
  expected: ['STARTTLS among the EHLO keywords before TLS'],
  proof: { flaw: 'no-starttls-advert', verdict: 'WARN' },
  async run(ctx) {
    const { ehlo } = await ctx.openWithEhlo('starttls');
    return { keywords: [...ehloKeywords(ehlo).keys()] };
  },
  judge(o) {
    const actual = `EHLO keywords: ${o.keywords.join(', ') || '(none)'}`;
    return { outcome: o.keywords.includes('STARTTLS') ? 'conforms' : 'violates', actual };
  },
});

export default starttlsAdvertised;
