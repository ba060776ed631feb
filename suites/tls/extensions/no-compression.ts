import { defineCase } from '../../../harness/model/case.ts';
import { probeServer } from '../../../harness/tls-probe/probe-server.ts';
import { summarize } from '../../../harness/tls-probe/summary.ts';
import { COMPRESSION } from '../../../harness/tls-probe/wire.ts';
import { tls12, type Single } from '../common/tls12-offers.ts';

export const compressionRefused = defineCase<Single>({
  id: 'tls/extensions/no-compression',
  title: 'TLS compression is not negotiated',
  requirements: ['T-COMP'],
  // RFC 9325 §3.3 (like RFC 7525 §3.3 before it) says SHOULD NOT, and that is the level graded.
  level: 'SHOULD NOT',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '3.3', text: '“In order to help prevent compression-related attacks (summarized in Section 2.6 of [RFC7457]) when using TLS 1.2, implementations and deployments SHOULD NOT support TLS-level compression (Section 6.2.2 of [RFC5246]); the only exception is when the application protocol in question has been proven not to be open to such attacks.”' },
  ports: ['implicit', 'starttls'],
  expected: ['offered DEFLATE and null, the server chooses null (or refuses)'],
  // A forged ServerHello (targets/flawed/hello-forger.ts): OpenSSL 3 cannot do compression; the case judges the ServerHello alone.
  proof: { flaw: 'tls-compression', verdict: 'WARN' },
  run: async (ctx) => ({ answer: summarize(await probeServer(ctx, { ...tls12, compression: [COMPRESSION.deflate, COMPRESSION.null] })) }),
  judge(o) {
    if (o.answer.answer === 'refused') return { outcome: 'conforms', actual: `DEFLATE offered: ${o.answer.text}`, seen: 'refused' };
    if (o.answer.compression === COMPRESSION.null) return { outcome: 'conforms', actual: `null compression chosen: ${o.answer.text}`, seen: 'null' };
    return { outcome: 'violates', actual: `compression method ${o.answer.compression} chosen: ${o.answer.text}` };
  },
});

export default compressionRefused;
