import { describe, inject, test } from 'vitest';
import { selectCases } from '../../suites/index.ts';
import { runCase, portLabel } from '../run/run-case.ts';
import type { PortKind } from '../model/port.ts';
import './provided.ts';

/**
 * The conformance run as vitest tests: one test per case × target × port, each on fresh connections.
 * Verdicts travel in task meta to the msaspec reporter; the vitest test itself fails only when the
 * harness breaks, so vitest's own status never stands in for a verdict.
 */
const { plan, targets } = inject('msaspec');
const timeouts = { replyMs: plan.replyTimeoutMs, quietMs: plan.quietMs, caseMs: plan.caseTimeoutMs };
const cases = selectCases(plan.only);

for (const target of targets) {
  describe(target.name, () => {
    for (const testCase of cases) {
      const ports: readonly PortKind[] = testCase.scope === 'target' ? testCase.ports.slice(0, 1) : testCase.ports;
      for (const port of ports) {
        const label = portLabel(testCase, port);
        test.concurrent(`${testCase.id} [${label}]`, async ({ task }) => {
          task.meta.msaspec = { caseId: testCase.id, target: target.name, port: label };
          task.meta.msaspec.result = await runCase(testCase, target, port, timeouts);
        });
      }
    }
  });
}
