import type { CaseResult } from '../harness/model/result.ts';
import type { TargetSummary } from '../harness/model/target.ts';
import type { Verdict } from '../harness/model/verdict.ts';

export const REPORT_SCHEMA_VERSION = 1;

/** The one model every writer renders (DESIGN.md: reports from one model). */
export interface Report {
  schemaVersion: number;
  tool: { name: 'msaspec'; version: string };
  startedAt: string;
  durationMs: number;
  options: { strict: boolean; only: string[]; caseTimeoutMs: number };
  targets: TargetSummary[];
  results: CaseResult[];
  counts: Record<Verdict, number>;
  /** Errors of the run itself (provisioning, engine), not of a case. */
  runErrors: string[];
  exitCode: number;
}
