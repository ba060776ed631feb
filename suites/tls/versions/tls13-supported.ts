import { defineCase } from '../../../harness/model/case.ts';
import { describeHandshake, handshakeOnly, type Handshake } from '../common/handshake-only.ts';

export const tls13Supported = defineCase<Handshake>({
  id: 'tls/versions/tls13-supported',
  title: 'TLS 1.3 is supported',
  requirements: ['T-13'],
  level: 'SHOULD',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '3.1.1', text: '“Implementations SHOULD support TLS 1.3 [RFC8446] and, if implemented, MUST prefer to negotiate TLS 1.3 over earlier versions of TLS.”' },
  ports: ['implicit', 'starttls'],
  expected: ['a full handshake with TLS 1.3 as the only version offered completes'],
  proof: { flaw: 'no-tls13', verdict: 'WARN' },
  run: (ctx) => handshakeOnly(ctx, 'TLSv1.3'),
  judge(o) {
    if (!o.ok) return { outcome: 'violates', actual: `TLS 1.3 handshake failed: ${o.reason}` };
    return { outcome: 'conforms', actual: describeHandshake(o) };
  },
});

export default tls13Supported;
