import type { CaseResult } from '../harness/model/result.ts';
import type { EnvelopeSettings } from '../harness/model/envelope.ts';
import { summarizeTarget, type ResolvedTarget } from '../harness/model/target.ts';
import type { GradingProfile } from '../harness/model/verdict.ts';
import { REQUIREMENTS } from '../suites/requirements.ts';
import { catalogueRank } from './catalogue-order.ts';
import { countVerdicts, exitCodeFor } from './exit-code.ts';
import { REPORT_SCHEMA_VERSION, type Report, type ReportOptions, type ReportShard } from './report-model.ts';

/** What a report records of the run's settings: the run plan (app/plan/run-plan.ts) has them all. */
export interface RunSettings {
  strict: boolean;
  profile?: GradingProfile;
  only: string[];
  exclude?: string[];
  shard?: ReportShard;
  caseTimeoutMs: number;
  seed?: number;
  runs?: number;
  connections?: number;
  /** Epoch ms. */
  deadlineAt?: number;
  envelope?: EnvelopeSettings;
  cleartextTestCredentials?: boolean;
}

export interface RunOutcome {
  version: string;
  plan: RunSettings;
  targets: ResolvedTarget[];
  results: CaseResult[];
  runErrors: string[];
  startedAt: Date;
}

/** Results arrive in completion order; reports list them by target, then port, then catalogue order. */
export function sortResults(results: readonly CaseResult[], targets: readonly string[]): CaseResult[] {
  const rank = (name: string) => (targets.includes(name) ? targets.indexOf(name) : targets.length);
  return [...results].sort(
    (a, b) =>
      rank(a.target) - rank(b.target) ||
      a.target.localeCompare(b.target) ||
      a.port.localeCompare(b.port) ||
      catalogueRank(a.caseId) - catalogueRank(b.caseId),
  );
}

export function reportOptions(plan: RunSettings): ReportOptions {
  return {
    strict: plan.strict,
    ...(plan.profile ? { profile: plan.profile } : {}),
    only: plan.only,
    exclude: plan.exclude ?? [],
    ...(plan.shard ? { shard: plan.shard } : {}),
    caseTimeoutMs: plan.caseTimeoutMs,
    ...(plan.seed !== undefined ? { seed: plan.seed } : {}),
    ...(plan.runs !== undefined ? { runs: plan.runs } : {}),
    ...(plan.connections !== undefined ? { connections: plan.connections } : {}),
    ...(plan.deadlineAt !== undefined ? { deadlineAt: new Date(plan.deadlineAt).toISOString() } : {}),
    ...(plan.envelope?.mailFrom !== undefined ? { mailFrom: plan.envelope.mailFrom } : {}),
    ...(plan.envelope?.rcptTo !== undefined ? { rcptTo: plan.envelope.rcptTo } : {}),
    ...(plan.envelope?.ehloName !== undefined ? { ehloName: plan.envelope.ehloName } : {}),
    ...(plan.cleartextTestCredentials ? { cleartextTestCredentials: true } : {}),
  };
}

export function buildReport(outcome: RunOutcome): Report {
  const results = sortResults(
    outcome.results,
    outcome.targets.map((t) => t.name),
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'msaspec', version: outcome.version },
    startedAt: outcome.startedAt.toISOString(),
    durationMs: Date.now() - outcome.startedAt.getTime(),
    options: reportOptions(outcome.plan),
    targets: outcome.targets.map(summarizeTarget),
    requirements: REQUIREMENTS.map((r) => ({ ...r })),
    results,
    counts: countVerdicts(results),
    runErrors: outcome.runErrors,
    exitCode: exitCodeFor(results, outcome.runErrors, outcome.plan.strict),
  };
}
