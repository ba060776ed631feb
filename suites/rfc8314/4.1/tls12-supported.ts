import { defineCase } from '../../../harness/model/case.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { replyText } from '../../../harness/smtp/reply.ts';

type Observation = { handshake: 'ok'; protocol: string; cipher: string; ehlo: string } | { handshake: 'failed'; reason: string };

export const tls12Supported = defineCase<Observation>({
  id: 'rfc8314/4.1/tls12-supported',
  title: 'A client that offers only TLS 1.2 completes the handshake',
  requirements: ['R8314-4.1'],
  level: 'MUST',
  category: 'tls',
  // The MUST is in the list of RFC 8314 §4 (the id keeps the section number it was given first).
  source: {
    rfc: 'RFC 8314',
    section: '4',
    text: '“Mail Access Servers and Mail Submission Servers MUST support TLS 1.2 or later.” RFC 9325 §3.1.1 says the same of every TLS implementation: “Implementations MUST support TLS 1.2 [RFC5246].”',
  },
  ports: ['implicit', 'starttls'],
  expected: ['handshake with TLS 1.2 as the only version offered succeeds, and EHLO is answered inside it'],
  proof: { flaw: 'tls12-missing', verdict: 'FAIL' },
  async run(ctx) {
    try {
      const { session, ehlo } = await ctx.openSecure(ctx.port, { tlsVersions: { min: 'TLSv1.2', max: 'TLSv1.2' } });
      return { handshake: 'ok', protocol: session.tls?.protocol ?? '', cipher: session.tls?.cipher ?? '', ehlo: replyText(ehlo).slice(0, 60) };
    } catch (err) {
      if (err instanceof HarnessError && err.code === 'tls') return { handshake: 'failed', reason: err.message };
      throw err;
    }
  },
  judge(o) {
    if (o.handshake === 'failed') return { outcome: 'violates', actual: `TLS 1.2 refused: ${o.reason}` };
    return { outcome: 'conforms', actual: `${o.protocol} ${o.cipher}; EHLO → ${o.ehlo}` };
  },
});

export default tls12Supported;
