import type { CaseResult } from '../harness/model/result.ts';
import { summarizeTarget, type ResolvedTarget } from '../harness/model/target.ts';
import type { RunPlan } from '../harness/targets/target-spec.ts';
import { ALL_CASES } from '../suites/index.ts';
import { countVerdicts, exitCodeFor } from './exit-code.ts';
import { REPORT_SCHEMA_VERSION, type Report } from './report-model.ts';

export interface RunOutcome {
  version: string;
  plan: RunPlan;
  targets: ResolvedTarget[];
  results: CaseResult[];
  runErrors: string[];
  startedAt: Date;
}

const caseOrder = new Map(ALL_CASES.map((c, i) => [c.id, i]));

/** Results arrive in completion order; reports list them by target, then port, then catalogue order. */
function compareResults(targets: string[]) {
  return (a: CaseResult, b: CaseResult) =>
    targets.indexOf(a.target) - targets.indexOf(b.target) ||
    a.port.localeCompare(b.port) ||
    (caseOrder.get(a.caseId) ?? 0) - (caseOrder.get(b.caseId) ?? 0);
}

export function buildReport(outcome: RunOutcome): Report {
  const names = outcome.targets.map((t) => t.name);
  const results = [...outcome.results].sort(compareResults(names));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'msaspec', version: outcome.version },
    startedAt: outcome.startedAt.toISOString(),
    durationMs: Date.now() - outcome.startedAt.getTime(),
    options: { strict: outcome.plan.strict, only: outcome.plan.only, caseTimeoutMs: outcome.plan.caseTimeoutMs },
    targets: outcome.targets.map(summarizeTarget),
    results,
    counts: countVerdicts(results),
    runErrors: outcome.runErrors,
    exitCode: exitCodeFor(results, outcome.runErrors, outcome.plan.strict),
  };
}
