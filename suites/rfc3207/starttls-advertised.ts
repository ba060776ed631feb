import { defineCase } from '../../harness/model/case.ts';
import { ehloKeywords } from '../../harness/smtp/reply.ts';

type Observation = { keywords: string[] };

export const starttlsAdvertised = defineCase<Observation>({
  id: 'rfc3207/4/starttls-advertised',
  title: 'EHLO before TLS advertises STARTTLS',
  requirements: ['R3207-4c'],
  level: 'SHOULD',
  category: 'conformance',
  source: {
    rfc: 'RFC 3207',
    section: '2, 3',
    text: 'The EHLO keyword STARTTLS tells the client the server can negotiate TLS; a submission server that requires TLS should say so before TLS.',
  },
  ports: ['starttls'],
  expected: ['STARTTLS among the EHLO keywords before TLS'],
  async run(ctx) {
    const { ehlo } = await ctx.openWithEhlo('starttls');
    return { keywords: [...ehloKeywords(ehlo).keys()] };
  },
  judge(o) {
    const actual = `EHLO keywords: ${o.keywords.join(', ') || '(none)'}`;
    return { outcome: o.keywords.includes('STARTTLS') ? 'conforms' : 'violates', actual };
  },
});
