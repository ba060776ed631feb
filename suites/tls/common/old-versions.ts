import { defineCase, type Judgement } from '../../../harness/model/case.ts';
import { SUITES } from '../../../harness/tls-probe/cipher-suites.ts';
import { nodeHandshake } from '../../../harness/tls-probe/node-handshake.ts';
import { probeServer } from '../../../harness/tls-probe/probe-server.ts';
import { summarize, type ProbeSummary } from '../../../harness/tls-probe/summary.ts';
import { VERSION, versionName } from '../../../harness/tls-probe/wire.ts';

type Offer = { offered: string; answer: ProbeSummary };

/** A server that does not negotiate an old version refuses it (alert or close); one that answers a newer one is not negotiating it either. */
function judgeOldVersion(o: Offer): Judgement {
  if (o.answer.answer === 'refused') return { outcome: 'conforms', actual: `${o.offered} offered alone: ${o.answer.text}`, seen: 'refused' };
  if (o.answer.version === o.offered) return { outcome: 'violates', actual: `${o.offered} negotiated: ${o.answer.text}` };
  return { outcome: 'conforms', actual: `${o.offered} offered alone, server answered ${o.answer.text} (not ${o.offered})`, seen: 'other version' };
}

const REFUSED = ['the ClientHello offering only this version is refused (alert or close), or answered with a different version'];

export const ssl3Refused = defineCase<Offer>({
  id: 'tls/versions/ssl3-refused',
  title: 'SSL 3.0 is not negotiated',
  requirements: ['T-SSL3'],
  level: 'MUST NOT',
  category: 'tls',
  source: {
    rfc: 'RFC 9325',
    section: '3.1.1',
    text: '“Implementations MUST NOT negotiate SSL version 3.” RFC 7568 §3: “SSLv3 MUST NOT be used. Negotiation of SSLv3 from any version of TLS MUST NOT be permitted.”',
  },
  ports: ['implicit', 'starttls'],
  expected: REFUSED,
  async run(ctx) {
    // An SSL 3.0 ClientHello as such clients sent it: record and client version {03,00}, no extensions, the SCSV for renegotiation.
    const result = await probeServer(ctx, { clientVersion: VERSION.ssl3, recordVersion: VERSION.ssl3, suites: [...SUITES.legacy, 0x00ff], noExtensions: true, serverName: '' });
    return { offered: versionName(VERSION.ssl3), answer: summarize(result) };
  },
  judge: judgeOldVersion,
});

/** `rfc8996Section`: RFC 8996's section on that version (§4 TLS 1.0, §5 TLS 1.1). */
const oldTls = (version: number, name: string, rfc: string, rfc8996Section: string) =>
  defineCase<Offer>({
    id: `tls/versions/${name}-refused`,
    title: `${versionName(version)} is not negotiated`,
    requirements: ['T-1011'],
    level: 'MUST NOT',
    category: 'tls',
    source: {
      rfc: 'RFC 9325',
      section: '3.1.1',
      text: `“Implementations MUST NOT negotiate TLS version ${versionName(version).replace('TLS ', '')} [${rfc}].” RFC 8996 §${rfc8996Section}: “${versionName(version)} MUST NOT be used. Negotiation of ${versionName(version)} from any version of TLS MUST NOT be permitted.”`,
    },
    ports: ['implicit', 'starttls'],
    expected: REFUSED,
    async run(ctx) {
      const result = await probeServer(ctx, { clientVersion: version, suites: SUITES.legacy });
      return { offered: versionName(version), answer: summarize(result) };
    },
    judge: judgeOldVersion,
  });

export const tls10Refused = oldTls(VERSION.tls10, 'tls10', 'RFC2246', '4');
export const tls11Refused = oldTls(VERSION.tls11, 'tls11', 'RFC4346', '5');

type Handshake = { ok: true; protocol: string; cipher: string; group?: string } | { ok: false; reason: string };

async function handshakeOnly(ctx: Parameters<typeof nodeHandshake>[0], version: 'TLSv1.2' | 'TLSv1.3'): Promise<Handshake> {
  const result = await nodeHandshake(ctx, { minVersion: version, maxVersion: version });
  if (!result.ok) return { ok: false, reason: result.reason };
  return { ok: true, protocol: result.protocol, cipher: result.cipher, ...(result.ephemeral?.name ? { group: result.ephemeral.name } : {}) };
}

const describeHandshake = (h: Extract<Handshake, { ok: true }>) => `${h.protocol} ${h.cipher}${h.group ? `, key exchange ${h.group}` : ''}`;

export const tls12Negotiated = defineCase<Handshake>({
  id: 'tls/versions/tls12-negotiated',
  title: 'TLS 1.2 is negotiated when it is the only version offered',
  requirements: ['T-12'],
  level: 'MUST',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '3.1.1', text: '“Implementations MUST support TLS 1.2 [RFC5246].”' },
  ports: ['implicit', 'starttls'],
  expected: ['a full handshake with TLS 1.2 as the only version offered completes'],
  run: (ctx) => handshakeOnly(ctx, 'TLSv1.2'),
  judge(o) {
    if (!o.ok) return { outcome: 'violates', actual: `TLS 1.2 handshake failed: ${o.reason}` };
    return { outcome: 'conforms', actual: describeHandshake(o) };
  },
});

export const tls13Supported = defineCase<Handshake>({
  id: 'tls/versions/tls13-supported',
  title: 'TLS 1.3 is supported',
  requirements: ['T-13'],
  level: 'SHOULD',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '3.1.1', text: '“Implementations SHOULD support TLS 1.3 [RFC8446] and, if implemented, MUST prefer to negotiate TLS 1.3 over earlier versions of TLS.”' },
  ports: ['implicit', 'starttls'],
  expected: ['a full handshake with TLS 1.3 as the only version offered completes'],
  run: (ctx) => handshakeOnly(ctx, 'TLSv1.3'),
  judge(o) {
    if (!o.ok) return { outcome: 'violates', actual: `TLS 1.3 handshake failed: ${o.reason}` };
    return { outcome: 'conforms', actual: describeHandshake(o) };
  },
});
