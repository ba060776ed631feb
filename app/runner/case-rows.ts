import { describe, inject, test } from 'vitest';
import { selectCases } from '../../suites/index.ts';
import { plannedRows } from '../plan/planned-rows.ts';
import { ConnectionLimiter, DEFAULT_CONNECTIONS_PER_TARGET } from '../../harness/run/connection-limiter.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { TargetHealth } from '../../harness/run/target-health.ts';
import './provided.ts';

/**
 * The conformance run as vitest tests: one test per case × target × port, each on fresh connections.
 * Verdicts travel in task meta to the msaspec reporter; the vitest test itself fails only when the
 * harness breaks, so vitest's own status never stands in for a verdict.
 */
const { plan, targets } = inject('msaspec');
const timeouts = {
  replyMs: plan.replyTimeoutMs,
  quietMs: plan.quietMs,
  caseMs: plan.caseTimeoutMs,
  ...(plan.seed !== undefined ? { seed: plan.seed } : {}),
  ...(plan.runs !== undefined ? { runs: plan.runs } : {}),
};
const cases = selectCases(plan.only, plan.exclude);
// One spec file runs in one vitest worker: every case of the run shares these.
const health = new TargetHealth();

for (const target of targets) {
  const limiter = new ConnectionLimiter(plan.connections ?? DEFAULT_CONNECTIONS_PER_TARGET);
  const controls = { limiter, health, ...(plan.deadlineAt !== undefined ? { deadlineAt: plan.deadlineAt } : {}) };
  describe(target.name, () => {
    for (const { testCase, port, label } of plannedRows(cases, target.planned ?? target.name, plan.shard)) {
      test.concurrent(`${testCase.id} [${label}]`, async ({ task }) => {
        task.meta.msaspec = { caseId: testCase.id, target: target.name, port: label };
        task.meta.msaspec.result = await runCase(testCase, target, port, timeouts, plan.profile, controls);
      });
    }
  });
}
