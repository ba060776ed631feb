import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flaw } from '../../targets/flawed/flaws.ts';
import type { PortKind } from '../../harness/model/port.ts';
import type { GradingProfile, Verdict } from '../../harness/model/verdict.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { startFlawed } from './flawed-target-fixture.ts';

/**
 * The switches the cases' proofs do not name, and the grading profiles: every fixture certificate and every
 * weak-suite class turns its case into a finding, and a configuration finding is WARN by default and
 * FAIL under `--profile strict`, while protocol findings keep their level under both.
 */
const ROWS: { flaw: Flaw; caseId: string; verdicts: Record<GradingProfile, Verdict> }[] = [
  { flaw: 'cert-wrong-name', caseId: 'certificates/name/san-matches', verdicts: { default: 'WARN', strict: 'FAIL' } },
  { flaw: 'cert-no-intermediate', caseId: 'certificates/chain/verifies-to-anchor', verdicts: { default: 'WARN', strict: 'FAIL' } },
  { flaw: 'cert-self-signed', caseId: 'certificates/chain/verifies-to-anchor', verdicts: { default: 'WARN', strict: 'FAIL' } },
  { flaw: 'cert-expired', caseId: 'certificates/time/valid-now', verdicts: { default: 'WARN', strict: 'FAIL' } },
  { flaw: 'cert-not-yet-valid', caseId: 'certificates/time/valid-now', verdicts: { default: 'WARN', strict: 'FAIL' } },
  { flaw: 'cert-sha1', caseId: 'certificates/signature/strong-and-server-auth', verdicts: { default: 'WARN', strict: 'FAIL' } },
  { flaw: 'cert-differs-per-port', caseId: 'certificates/ports/same-on-both', verdicts: { default: 'INFO', strict: 'INFO' } },
  { flaw: 'anon-ciphers', caseId: 'tls/suites/weak-refused', verdicts: { default: 'FAIL', strict: 'FAIL' } },
  { flaw: 'null-ciphers', caseId: 'tls/suites/weak-refused', verdicts: { default: 'FAIL', strict: 'FAIL' } },
  { flaw: 'rc4', caseId: 'tls/suites/weak-refused', verdicts: { default: 'FAIL', strict: 'FAIL' } },
  { flaw: 'tls10', caseId: 'tls/versions/tls11-refused', verdicts: { default: 'FAIL', strict: 'FAIL' } },
  { flaw: 'cert-rsa1024', caseId: 'tls/keys/key-strength', verdicts: { default: 'FAIL', strict: 'FAIL' } },
];

describe.concurrent.each(ROWS)('$flaw → $caseId', ({ flaw, caseId, verdicts }) => {
  const testCase = ALL_CASES.find((c) => c.id === caseId)!;
  const ports: readonly PortKind[] = testCase.scope === 'target' ? ['implicit'] : testCase.ports;
  let target: ProvisionedTarget;
  beforeAll(async () => {
    target = await startFlawed([flaw]);
  });
  afterAll(() => target.stop());

  for (const port of ports) {
    for (const profile of ['default', 'strict'] as const) {
      it(`is ${verdicts[profile]} on ${port} under the ${profile} profile`, async () => {
        const result = await runCase(testCase, target.target, port, DEFAULT_TIMEOUTS, profile);
        expect(result.verdict, result.actual).toBe(verdicts[profile]);
      });
    }
  }
});

describe('the strict profile changes nothing on a conformant target', () => {
  let target: ProvisionedTarget;
  beforeAll(async () => {
    target = await startFlawed([]);
  });
  afterAll(() => target.stop());

  it.each(ALL_CASES.filter((c) => c.id.startsWith('certificates/')).map((c) => c.id))('%s is PASS under strict', async (id) => {
    const testCase = ALL_CASES.find((c) => c.id === id)!;
    const result = await runCase(testCase, target.target, 'starttls', DEFAULT_TIMEOUTS, 'strict');
    expect(result.verdict, result.actual).toBe('PASS');
  });
});
