import { presented, verifierFault } from '../../../harness/pki/certificate-facts.ts';
import { RFC7817_PATH, rfc8314Certificate } from '../common/rfc8314-certificate.ts';

export const certificateChain = rfc8314Certificate({
  id: 'certificates/chain/verifies-to-anchor',
  title: 'The chain the server sends verifies to the trust anchor',
  requirement: 'C-CHAIN',
  rule: `${RFC7817_PATH} RFC 5280 §6.1.3: “(1) The signature on the certificate can be verified using working_public_key_algorithm, the working_public_key, and the working_public_key_parameters.”`,
  expected: 'signatures link the leaf, through certificates the server sent, to the configured trust anchor (or the leaf is that anchor), and the TLS client accepts the chain',
  // A configuration finding: WARN under the default profile (FAIL under strict, test/self-validation/certificate-fixtures.test.ts).
  proof: { flaw: 'cert-no-intermediate', verdict: 'WARN', greenOn: ['expired-certificate', 'self-signed-anchor'] },
  judge(o) {
    const sent = presented(o).length;
    const leaf = o.certificates[0];
    if (!o.path.ok) return { outcome: 'violates', actual: `${o.path.reason} (${sent} certificate(s) sent, leaf issuer ${leaf?.issuer ?? 'none'})` };
    // A fault OpenSSL finds in the chain that the signature walk does not (a CA without basicConstraints,
    // an anchor that is not a root): the same verification withholds the credentials, so it is named here.
    if (verifierFault(o.verification) === 'chain') {
      return { outcome: 'violates', actual: `signatures link the leaf to ${o.path.anchor}, but the TLS client's verification refused the chain: ${o.verification?.error} (${sent} certificate(s) sent)` };
    }
    const how = leaf?.isAnchor ? `the leaf is itself the trust anchor${leaf.subject === leaf.issuer ? ' (self-signed)' : ''}` : `chain of ${o.path.length} verifies to ${o.path.anchor}`;
    return { outcome: 'conforms', actual: `${how} (${sent} certificate(s) sent)` };
  },
});

export default certificateChain;
