import type { CaseResult } from '../harness/model/result.ts';
import type { TargetSummary } from '../harness/model/target.ts';
import type { Verdict } from '../harness/model/verdict.ts';
import type { Requirement } from '../suites/requirements.ts';

/** report.json's version; reports/schema/report.schema.json describes it. */
export const REPORT_SCHEMA_VERSION = 1;

/** Part `index` (1-based) of `total` of a sharded run (`--shard`). */
export interface ReportShard {
  index: number;
  total: number;
}

export interface ReportOptions {
  strict: boolean;
  only: string[];
  exclude?: string[];
  /** Present when this report is one part of a sharded run. */
  shard?: ReportShard;
  caseTimeoutMs: number;
  [extra: string]: unknown;
}

/** One input of `msaspec merge`, as it described itself. */
export interface MergedInput {
  shard?: ReportShard;
  startedAt: string;
  durationMs: number;
  exitCode: number;
  targets: TargetSummary[];
}

/** The one model every writer renders (README "Reports": every format reads the same verdicts). */
export interface Report {
  schemaVersion: number;
  tool: { name: 'msaspec'; version: string };
  startedAt: string;
  durationMs: number;
  options: ReportOptions;
  targets: TargetSummary[];
  /** The requirement catalogue of this suite version, covered or not: what a certification lists. */
  requirements: Requirement[];
  results: CaseResult[];
  counts: Record<Verdict, number>;
  /** Errors of the run itself (provisioning, engine), not of a case. */
  runErrors: string[];
  exitCode: number;
  /** Set by `msaspec merge`: the reports this one was made of. */
  merged?: { inputs: MergedInput[] };
}
