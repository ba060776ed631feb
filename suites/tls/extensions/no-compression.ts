import { defineCase } from '../../../harness/model/case.ts';
import { SUITES } from '../../../harness/tls-probe/cipher-suites.ts';
import { probeServer } from '../../../harness/tls-probe/probe-server.ts';
import { summarize, type ProbeSummary } from '../../../harness/tls-probe/summary.ts';
import { COMPRESSION, VERSION } from '../../../harness/tls-probe/wire.ts';

type Single = { answer: ProbeSummary };

/** TLS 1.2 with what a current client offers; compression and the extensions under test vary. */
const tls12 = { clientVersion: VERSION.tls12, suites: SUITES.modern };

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
  run: async (ctx) => ({ answer: summarize(await probeServer(ctx, { ...tls12, compression: [COMPRESSION.deflate, COMPRESSION.null] })) }),
  judge(o) {
    if (o.answer.answer === 'refused') return { outcome: 'conforms', actual: `DEFLATE offered: ${o.answer.text}`, seen: 'refused' };
    if (o.answer.compression === COMPRESSION.null) return { outcome: 'conforms', actual: `null compression chosen: ${o.answer.text}`, seen: 'null' };
    return { outcome: 'violates', actual: `compression method ${o.answer.compression} chosen: ${o.answer.text}` };
  },
});

export const secureRenegotiation = defineCase<Single>({
  id: 'tls/extensions/secure-renegotiation',
  title: 'Secure renegotiation (renegotiation_info) is supported on TLS 1.2',
  requirements: ['T-RENEG'],
  level: 'MUST',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '3.5', text: '“TLS 1.2 clients and servers MUST implement the renegotiation_info extension, as defined in [RFC5746].”' },
  ports: ['implicit', 'starttls'],
  expected: ['the TLS 1.2 ServerHello carries an empty renegotiation_info extension'],
  run: async (ctx) => ({ answer: summarize(await probeServer(ctx, { ...tls12, renegotiationInfo: true })) }),
  judge(o) {
    if (o.answer.answer === 'refused') return { outcome: 'na', actual: `no TLS 1.2 handshake to judge: ${o.answer.text}` };
    if (o.answer.renegotiationInfo) return { outcome: 'conforms', actual: `renegotiation_info in the ServerHello: ${o.answer.text}` };
    return { outcome: 'violates', actual: `ServerHello without renegotiation_info: ${o.answer.text}` };
  },
});

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
  run: async (ctx) => ({ answer: summarize(await probeServer(ctx, { ...tls12, extendedMasterSecret: true })) }),
  judge(o) {
    if (o.answer.answer === 'refused') return { outcome: 'na', actual: `no TLS 1.2 handshake to judge: ${o.answer.text}` };
    if (o.answer.extendedMasterSecret) return { outcome: 'conforms', actual: `extended_master_secret in the ServerHello: ${o.answer.text}` };
    return { outcome: 'violates', actual: `ServerHello without extended_master_secret: ${o.answer.text}` };
  },
});
