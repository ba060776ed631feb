import { describe, expect, it } from 'vitest';
import type { CaseDefinition, Judgement } from '../../harness/model/case.ts';
import type { CertificateFacts, ChainFacts, Verification } from '../../harness/pki/certificate-facts.ts';
import { certificateChain } from '../../suites/certificates/chain/verifies-to-anchor.ts';
import { certificateName } from '../../suites/certificates/name/san-matches.ts';
import { certificateSignature } from '../../suites/certificates/signature/strong-and-server-auth.ts';
import { certificateValidity } from '../../suites/certificates/time/valid-now.ts';

/**
 * The certificate oracles on hand-made chains: a self-signed leaf given as the trust anchor is
 * presented, signed and in date like any other leaf (C-SIG used to see "no certificate", C-TIME
 * nothing at all, since both left anchors out), and what the TLS client's own verification refused
 * is named by the case it belongs to, so that a connection the credentials are withheld from always
 * has a certificate finding that says why.
 */
const NOW = '2026-06-01T00:00:00.000Z';

function certificate(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    subject: 'CN=mail.example.test',
    issuer: 'CN=msaspec run CA',
    dnsNames: ['mail.example.test'],
    notBefore: '2026-05-01T00:00:00.000Z',
    notAfter: '2026-07-01T00:00:00.000Z',
    signature: 'RSASSA-PKCS1-v1_5 with SHA-256',
    signatureHash: 'SHA-256',
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'],
    fingerprint256: 'AA:BB',
    isAnchor: false,
    ...overrides,
  };
}

const ROOT = certificate({ subject: 'CN=msaspec run CA', dnsNames: [], fingerprint256: 'CC:DD', isAnchor: true, extendedKeyUsage: undefined });

function chain(certificates: CertificateFacts[], extra: Partial<ChainFacts> = {}): ChainFacts {
  return { servername: 'mail.example.test', certificates, nameMatch: 'mail.example.test', path: { ok: true, anchor: 'CN=msaspec run CA', length: 1 }, checkedAt: NOW, ...extra };
}

/** A self-signed leaf the target declares as its trust anchor. */
const selfAnchored = (overrides: Partial<CertificateFacts> = {}) =>
  chain([certificate({ issuer: 'CN=mail.example.test', isAnchor: true, ...overrides })], { path: { ok: true, anchor: 'CN=mail.example.test', length: 1 } });

const refused = (error: string): Verification => ({ authorized: false, error });

function judge(testCase: CaseDefinition<ChainFacts>, facts: ChainFacts): Judgement {
  return testCase.judge(JSON.parse(JSON.stringify(facts)));
}

describe('a self-signed leaf given as the trust anchor', () => {
  it('C-SIG: conforms, and says no signature of it is relied on (not "no certificate presented")', () => {
    const j = judge(certificateSignature, selfAnchored());
    expect(j.outcome).toBe('conforms');
    expect(j.actual).toMatch(/the leaf is itself the trust anchor, so no signature of it is relied on/);
    // Its own SHA-1 self-signature is not relied on either; a leaf key usage that forbids TLS still counts.
    expect(judge(certificateSignature, selfAnchored({ signature: 'RSASSA-PKCS1-v1_5 with SHA-1', signatureHash: 'SHA-1' })).outcome).toBe('conforms');
    expect(judge(certificateSignature, selfAnchored({ keyUsage: ['keyCertSign'] })).outcome).toBe('violates');
  });

  it('C-TIME: an expired one is reported (anchors used to be left out, so it said nothing)', () => {
    const j = judge(certificateValidity, selfAnchored({ notAfter: '2026-05-31T00:00:00.000Z' }));
    expect(j).toMatchObject({ outcome: 'violates', actual: expect.stringMatching(/CN=mail\.example\.test: expired 2026-05-31/) });
    expect(judge(certificateValidity, selfAnchored()).outcome).toBe('conforms');
  });

  it('C-CHAIN: conforms and says the leaf is the anchor', () => {
    const j = judge(certificateChain, selfAnchored());
    expect(j).toMatchObject({ outcome: 'conforms', actual: expect.stringMatching(/^the leaf is itself the trust anchor \(self-signed\) \(1 certificate\(s\) sent\)$/) });
  });
});

describe('certificates the verifier added are not the server\'s', () => {
  it('C-TIME and C-SIG leave the anchor the verifier appended out, and judge the leaf', () => {
    const facts = chain([certificate(), certificate({ ...ROOT, notAfter: '2026-05-02T00:00:00.000Z', signatureHash: 'SHA-1', signature: 'RSASSA-PKCS1-v1_5 with SHA-1' })]);
    expect(judge(certificateValidity, facts).outcome).toBe('conforms');
    expect(judge(certificateSignature, facts).outcome).toBe('conforms');
    expect(judge(certificateChain, facts).actual).toMatch(/\(1 certificate\(s\) sent\)/);
  });

  it('C-SIG: a SHA-1 leaf that is not an anchor is a finding', () => {
    expect(judge(certificateSignature, chain([certificate({ signatureHash: 'SHA-1', signature: 'RSASSA-PKCS1-v1_5 with SHA-1' }), ROOT])).outcome).toBe('violates');
  });
});

describe("what the TLS client's verification refused is named by the case it belongs to", () => {
  it('a chain fault the signature walk missed → C-CHAIN violates with the code; C-TIME and C-NAME do not', () => {
    const facts = chain([certificate(), ROOT], { verification: refused('INVALID_CA') });
    expect(judge(certificateChain, facts)).toMatchObject({ outcome: 'violates', actual: expect.stringMatching(/verification refused the chain: INVALID_CA/) });
    expect(judge(certificateValidity, facts).outcome).toBe('conforms');
    expect(judge(certificateName, facts).outcome).toBe('conforms');
  });

  it('a time fault with every sent certificate in date (the anchor expired) → C-TIME violates; C-CHAIN does not', () => {
    const facts = chain([certificate(), ROOT], { verification: refused('CERT_HAS_EXPIRED') });
    expect(judge(certificateValidity, facts)).toMatchObject({ outcome: 'violates', actual: expect.stringMatching(/reports CERT_HAS_EXPIRED for a certificate of the path that the server did not send/) });
    expect(judge(certificateChain, facts).outcome).toBe('conforms');
  });

  it("a name the client's check refused → C-NAME violates even where RFC 9525 matching found the SAN", () => {
    const facts = chain([certificate(), ROOT], { verification: refused('ERR_TLS_CERT_ALTNAME_INVALID') });
    expect(judge(certificateName, facts)).toMatchObject({ outcome: 'violates', actual: expect.stringMatching(/name check refused it \(ERR_TLS_CERT_ALTNAME_INVALID\)/) });
    expect(judge(certificateChain, facts).outcome).toBe('conforms');
  });

  it('a verified connection adds nothing', () => {
    const facts = chain([certificate(), ROOT], { verification: { authorized: true } });
    for (const c of [certificateChain, certificateValidity, certificateName, certificateSignature]) expect(judge(c, facts).outcome, c.id).toBe('conforms');
  });
});
