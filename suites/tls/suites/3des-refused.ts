import { defineCase } from '../../../harness/model/case.ts';
import { SUITES } from '../../../harness/tls-probe/cipher-suites.ts';
import { probeServer } from '../../../harness/tls-probe/probe-server.ts';
import { summarize } from '../../../harness/tls-probe/summary.ts';
import { tls12Offer, type Single } from '../common/tls12-offers.ts';

export const tripleDesRefused = defineCase<Single>({
  id: 'tls/suites/3des-refused',
  title: '3DES suites are not negotiated',
  requirements: ['T-3DES'],
  level: 'SHOULD NOT',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '4.1', text: '“Implementations SHOULD NOT negotiate cipher suites that use algorithms offering less than 128 bits of security.” 3DES offers 112: “(112 bits in the case of 3DES)”.' },
  ports: ['implicit', 'starttls'],
  expected: ['a ClientHello offering only 3DES suites is refused'],
  // A forged ServerHello (targets/flawed/hello-forger.ts): OpenSSL 3 cannot do 3DES; the case judges the ServerHello alone.
  proof: { flaw: '3des', verdict: 'WARN' },
  run: async (ctx) => ({ answer: summarize(await probeServer(ctx, tls12Offer(SUITES.tripleDes))) }),
  judge: (o) => (o.answer.answer === 'refused' ? { outcome: 'conforms', actual: `3DES only: ${o.answer.text}` } : { outcome: 'violates', actual: `3DES negotiated: ${o.answer.text}` }),
});

export default tripleDesRefused;
