import { defineCase } from '../../../harness/model/case.ts';
import type { ChainFacts } from '../../../harness/pki/certificate-facts.ts';
import { presentedChain } from '../common/presented-chain.ts';

type BothPorts =
  | { implicit: { fingerprint256: string; subject: string }; starttls: { fingerprint256: string; subject: string } }
  | { missing: string };

export const sameCertificateBothPorts = defineCase<BothPorts>({
  id: 'certificates/ports/same-on-both',
  title: '465 and 587 present the same certificate',
  requirements: ['C-SAME'],
  level: 'INFO',
  category: 'certificate',
  source: {
    rfc: 'RFC 8314',
    section: '3.3',
    text:
      '“Note that the "submissions" port provides access to a Message Submission Agent (MSA) as defined in [RFC6409], so requirements and recommendations for MSAs in that document, … also apply to the submissions port.” ' +
      'RFC 9325 §3.9: “… service providers SHOULD ensure that all servers providing the same service provide equivalent levels of security …” A difference in certificate is recorded, not graded.',
  },
  ports: ['implicit', 'starttls'],
  scope: 'target',
  expected: ['the leaf certificates of 465 and 587 are identical'],
  proof: { flaw: 'cert-differs-per-port', verdict: 'INFO' },
  async run(ctx) {
    if (ctx.target.ports.implicit === undefined || ctx.target.ports.starttls === undefined) return { missing: 'the target does not offer both ports' };
    const implicit = await presentedChain(ctx, 'implicit');
    const starttls = await presentedChain(ctx, 'starttls');
    const pick = (f: ChainFacts) => ({ fingerprint256: f.certificates[0]?.fingerprint256 ?? '', subject: f.certificates[0]?.subject ?? '' });
    return { implicit: pick(implicit), starttls: pick(starttls) };
  },
  judge(o) {
    if ('missing' in o) return { outcome: 'na', actual: o.missing };
    if (o.implicit.fingerprint256 === o.starttls.fingerprint256) return { outcome: 'conforms', actual: `same leaf on both ports (SHA-256 ${o.implicit.fingerprint256.slice(0, 23)}…)` };
    return { outcome: 'violates', actual: `465: ${o.implicit.subject} ${o.implicit.fingerprint256.slice(0, 23)}…; 587: ${o.starttls.subject} ${o.starttls.fingerprint256.slice(0, 23)}…` };
  },
});

export default sameCertificateBothPorts;
