import { defineCase, type CaseDefinition, type CaseProof } from '../../../harness/model/case.ts';
import type { ChainFacts } from '../../../harness/pki/certificate-facts.ts';
import { presentedChain } from './presented-chain.ts';

const RFC8314_44 = '“MSPs MUST maintain valid server certificates for all servers. See [RFC7817] for the recommendations and requirements necessary to achieve this.”';
/** RFC 7817 §3: the name check comes after PKIX path validation. */
export const RFC7817_PATH = 'RFC 7817 §3: “This check is only performed after the server certificate passes certification path validation as described in Section 6 of [RFC5280].”';

/**
 * A case about the chain a port presents, under RFC 8314 §4.4's MUST: a configuration finding (WARN by
 * default, FAIL under --profile strict), on both ports, with what PKIX or name matching asks in `rule`
 * (certificates/name/san-matches, chain/verifies-to-anchor, time/valid-now).
 */
export function rfc8314Certificate(spec: { id: string; title: string; requirement: string; rule: string; expected: string; proof: CaseProof; judge: CaseDefinition<ChainFacts>['judge'] }) {
  return defineCase<ChainFacts>({
    id: spec.id,
    title: spec.title,
    requirements: [spec.requirement, 'R8314-4.4'],
    level: 'MUST',
    category: 'certificate',
    finding: 'configuration',
    source: { rfc: 'RFC 8314', section: '4.4', text: `${RFC8314_44} ${spec.rule}` },
    ports: ['implicit', 'starttls'],
    expected: [spec.expected],
    proof: spec.proof,
    run: (ctx) => presentedChain(ctx),
    judge: spec.judge,
  });
}
