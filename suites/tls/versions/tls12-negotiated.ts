import { defineCase } from '../../../harness/model/case.ts';
import { describeHandshake, handshakeOnly, type Handshake } from '../common/handshake-only.ts';

export const tls12Negotiated = defineCase<Handshake>({
  id: 'tls/versions/tls12-negotiated',
  title: 'TLS 1.2 is negotiated when it is the only version offered',
  requirements: ['T-12'],
  level: 'MUST',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '3.1.1', text: '“Implementations MUST support TLS 1.2 [RFC5246].”' },
  ports: ['implicit', 'starttls'],
  expected: ['a full handshake with TLS 1.2 as the only version offered completes'],
  proof: { flaw: 'tls12-missing', verdict: 'FAIL' },
  run: (ctx) => handshakeOnly(ctx, 'TLSv1.2'),
  judge(o) {
    if (!o.ok) return { outcome: 'violates', actual: `TLS 1.2 handshake failed: ${o.reason}` };
    return { outcome: 'conforms', actual: describeHandshake(o) };
  },
});

export default tls12Negotiated;
