import { defineCase, type CaseProof, type Judgement } from '../../../harness/model/case.ts';
import { SUITES } from '../../../harness/tls-probe/cipher-suites.ts';
import { probeServer } from '../../../harness/tls-probe/probe-server.ts';
import { summarize, type ProbeSummary } from '../../../harness/tls-probe/summary.ts';
import { versionName } from '../../../harness/tls-probe/wire.ts';

/** What the cases of old protocol versions share (tls/versions/ssl3-refused, tls10-refused, tls11-refused). */

export type Offer = { offered: string; answer: ProbeSummary };

/** A server that does not negotiate an old version refuses it (alert or close); one that answers a newer one is not negotiating it either. */
export function judgeOldVersion(o: Offer): Judgement {
  if (o.answer.answer === 'refused') return { outcome: 'conforms', actual: `${o.offered} offered alone: ${o.answer.text}`, seen: 'refused' };
  if (o.answer.version === o.offered) return { outcome: 'violates', actual: `${o.offered} negotiated: ${o.answer.text}` };
  return { outcome: 'conforms', actual: `${o.offered} offered alone, server answered ${o.answer.text} (not ${o.offered})`, seen: 'other version' };
}

export const REFUSED = ['the ClientHello offering only this version is refused (alert or close), or answered with a different version'];

/** The cases tls/versions/tls10-refused and tls11-refused. `rfc8996Section`: RFC 8996's section on that version (§4 TLS 1.0, §5 TLS 1.1). */
export const oldTls = (version: number, name: string, rfc: string, rfc8996Section: string, proof: CaseProof) =>
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
    proof,
    async run(ctx) {
      const result = await probeServer(ctx, { clientVersion: version, suites: SUITES.legacy });
      return { offered: versionName(version), answer: summarize(result) };
    },
    judge: judgeOldVersion,
  });
