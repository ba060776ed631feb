import type { CaseResult } from '../harness/model/result.ts';
import type { TargetSummary } from '../harness/model/target.ts';
import type { Verdict } from '../harness/model/verdict.ts';
import type { Requirement } from '../suites/requirements.ts';

/** A row's identity: one case on one target and port (a run never has two rows with the same key). */
export const rowKey = (r: { caseId: string; target: string; port: string }): string => `${r.caseId}\n${r.target}\n${r.port}`;

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

/** How a row's verdict moved between the baseline run and this one (README "Comparing two runs"). */
export type ChangeKind = 'new finding' | 'finding resolved' | 'verdict moved' | 'new row' | 'row gone';

/** One case × target × port whose verdict differs from the baseline run's. */
export interface VerdictChange {
  caseId: string;
  target: string;
  port: string;
  kind: ChangeKind;
  /** Absent for a new row: the case did not run there before. */
  before?: Verdict;
  /** Absent for a row gone: the case did not run there this time. */
  after?: Verdict;
}

/** Set by `msaspec merge` given two runs of the same targets: the older run, and what moved since. */
export interface Comparison {
  baseline: { startedAt: string; durationMs: number; exitCode: number; toolVersion: string };
  changes: VerdictChange[];
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
  /** Set by `msaspec merge` of two runs of the same targets: the baseline and the rows that changed. */
  compared?: Comparison;
}
