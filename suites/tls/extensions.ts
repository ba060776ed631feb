import { defineCase } from '../../harness/model/case.ts';
import { SUITES } from '../../harness/tls-probe/cipher-suites.ts';
import { probeServer } from '../../harness/tls-probe/probe-server.ts';
import { summarize, type ProbeSummary } from '../../harness/tls-probe/summary.ts';
import { COMPRESSION, VERSION } from '../../harness/tls-probe/wire.ts';

type Single = { answer: ProbeSummary };

/** TLS 1.2 with what a current client offers; compression and the extensions under test vary. */
const tls12 = { clientVersion: VERSION.tls12, suites: SUITES.modern };

export const compressionRefused = defineCase<Single>({
  id: 'tls/extensions/no-compression',
  title: 'TLS compression is not negotiated',
  requirements: ['T-COMP'],
  // REQUIREMENTS.md says MUST; RFC 9325 §3.3 (like RFC 7525 §3.3 before it) says SHOULD: the RFC's level is graded.
  level: 'SHOULD NOT',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '3.3', text: 'Implementations and deployments should not use TLS-level compression (CRIME and related attacks), unless the application protocol is shown not to be open to them.' },
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
  source: { rfc: 'RFC 5746', section: '3.6', text: 'When the ClientHello carries renegotiation_info (or the SCSV), the server MUST include an empty renegotiation_info extension in its ServerHello; RFC 9325 §3.5 asks TLS 1.2 servers to implement it.' },
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
  level: 'SHOULD',
  category: 'tls',
  source: { rfc: 'RFC 7627', section: '5.1', text: 'A server that implements the extension and receives it in a ClientHello includes it in its ServerHello; RFC 9325 recommends TLS 1.2 use it.' },
  ports: ['implicit', 'starttls'],
  expected: ['the TLS 1.2 ServerHello carries extended_master_secret'],
  run: async (ctx) => ({ answer: summarize(await probeServer(ctx, { ...tls12, extendedMasterSecret: true })) }),
  judge(o) {
    if (o.answer.answer === 'refused') return { outcome: 'na', actual: `no TLS 1.2 handshake to judge: ${o.answer.text}` };
    if (o.answer.extendedMasterSecret) return { outcome: 'conforms', actual: `extended_master_secret in the ServerHello: ${o.answer.text}` };
    return { outcome: 'violates', actual: `ServerHello without extended_master_secret: ${o.answer.text}` };
  },
});
