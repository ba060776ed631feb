import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyCase } from '../../harness/model/case.ts';
import type { PortKind } from '../../harness/model/port.ts';
import type { CaseResult } from '../../harness/model/result.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { startFlawed } from './flawed-target-fixture.ts';

/**
 * A certificate fault is the certificate cases' finding, on each port, and nothing else's: against a
 * host whose certificate is expired, names another host, or is self-signed and given as the trust
 * anchor, the whole catalogue runs as against a live host (`kind: 'external'`, no sink), and
 *  - the certificate case about the fault names it on 465 and on 587, the other certificate cases pass;
 *  - no protocol case FAILs or WARNs, and none ends ERROR: the protocol is observed over the
 *    unverified connection;
 *  - the cases that need the target's credentials end NA with the certificate's reason where the
 *    certificate does not verify (the credentials never go over it), and run where it does.
 */
interface Host {
  name: string;
  switches: string[];
  /** Certificate case id → what its Actual must say on each port (WARN); the others PASS. */
  findings: Record<string, RegExp>;
  /** The verifier's code on the unverified connections; undefined: everything verifies. */
  unverified?: string;
}

const HOSTS: Host[] = [
  { name: 'an expired certificate', switches: ['cert-expired'], findings: { 'certificates/time/valid-now': /CN=mail\.example\.test: expired \d{4}-/ }, unverified: 'CERT_HAS_EXPIRED' },
  {
    name: 'a certificate for another name',
    switches: ['cert-wrong-name'],
    findings: { 'certificates/name/san-matches': /mail\.example\.test matches no SAN dNSName \(SANs: wrong\.example\.test;/ },
    unverified: 'ERR_TLS_CERT_ALTNAME_INVALID',
  },
  { name: 'a self-signed certificate given as the trust anchor', switches: ['self-signed-anchor'], findings: {} },
];

/** What the certificate cases say when the leaf is its own anchor: neither untrusted nor unsigned. */
const ANCHOR_WORDING: Record<string, RegExp> = {
  'certificates/chain/verifies-to-anchor': /the leaf is itself the trust anchor \(self-signed\)/,
  'certificates/signature/strong-and-server-auth': /the leaf is itself the trust anchor, so no signature of it is relied on/,
};

/**
 * The cases that send the target's credentials (or its user name) and so need a verified connection.
 * rfc8314/4.3/received-records-tls needs them too, but ends NA earlier on an external host: the
 * harness never sees what a live host relays.
 */
const CREDENTIAL_CASES = [
  'smuggling/4.1.1.4/end-of-data-look-alikes',
  'smuggling/4.1.1.4/generated-look-alikes',
  'smuggling/2.3.8/bare-newlines-not-command-ends',
  'rfc3207/4.2/ehlo-forgotten',
  'rfc3207/4.2/reset-generated',
  'rfc4954/4/no-auth-after-auth',
  'rfc4954/6/bad-credentials',
  'rfc4954/4/auth-plain-succeeds-after-tls',
  'rfc4954/4/auth-login-succeeds-after-tls',
  'rfc6409/submission/end-to-end',
  'rfc5321/4.1.4/ehlo-resets-transaction',
  'rfc2920/3.2/replies-in-order',
];

/** Cases allowed to end ERROR on these hosts, each with its reason. None. */
const ALLOWED_ERRORS: Record<string, string> = {};

const rowsOf = (c: AnyCase): readonly PortKind[] => (c.scope === 'target' ? c.ports.slice(0, 1) : c.ports);
const isCertificateCase = (id: string) => id.startsWith('certificates/');
const show = (r: CaseResult) => `${r.caseId} on ${r.port}: ${r.verdict}: ${r.actual}`;

/** Runs every row, a few at a time (a live host gets no more than a run's connection limit either). */
async function runCatalogue(target: ResolvedTarget): Promise<CaseResult[]> {
  const rows = ALL_CASES.flatMap((c) => rowsOf(c).map((port) => ({ c, port })));
  const results: CaseResult[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < rows.length; i = next++) {
      const { c, port } = rows[i]!;
      results[i] = await runCase(c, target, port, { ...DEFAULT_TIMEOUTS, seed: 42 });
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return results;
}

describe.concurrent.each(HOSTS)('a host with $name', (host) => {
  let provisioned: ProvisionedTarget;
  let results: CaseResult[];
  beforeAll(async () => {
    provisioned = await startFlawed(host.switches);
    // As a live host: external, and no sink to read relayed messages from.
    const { sinkDir: _sinkDir, ...target } = provisioned.target;
    results = await runCatalogue({ ...target, kind: 'external' });
  }, 240_000);
  afterAll(() => provisioned?.stop());

  it('has the certificate case about the fault name it on 465 and on 587; the other certificate cases pass', () => {
    const certificateRows = results.filter((r) => isCertificateCase(r.caseId));
    for (const r of certificateRows) {
      const finding = host.findings[r.caseId];
      if (finding) {
        expect(r.verdict, show(r)).toBe('WARN');
        expect(r.actual, show(r)).toMatch(finding);
      } else {
        expect(r.verdict, show(r)).toBe('PASS');
        const wording = host.unverified ? undefined : ANCHOR_WORDING[r.caseId];
        if (wording) expect(r.actual, show(r)).toMatch(wording);
      }
    }
    for (const id of Object.keys(host.findings)) expect(certificateRows.filter((r) => r.caseId === id).map((r) => r.port).sort()).toEqual(['465', '587']);
  });

  it('has no protocol case FAIL or WARN', () => {
    const findings = results.filter((r) => !isCertificateCase(r.caseId) && ['FAIL', 'WARN', 'XPASS'].includes(r.verdict));
    expect(findings.map(show)).toEqual([]);
  });

  it('has no case end ERROR (but those listed with a reason)', () => {
    const errors = results.filter((r) => r.verdict === 'ERROR' && !(r.caseId in ALLOWED_ERRORS));
    expect(errors.map(show)).toEqual([]);
  });

  it('ends the credential cases NA with the certificate reason where it does not verify, and runs them where it does', () => {
    const credentialRows = results.filter((r) => CREDENTIAL_CASES.includes(r.caseId));
    expect(credentialRows.length).toBeGreaterThan(CREDENTIAL_CASES.length);
    for (const r of credentialRows) {
      if (host.unverified) {
        expect(r.verdict, show(r)).toBe('NA');
        expect(r.actual, show(r)).toMatch(new RegExp(`^certificate did not verify on (465|587) \\(${host.unverified}\\): credentials are not sent over it$`));
      } else {
        expect(r.verdict, show(r)).not.toBe('NA');
      }
    }
    // Nothing else is withheld: the other cases observe the server.
    const withheld = results.filter((r) => /credentials are not sent over it/.test(r.actual) && !CREDENTIAL_CASES.includes(r.caseId));
    expect(withheld.map(show)).toEqual([]);
  });

  it('never lets the password or the AUTH payload into a transcript', () => {
    const password = provisioned.target.password!;
    const blob = Buffer.from(`\0${provisioned.target.user}\0${password}`).toString('base64');
    const leaked = results.filter((r) => JSON.stringify(r).includes(password) || JSON.stringify(r).includes(blob));
    expect(leaked.map((r) => r.caseId)).toEqual([]);
  });
});
