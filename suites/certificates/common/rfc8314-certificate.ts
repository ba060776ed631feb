import { defineCase, type CaseDefinition } from '../../../harness/model/case.ts';
import { presented, verifierFault, type ChainFacts } from '../../../harness/pki/certificate-facts.ts';
import { presentedChain } from './presented-chain.ts';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const ANY_EKU = '2.5.29.37.0';
const WEAK_HASHES = new Set(['SHA-1', 'MD5', 'MD2']);

const RFC8314_44 = '“MSPs MUST maintain valid server certificates for all servers. See [RFC7817] for the recommendations and requirements necessary to achieve this.”';
/** RFC 7817 §3: the name check comes after PKIX path validation. */
const RFC7817_PATH = 'RFC 7817 §3: “This check is only performed after the server certificate passes certification path validation as described in Section 6 of [RFC5280].”';

/**
 * A case about the chain a port presents, under RFC 8314 §4.4's MUST: a configuration finding (WARN by
 * default, FAIL under --profile strict), on both ports, with what PKIX or name matching asks in `rule`.
 */
function rfc8314Certificate(spec: { id: string; title: string; requirement: string; rule: string; expected: string; judge: CaseDefinition<ChainFacts>['judge'] }) {
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
    run: (ctx) => presentedChain(ctx),
    judge: spec.judge,
  });
}

export const certificateName = rfc8314Certificate({
  id: 'certificates/name/san-matches',
  title: 'A SAN dNSName of the certificate matches the server name',
  requirement: 'C-NAME',
  rule:
    'RFC 7817 §5: “1. MUST include the DNS-ID identifier type in Certificate Signing Requests for the host name(s) where the email server(s) are running.” ' +
    'A wildcard only as the whole left-most label (§3: “Note that the wildcard character MUST NOT be used as a fragment of the left-most name component (e.g., "*oo.example.com", "f*o.example.com", or "foo*.example.com").”). ' +
    'Suite policy: SAN dNSNames only, never the CN, as RFC 9525 has it (paraphrase); RFC 7817 §3 still lets an email client fall back to the CN (MAY).',
  expected: 'a subjectAltName dNSName matches the server name the client uses (wildcard only as the whole leftmost label)',
  judge(o) {
    const names = o.certificates[0]?.dnsNames ?? [];
    const listed = names.length ? names.join(', ') : 'no SAN dNSName';
    if (!o.nameMatch) return { outcome: 'violates', actual: `${o.servername} matches no SAN dNSName (SANs: ${listed}; subject ${o.certificates[0]?.subject ?? 'none'})` };
    // The client's own name check disagreeing is a name fault too: credentials are withheld for it.
    if (verifierFault(o.verification) === 'name') return { outcome: 'violates', actual: `${o.servername} matches SAN ${o.nameMatch} by RFC 9525 §6.3, but the TLS client's name check refused it (${o.verification?.error})` };
    return { outcome: 'conforms', actual: `${o.servername} matches SAN ${o.nameMatch} (SANs: ${listed})` };
  },
});

export const certificateChain = rfc8314Certificate({
  id: 'certificates/chain/verifies-to-anchor',
  title: 'The chain the server sends verifies to the trust anchor',
  requirement: 'C-CHAIN',
  rule: `${RFC7817_PATH} RFC 5280 §6.1.3: “(1) The signature on the certificate can be verified using working_public_key_algorithm, the working_public_key, and the working_public_key_parameters.”`,
  expected: 'signatures link the leaf, through certificates the server sent, to the configured trust anchor (or the leaf is that anchor), and the TLS client accepts the chain',
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

export const certificateValidity = rfc8314Certificate({
  id: 'certificates/time/valid-now',
  title: 'The certificate is neither expired nor not yet valid',
  requirement: 'C-TIME',
  rule: `${RFC7817_PATH} RFC 5280 §6.1.3: “(2) The certificate validity period includes the current time.”`,
  expected: 'every certificate the server sent, and the trust anchor its path ends in, is within its validity period now',
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
