import { afterAll, describe, expect, it } from 'vitest';
import type { AnyCase } from '../../harness/model/case.ts';
import type { PortKind } from '../../harness/model/port.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { endOfDataLookAlikes } from '../../suites/smuggling/4.1.1.4/end-of-data-look-alikes.ts';
import { generatedLookAlikes } from '../../suites/smuggling/4.1.1.4/generated-look-alikes.ts';
import { startFlawed } from './flawed-target-fixture.ts';

/**
 * Each smuggling switch of the flawed target, beyond the one a case's proof names: the look-alikes it
 * ends the data at are found by both SMUG-1 cases on both ports (the generated one with every seed of
 * a fixed set, through its core), except smuggle-unpipelined, which refuses pipelined smuggling and so
 * only the generated case's paused runs find.
 */
const SEEDS = [1001, 1002, 1003];
const PORTS: readonly PortKind[] = ['implicit', 'starttls'];
const SLOW = { timeout: 60_000 };

const targets = new Map<string, Promise<ProvisionedTarget>>();
const target = (flaw: string) => {
  if (!targets.has(flaw)) targets.set(flaw, startFlawed([flaw]));
  return targets.get(flaw)!;
};
afterAll(async () => {
  for (const t of targets.values()) await (await t).stop();
});

async function verdict(testCase: AnyCase, flaw: string, port: PortKind, seed?: number) {
  const { target: t } = await target(flaw);
  return runCase(testCase, t, port, { ...DEFAULT_TIMEOUTS, ...(seed !== undefined ? { seed } : {}) });
}

describe.concurrent('every smuggling switch is found', () => {
  for (const flaw of ['smuggle-lf-dot-lf', 'smuggle-cr-dot-cr', 'smuggle-nul']) {
    for (const port of PORTS) {
      it(`${flaw}: end-of-data-look-alikes is VULNERABLE on ${port}`, SLOW, async () => {
        const result = await verdict(endOfDataLookAlikes, flaw, port);
        expect(result.verdict, result.actual).toBe('FAIL');
        expect(result.category).toBe('security');
      });
      for (const seed of SEEDS) {
        it(`${flaw}: generated-look-alikes is VULNERABLE on ${port}, seed ${seed}, in its core`, SLOW, async () => {
          const result = await verdict(generatedLookAlikes, flaw, port, seed);
          expect(result.verdict, result.actual).toBe('FAIL');
          expect(result.replay?.executed).toBeLessThanOrEqual(result.replay?.core ?? 0);
        });
      }
    }
  }

  for (const port of PORTS) {
    it(`smuggle-unpipelined: the pipelined probes of end-of-data-look-alikes miss it on ${port}`, SLOW, async () => {
      const result = await verdict(endOfDataLookAlikes, 'smuggle-unpipelined', port);
      expect(result.verdict, result.actual).toBe('PASS');
    });
    for (const seed of SEEDS) {
      it(`smuggle-unpipelined: generated-look-alikes finds it on ${port}, seed ${seed}, in a paused core run`, SLOW, async () => {
        const result = await verdict(generatedLookAlikes, 'smuggle-unpipelined', port, seed);
        expect(result.verdict, result.actual).toBe('FAIL');
        expect(result.replay?.counterexample).toContain('each after a pause');
      });
    }
  }
});
