import { presented, verifierFault } from '../../../harness/pki/certificate-facts.ts';
import { RFC7817_PATH, rfc8314Certificate } from '../common/rfc8314-certificate.ts';

export const certificateValidity = rfc8314Certificate({
  id: 'certificates/time/valid-now',
  title: 'The certificate is neither expired nor not yet valid',
  requirement: 'C-TIME',
  rule: `${RFC7817_PATH} RFC 5280 §6.1.3: “(2) The certificate validity period includes the current time.”`,
  expected: 'every certificate the server sent, and the trust anchor its path ends in, is within its validity period now',
  // A configuration finding: WARN under the default profile (FAIL under strict, test/self-validation/certificate-fixtures.test.ts).
  proof: { flaw: 'cert-expired', verdict: 'WARN', about: ['expired-certificate'], greenOn: ['self-signed-anchor'] },
  judge(o) {
    const now = Date.parse(o.checkedAt);
    // The leaf counts even when it is itself the trust anchor: OpenSSL checks the anchor's dates too.
    const sent = presented(o);
    const bad = sent.filter((c) => Date.parse(c.notBefore) > now || Date.parse(c.notAfter) < now);
    const leaf = sent[0];
    const window = leaf ? `leaf valid ${leaf.notBefore} to ${leaf.notAfter}` : 'no certificate';
    if (bad.length === 0 && verifierFault(o.verification) === 'time') {
      // What the server sent is in date, the path is not: a trust anchor (not sent) outside its period.
      return { outcome: 'violates', actual: `${window}, but the TLS client's verification reports ${o.verification?.error} for a certificate of the path that the server did not send (the trust anchor); checked at ${o.checkedAt}` };
    }
    if (bad.length === 0) return { outcome: 'conforms', actual: `${window}; checked at ${o.checkedAt}` };
    const what = bad.map((c) => `${c.subject}: ${Date.parse(c.notAfter) < now ? `expired ${c.notAfter}` : `not valid before ${c.notBefore}`}`);
    return { outcome: 'violates', actual: `${what.join('; ')} (checked at ${o.checkedAt})` };
  },
});

export default certificateValidity;
