import { describe, expect, it } from 'vitest';
import type { PortKind } from '../../harness/model/port.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { expectedVerdict, type ExpectedVerdicts } from '../../targets/target-findings.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { ConnectionLimiter, DEFAULT_CONNECTIONS_PER_TARGET } from '../../harness/run/connection-limiter.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { EndpointHealth } from '../../harness/run/endpoint-health.ts';
import { ALL_CASES } from '../../suites/index.ts';

export { expectedVerdict, type Expectation, type ExpectedVerdicts } from '../../targets/target-findings.ts';

/**
 * Runs every case of the catalogue on the target (concurrently, within a run's per-target connection
 * limit) and checks each verdict against the table; an entry naming no case of the catalogue fails
 * too, so a table cannot go stale.
 */
/**
 * The run's defaults, with twice the reply timeout: the test files of several MTAs and the in-process
 * self-validation share two cores in CI, and a TLS handshake that a loaded container answers in 6 s is
 * the machine's doing, not the MTA's. No case is retried; only the patience differs.
 */
const TARGET_TIMEOUTS = { ...DEFAULT_TIMEOUTS, replyMs: 2 * DEFAULT_TIMEOUTS.replyMs };

export function describeExpectedVerdicts(name: string, target: () => ResolvedTarget, expected: ExpectedVerdicts): void {
  const controls = { limiter: new ConnectionLimiter(DEFAULT_CONNECTIONS_PER_TARGET), health: new EndpointHealth() };
  describe.concurrent(name, () => {
    it('lists only cases of the catalogue, each with a reason', () => {
      const ids = new Set(ALL_CASES.map((c) => c.id));
      expect(Object.keys(expected).filter((id) => !ids.has(id))).toEqual([]);
      expect(Object.entries(expected).filter(([, [, reason]]) => reason.trim() === '')).toEqual([]);
    });
    for (const testCase of ALL_CASES) {
      const ports: readonly PortKind[] = testCase.scope === 'target' ? testCase.ports.slice(0, 1) : testCase.ports;
      for (const port of ports) {
        const want = expectedVerdict(expected, testCase.id, port);
        it(`${testCase.id} on ${port} is ${want}`, async () => {
          const result = await runCase(testCase, target(), port, TARGET_TIMEOUTS, 'default', controls);
          expect(result.verdict, `${result.actual}${result.error ? ` (${result.error})` : ''}`).toBe(want);
        });
      }
    }
  });
}
