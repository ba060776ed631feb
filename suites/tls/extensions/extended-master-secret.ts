import { defineCase } from '../../../harness/model/case.ts';
import { probeServer } from '../../../harness/tls-probe/probe-server.ts';
import { summarize } from '../../../harness/tls-probe/summary.ts';
import { tls12, type Single } from '../common/tls12-offers.ts';

export const extendedMasterSecret = defineCase<Single>({
  id: 'tls/extensions/extended-master-secret',
  title: 'Extended master secret is used on TLS 1.2',
  requirements: ['T-EMS'],
  // RFC 9325 §3.5 says MUST, and that is the level graded.
  level: 'MUST',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '3.5', text: '“To address this attack, TLS 1.2 implementations MUST support the extended_master_secret extension defined in [RFC7627].”' },
  ports: ['implicit', 'starttls'],
  expected: ['the TLS 1.2 ServerHello carries extended_master_secret'],
  proof: { flaw: 'no-ems', verdict: 'FAIL' },
  run: async (ctx) => ({ answer: summarize(await probeServer(ctx, { ...tls12, extendedMasterSecret: true })) }),
  judge(o) {
    if (o.answer.answer === 'refused') return { outcome: 'na', actual: `no TLS 1.2 handshake to judge: ${o.answer.text}` };
    if (o.answer.extendedMasterSecret) return { outcome: 'conforms', actual: `extended_master_secret in the ServerHello: ${o.answer.text}` };
    return { outcome: 'violates', actual: `ServerHello without extended_master_secret: ${o.answer.text}` };
  },
});

export default extendedMasterSecret;
