import { describe, inject, test } from 'vitest';
import { ConnectionLimiter } from '../../harness/run/connection-limiter.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { EndpointHealth } from '../../harness/run/endpoint-health.ts';
import { caseById } from '../plan/case-lookup.ts';
import './provided.ts';

/**
 * The conformance run as vitest tests: one test per row of the plan (case × target × port), each on
 * fresh connections. Verdicts travel in task meta to the msaspec reporter; the vitest test itself fails
 * only when the harness breaks, so vitest's own status never stands in for a verdict. The rows are the
 * plan's (app/plan/run-plan.ts), by case id; nothing is selected or sharded again here.
 */
const plan = inject('msaspecPlan');
const { targets } = inject('msaspec');
const timeouts = {
  replyMs: plan.replyTimeoutMs,
  quietMs: plan.quietMs,
  caseMs: plan.caseTimeoutMs,
  seed: plan.seed,
  ...(plan.runs !== undefined ? { runs: plan.runs } : {}),
};
// One rows file runs in one vitest worker: every case of the run shares these.
const health = new EndpointHealth();

for (const target of targets) {
  const limiter = new ConnectionLimiter(plan.connections);
  const controls = { limiter, health, ...(plan.deadlineAt !== undefined ? { deadlineAt: plan.deadlineAt } : {}) };
  const rows = plan.targets.find((planned) => planned.planned === (target.planned ?? target.name))?.rows ?? [];
  describe(target.name, () => {
    for (const { caseId, port, label } of rows) {
      test.concurrent(`${caseId} [${label}]`, async ({ task }) => {
        task.meta.msaspec = { caseId, target: target.name, port: label };
        const testCase = caseById(caseId);
        if (!testCase) throw new Error(`case ${caseId} of the plan is not in the catalogue`);
        task.meta.msaspec.result = await runCase(testCase, target, port, timeouts, plan.profile, controls);
      });
    }
  });
}
