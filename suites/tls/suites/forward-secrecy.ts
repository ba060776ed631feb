import { defineCase } from '../../../harness/model/case.ts';
import { SUITES } from '../../../harness/tls-probe/cipher-suites.ts';
import { probeServer } from '../../../harness/tls-probe/probe-server.ts';
import { summarize } from '../../../harness/tls-probe/summary.ts';
import { tls12Offer, type Single } from '../common/tls12-offers.ts';

export const staticRsaRefused = defineCase<Single>({
  id: 'tls/suites/forward-secrecy',
  title: 'Static RSA key transport is not negotiated (forward secrecy only)',
  requirements: ['T-FS'],
  level: 'SHOULD NOT',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '4.1', text: '“Implementations SHOULD NOT negotiate cipher suites based on RSA key transport, a.k.a. "static RSA".”' },
  ports: ['implicit', 'starttls'],
  expected: ['a ClientHello offering only TLS_RSA_WITH_* suites is refused'],
  proof: { flaw: 'static-rsa', verdict: 'WARN' },
  run: async (ctx) => ({ answer: summarize(await probeServer(ctx, tls12Offer(SUITES.staticRsa))) }),
  judge: (o) =>
    o.answer.answer === 'refused' ? { outcome: 'conforms', actual: `static RSA only: ${o.answer.text}` } : { outcome: 'violates', actual: `static RSA key transport negotiated: ${o.answer.text}` },
});

export default staticRsaRefused;
