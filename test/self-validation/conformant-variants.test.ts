import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VARIANT_DESCRIPTIONS, VARIANTS, type Variant } from '../../targets/flawed/variants.ts';
import type { AnyCase } from '../../harness/model/case.ts';
import type { PortKind } from '../../harness/model/port.ts';
import type { Verdict } from '../../harness/model/verdict.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { startFlawed } from './flawed-target-fixture.ts';

/**
 * The mirror of the FAIL switches: on each conformant variant of the flawed target (a behaviour the
 * RFCs allow), no case may FAIL or end ERROR, and only the cases the variant is about may WARN (an
 * expired certificate is a certificate finding): those that name it in their proof's `about`. Every case
 * runs on every variant, also where its proof does not name it. A naive oracle, one that insists on a single reply
 * where the RFC allows several, fails here.
 */
const GREEN: readonly Verdict[] = ['PASS', 'NA', 'INFO'];

/**
 * One seed, and the systematic core of each property-based case plus 10 random runs (not the 15 to 93
 * of a run): the core is what varies the inputs systematically; the variants vary the server.
 */
const VARIANT_TIMEOUTS = { ...DEFAULT_TIMEOUTS, seed: 42, runs: 10 };

const portsOf = (c: AnyCase): readonly PortKind[] => (c.scope === 'target' ? c.ports.slice(0, 1) : c.ports);

describe.concurrent.each(VARIANTS.map((v) => [v, VARIANT_DESCRIPTIONS[v]] as const))('conformant variant %s (%s)', (variant: Variant) => {
  let target: ProvisionedTarget;
  beforeAll(async () => {
    target = await startFlawed([variant]);
  });
  afterAll(() => target.stop());

  for (const testCase of ALL_CASES) {
    for (const port of portsOf(testCase)) {
      const about = testCase.proof.about?.includes(variant) ?? false;
      const allowed: readonly Verdict[] = about ? [...GREEN, 'WARN'] : GREEN;
      it(`${testCase.id} on ${port} stays ${allowed.join('/')}`, async () => {
        const result = await runCase(testCase, target.target, port, VARIANT_TIMEOUTS);
        expect(allowed, `${result.verdict}: ${result.actual}`).toContain(result.verdict);
      });
    }
  }
});
