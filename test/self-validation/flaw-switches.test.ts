import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyCase } from '../../harness/model/case.ts';
import type { PortKind } from '../../harness/model/port.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import type { ProvisionedTarget } from '../../harness/targets/provisioner.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { startFlawed } from './flawed-target-fixture.ts';
import { PROOFS } from './proofs.ts';

const portsOf = (c: AnyCase): readonly PortKind[] => (c.scope === 'target' ? c.ports.slice(0, 1) : c.ports);

/** DESIGN.md self-validation: a case that cannot fail is a defect. */
describe('every case has a proof', () => {
  it.each(ALL_CASES.map((c) => c.id))('%s names the flaw that makes it fail', (id) => {
    expect(PROOFS[id], `add ${id} to test/self-validation/proofs.ts with the flaw that breaks it`).toBeDefined();
  });
});

describe.concurrent('conformant flawed target (no flaw switched on)', () => {
  let target: ProvisionedTarget;
  beforeAll(async () => {
    target = await startFlawed([]);
  });
  afterAll(() => target.stop());

  for (const testCase of ALL_CASES) {
    for (const port of portsOf(testCase)) {
      it(`${testCase.id} on ${port} is PASS`, async () => {
        const result = await runCase(testCase, target.target, port, DEFAULT_TIMEOUTS);
        expect(result.verdict, result.actual).toBe('PASS');
      });
    }
  }
});

describe.concurrent('each flaw turns its cases into findings', () => {
  for (const testCase of ALL_CASES) {
    const proof = PROOFS[testCase.id];
    if (!proof) continue;
    describe(`${testCase.id} under flaw "${proof.flaw}"`, () => {
      let target: ProvisionedTarget;
      beforeAll(async () => {
        target = await startFlawed([proof.flaw]);
      });
      afterAll(() => target.stop());

      for (const port of portsOf(testCase)) {
        it(`is ${proof.verdict} on ${port}`, async () => {
          const result = await runCase(testCase, target.target, port, DEFAULT_TIMEOUTS);
          expect(result.verdict, result.actual).toBe(proof.verdict);
          expect(result.expected.length).toBeGreaterThan(0);
          expect(result.actual).not.toBe('');
        });
      }
    });
  }
});
