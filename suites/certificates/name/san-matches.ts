import { verifierFault } from '../../../harness/pki/certificate-facts.ts';
import { rfc8314Certificate } from '../common/rfc8314-certificate.ts';

export const certificateName = rfc8314Certificate({
  id: 'certificates/name/san-matches',
  title: 'A SAN dNSName of the certificate matches the server name',
  requirement: 'C-NAME',
  rule:
    'RFC 7817 §5: “1. MUST include the DNS-ID identifier type in Certificate Signing Requests for the host name(s) where the email server(s) are running.” ' +
    'A wildcard only as the whole left-most label (§3: “Note that the wildcard character MUST NOT be used as a fragment of the left-most name component (e.g., "*oo.example.com", "f*o.example.com", or "foo*.example.com").”). ' +
    'Suite policy: SAN dNSNames only, never the CN, as RFC 9525 has it (paraphrase); RFC 7817 §3 still lets an email client fall back to the CN (MAY).',
  expected: 'a subjectAltName dNSName matches the server name the client uses (wildcard only as the whole leftmost label)',
  // A configuration finding: WARN under the default profile (FAIL under strict, test/self-validation/certificate-fixtures.test.ts).
  proof: { flaw: 'cert-wrong-name', verdict: 'WARN', greenOn: ['expired-certificate'] },
  judge(o) {
    const names = o.certificates[0]?.dnsNames ?? [];
    const listed = names.length ? names.join(', ') : 'no SAN dNSName';
    if (!o.nameMatch) return { outcome: 'violates', actual: `${o.servername} matches no SAN dNSName (SANs: ${listed}; subject ${o.certificates[0]?.subject ?? 'none'})` };
    // The client's own name check disagreeing is a name fault too: credentials are withheld for it.
    if (verifierFault(o.verification) === 'name') return { outcome: 'violates', actual: `${o.servername} matches SAN ${o.nameMatch} by RFC 9525 §6.3, but the TLS client's name check refused it (${o.verification?.error})` };
    return { outcome: 'conforms', actual: `${o.servername} matches SAN ${o.nameMatch} (SANs: ${listed})` };
  },
});

export default certificateName;
