import { defineCase } from '../../../harness/model/case.ts';
import { presented, type ChainFacts } from '../../../harness/pki/certificate-facts.ts';
import { presentedChain } from '../common/presented-chain.ts';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const ANY_EKU = '2.5.29.37.0';
const WEAK_HASHES = new Set(['SHA-1', 'MD5', 'MD2']);

export const certificateSignature = defineCase<ChainFacts>({
  id: 'certificates/signature/strong-and-server-auth',
  title: 'No MD5 or SHA-1 signatures, and the key usage permits server authentication',
  requirements: ['C-SIG'],
  level: 'MUST NOT',
  category: 'certificate',
  finding: 'configuration',
  source: {
    rfc: 'RFC 9325',
    section: '4.5',
    text:
      '“… the use of the SHA-256 hash algorithm is RECOMMENDED and SHA-1 or MD5 MUST NOT be used [RFC9155] …” RFC 5280 §4.2.1.12, on extended key usage: ' +
      '“If the extension is present, then the certificate MUST only be used for one of the purposes indicated.” Suite policy: the hash rule is applied to the signature of every certificate the server sends.',
  },
  ports: ['implicit', 'starttls'],
  expected: ['every certificate the server sent, a trust anchor aside, is signed with SHA-256 or better', 'the leaf has serverAuth (or no EKU) and digitalSignature or keyEncipherment (or no key usage)'],
  // A configuration finding: WARN under the default profile (FAIL under strict, test/self-validation/certificate-fixtures.test.ts).
  proof: { flaw: 'cert-sha1', verdict: 'WARN', greenOn: ['self-signed-anchor'] },
  run: (ctx) => presentedChain(ctx),
  judge(o) {
    const sent = presented(o);
    const leaf = sent[0];
    if (!leaf) return { outcome: 'violates', actual: 'no certificate presented' };
    // A trust anchor's own signature is not validated: it starts the certification path (RFC 8446
    // §4.2.3, RFC 5280 §6.1, paraphrased). A self-signed leaf given as the anchor has none relied on.
    const relied = sent.filter((c) => !c.isAnchor);
    const problems: string[] = [];
    for (const c of relied) if (WEAK_HASHES.has(c.signatureHash)) problems.push(`${c.subject} signed with ${c.signature}`);
    if (leaf.extendedKeyUsage && !leaf.extendedKeyUsage.some((u) => u === SERVER_AUTH || u === ANY_EKU)) problems.push(`leaf EKU ${leaf.extendedKeyUsage.join(',')} lacks serverAuth`);
    if (leaf.keyUsage && !leaf.keyUsage.some((u) => u === 'digitalSignature' || u === 'keyEncipherment')) problems.push(`leaf key usage ${leaf.keyUsage.join(',')} allows no TLS server key`);
    const signatures = relied.length ? `signatures: ${relied.map((c) => c.signature).join('; ')}` : `the leaf is itself the trust anchor, so no signature of it is relied on (its own: ${leaf.signature})`;
    return problems.length ? { outcome: 'violates', actual: problems.join('; ') } : { outcome: 'conforms', actual: `${signatures}; leaf EKU ${leaf.extendedKeyUsage ? 'includes serverAuth' : 'absent'}` };
  },
});

export default certificateSignature;
