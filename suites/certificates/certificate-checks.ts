import { defineCase, type CaseDefinition } from '../../harness/model/case.ts';
import { presented, verifierFault, type ChainFacts } from '../../harness/pki/certificate-facts.ts';
import { presentedChain } from './presented-chain.ts';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const ANY_EKU = '2.5.29.37.0';
const WEAK_HASHES = new Set(['SHA-1', 'MD5', 'MD2']);

const RFC8314_44 = 'Clients validate the server certificate by PKIX (RFC 5280) and by name (RFC 7817, now RFC 9525), so a submission server presents one that validates';

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
    source: { rfc: 'RFC 8314', section: '4.4', text: `${RFC8314_44}; ${spec.rule}` },
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
  rule: 'the name is matched against SAN dNSNames only, never the CN (RFC 9525 §6.3).',
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
  rule: 'the server sends the intermediates, each certifying the one before (RFC 8446 §4.4.2).',
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
  rule: 'PKIX rejects a certificate outside its notBefore..notAfter window (RFC 5280 §4.1.2.5, §6.1.3).',
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
    rfc: 'RFC 9155',
    section: '2',
    text: 'MD5 and SHA-1 signatures are deprecated in TLS 1.2 and current clients refuse certificates signed with them; the leaf\'s key usage and extended key usage allow TLS server authentication (RFC 5280 §4.2.1.3, §4.2.1.12).',
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
  source: { rfc: 'RFC 8314', section: '3.3', text: 'Submissions on 465 is the same service as submission on 587 with TLS from the first byte; a difference in certificate is recorded.' },
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
