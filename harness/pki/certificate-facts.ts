import 'reflect-metadata';
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import * as x509 from '@peculiar/x509';
import { publicKeySize, type PublicKeySize } from '../tls-probe/summary.ts';

/** One certificate of the chain a server presented, as the certificate cases judge it. */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  /** SAN dNSNames (RFC 5280 §4.2.1.6). */
  dnsNames: string[];
  notBefore: string;
  notAfter: string;
  /** e.g. "RSASSA-PKCS1-v1_5 with SHA-256". */
  signature: string;
  signatureHash: string;
  key?: PublicKeySize;
  /** Key usage names (RFC 5280 §4.2.1.3), absent without the extension. */
  keyUsage?: string[];
  /** Extended key usage OIDs (RFC 5280 §4.2.1.12), absent without the extension. */
  extendedKeyUsage?: string[];
  fingerprint256: string;
  /** This certificate is one of the trust anchors (added by the verifier, or sent by the server). */
  isAnchor: boolean;
}

export type PathResult = { ok: true; anchor: string; length: number } | { ok: false; reason: string };

/** What the TLS client itself (OpenSSL, then Node's name check) concluded about the chain. */
export interface Verification {
  authorized: boolean;
  /** OpenSSL's verify code (CERT_HAS_EXPIRED, UNABLE_TO_GET_ISSUER_CERT_LOCALLY, …) or Node's ERR_TLS_CERT_ALTNAME_INVALID. */
  error?: string;
}

/** Which certificate case a verifier's code belongs to: validity period, name, or the chain itself. */
export type VerifierFault = 'time' | 'name' | 'chain';

const TIME_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD']);
const NAME_CODES = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);

export function verifierFault(verification: Verification | undefined): VerifierFault | undefined {
  if (!verification || verification.authorized) return undefined;
  const code = verification.error ?? '';
  return TIME_CODES.has(code) ? 'time' : NAME_CODES.has(code) ? 'name' : 'chain';
}

/**
 * The certificates the server presented, as far as the client can tell: the leaf always (it is the
 * server's even when it is also the trust anchor, a self-signed certificate given as --ca), and the
 * others that are not trust anchors (an anchor further up may have been added by the verifier).
 */
export function presented(facts: ChainFacts): CertificateFacts[] {
  return facts.certificates.filter((c, i) => i === 0 || !c.isAnchor);
}

export interface ChainFacts {
  servername: string;
  certificates: CertificateFacts[];
  /** The SAN dNSName that matches the server name (RFC 9525 §6.3, no CN fallback), if any. */
  nameMatch?: string;
  /** Issuer links with verified signatures from the leaf to a trust anchor, using only what the server sent. */
  path: PathResult;
  /** When the facts were taken (the validity checks' "now"). */
  checkedAt: string;
  /** The TLS client's own verification of the same handshake, where it was recorded. */
  verification?: Verification;
}

const KEY_USAGES: [x509.KeyUsageFlags, string][] = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
];

function facts(der: Buffer, anchors: X509Certificate[]): CertificateFacts {
  const node = new X509Certificate(der);
  const peculiar = new x509.X509Certificate(new Uint8Array(der));
  const algorithm = peculiar.signatureAlgorithm as { name: string; hash?: { name: string } };
  const ku = peculiar.getExtension(x509.KeyUsagesExtension);
  const eku = peculiar.getExtension(x509.ExtendedKeyUsageExtension);
  const san = peculiar.getExtension(x509.SubjectAlternativeNameExtension);
  const key = publicKeySize(der);
  return {
    subject: node.subject.replace(/\n/g, ', '),
    issuer: node.issuer.replace(/\n/g, ', '),
    dnsNames: san ? san.names.items.filter((n) => n.type === 'dns').map((n) => n.value) : [],
    notBefore: new Date(node.validFrom).toISOString(),
    notAfter: new Date(node.validTo).toISOString(),
    signature: `${algorithm.name}${algorithm.hash ? ` with ${algorithm.hash.name}` : ''}`,
    signatureHash: algorithm.hash?.name ?? 'unknown',
    ...(key ? { key } : {}),
    ...(ku ? { keyUsage: KEY_USAGES.filter(([flag]) => (ku.usages & flag) !== 0).map(([, name]) => name) } : {}),
    ...(eku ? { extendedKeyUsage: eku.usages.map(String) } : {}),
    fingerprint256: node.fingerprint256,
    isAnchor: anchors.some((a) => a.fingerprint256 === node.fingerprint256),
  };
}

/** Follows issuer links through what the server sent until a trust anchor signs the last one (RFC 5280 §6.1, signatures only). */
function buildPath(chain: X509Certificate[], anchors: X509Certificate[]): PathResult {
  const leaf = chain[0];
  if (!leaf) return { ok: false, reason: 'the server presented no certificate' };
  const sent = chain.filter((c) => !anchors.some((a) => a.fingerprint256 === c.fingerprint256));
  const issues = (child: X509Certificate, parent: X509Certificate) => child.checkIssued(parent) && child.verify(parent.publicKey);
  let current = leaf;
  for (let length = 1; length <= 8; length++) {
    if (anchors.some((a) => a.fingerprint256 === current.fingerprint256)) return { ok: true, anchor: current.subject.replace(/\n/g, ', '), length };
    const anchor = anchors.find((a) => issues(current, a));
    if (anchor) return { ok: true, anchor: anchor.subject.replace(/\n/g, ', '), length };
    if (issues(current, current)) return { ok: false, reason: `${current === leaf ? 'the leaf' : 'a certificate in the chain'} is self-signed and not a trust anchor` };
    const parent = sent.find((c) => c !== current && issues(current, c));
    if (!parent) return { ok: false, reason: `no certificate for issuer "${current.issuer.replace(/\n/g, ', ')}" among those the server sent, and it is not signed by the trust anchor` };
    current = parent;
  }
  return { ok: false, reason: 'chain longer than 8 certificates' };
}

/** Everything the certificate cases judge, from the chain Node reported (leaf first) and the target's trust anchor. */
export function chainFacts(chainDer: Buffer[], servername: string, caPem: string | undefined, now = new Date(), verification?: Verification): ChainFacts {
  const anchors = (caPem ? splitPem(caPem) : [...tls.rootCertificates]).map((pem) => new X509Certificate(pem));
  const chain = chainDer.map((der) => new X509Certificate(der));
  const leaf = chain[0];
  const matched = leaf?.checkHost(servername, { subject: 'never', wildcards: true, partialWildcards: false, multiLabelWildcards: false });
  return {
    servername,
    certificates: chainDer.map((der) => facts(der, anchors)),
    ...(matched ? { nameMatch: matched } : {}),
    path: buildPath(chain, anchors),
    checkedAt: now.toISOString(),
    ...(verification ? { verification } : {}),
  };
}

function splitPem(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
