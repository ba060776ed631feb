import { defineCase } from '../../../harness/model/case.ts';
import { probeServer } from '../../../harness/tls-probe/probe-server.ts';
import { summarize } from '../../../harness/tls-probe/summary.ts';
import { tls12, type Single } from '../common/tls12-offers.ts';

export const secureRenegotiation = defineCase<Single>({
  id: 'tls/extensions/secure-renegotiation',
  title: 'Secure renegotiation (renegotiation_info) is supported on TLS 1.2',
  requirements: ['T-RENEG'],
  level: 'MUST',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '3.5', text: '“TLS 1.2 clients and servers MUST implement the renegotiation_info extension, as defined in [RFC5746].”' },
  ports: ['implicit', 'starttls'],
  expected: ['the TLS 1.2 ServerHello carries an empty renegotiation_info extension'],
  // A forged ServerHello (targets/flawed/hello-forger.ts): OpenSSL 3 cannot do TLS 1.2 without renegotiation_info; the case judges the ServerHello alone.
  proof: { flaw: 'no-secure-renegotiation', verdict: 'FAIL' },
  run: async (ctx) => ({ answer: summarize(await probeServer(ctx, { ...tls12, renegotiationInfo: true })) }),
  judge(o) {
    if (o.answer.answer === 'refused') return { outcome: 'na', actual: `no TLS 1.2 handshake to judge: ${o.answer.text}` };
    if (o.answer.renegotiationInfo) return { outcome: 'conforms', actual: `renegotiation_info in the ServerHello: ${o.answer.text}` };
    return { outcome: 'violates', actual: `ServerHello without renegotiation_info: ${o.answer.text}` };
  },
});

export default secureRenegotiation;
