import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyCase } from '../../harness/model/case.ts';
import type { PortKind } from '../../harness/model/port.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { startFlawed } from './flawed-target-fixture.ts';

const portsOf = (c: AnyCase): readonly PortKind[] => (c.scope === 'target' ? c.ports.slice(0, 1) : c.ports);

/**
 * Self-validation: a case that cannot fail is a defect. Every case carries the flaw that makes it fail
 * (its `proof`, beside it in suites/; case-proofs.test.ts checks the names). For each case: PASS on the
 * flawed target without its flaw (with only the flaws that create its precondition), and its finding
 * with the flaw switched on, on every port the case runs on. A case that only records behaviour
 * (proof.actual) is instead proven by its Actual changing with the flaw.
 */
describe.concurrent('each case is PASS without its flaw and a finding with it', () => {
  for (const testCase of ALL_CASES) {
    const proof = testCase.proof;
    const base = proof.base ?? [];
    describe(`${testCase.id} (flaw "${proof.flaw}"${base.length ? `, on top of ${base.join(', ')}` : ''})`, () => {
      let conformant: ProvisionedTarget;
      let flawed: ProvisionedTarget;
      beforeAll(async () => {
        [conformant, flawed] = await Promise.all([startFlawed([...base]), startFlawed([...base, proof.flaw])]);
      });
      afterAll(() => Promise.all([conformant.stop(), flawed.stop()]));

      const observed = proof.actual;
      for (const port of portsOf(testCase)) {
        it(`is ${observed ? `${proof.verdict} matching ${observed.without}` : 'PASS'} on ${port} without the flaw`, async () => {
          const result = await runCase(testCase, conformant.target, port, DEFAULT_TIMEOUTS);
          if (!observed) return void expect(result.verdict, result.actual).toBe('PASS');
          expect(result.verdict, result.actual).toBe(proof.verdict);
          expect(result.actual).toMatch(observed.without);
          expect(result.actual).not.toMatch(observed.with);
        });
        it(`is ${proof.verdict}${observed ? ` matching ${observed.with}` : ''} on ${port} with the flaw`, async () => {
          const result = await runCase(testCase, flawed.target, port, DEFAULT_TIMEOUTS);
          expect(result.verdict, result.actual).toBe(proof.verdict);
          expect(result.expected.length).toBeGreaterThan(0);
          expect(result.actual).not.toBe('');
          if (observed) {
            expect(result.actual).toMatch(observed.with);
            expect(result.actual).not.toMatch(observed.without);
          }
        });
      }
    });
  }
});
