// The package's programmatic entry point (`import { runSuite } from 'msaspec'`): a run with the CLI's
// options and report model, the case catalogue, the report writers, and the report schema check.
export { runSuite, type RunSuiteSettings } from './run-suite.ts';
export type { RunOptions } from './run-options.ts';
export { listCases, type CaseInfo } from './list-cases.ts';
export { writeReports } from './write-reports.ts';
export { validateReport, ReportValidationError } from '../../reports/validate-report.ts';
export { FORMATS, DEFAULT_FORMATS, type Format } from '../../reports/write-reports.ts';
export { REPORT_SCHEMA_VERSION, type Report, type ReportOptions } from '../../reports/report-model.ts';
export type { CaseResult } from '../../harness/model/result.ts';
export type { TargetSummary, Waiver } from '../../harness/model/target.ts';
export { VERDICTS, type Verdict, type Level, type Category } from '../../harness/model/verdict.ts';
export type { WaiverEntry } from '../plan/waivers-file.ts';
export { UsageError } from '../cli/usage-error.ts';
// A case's `run` is given a CaseContext: the model learns it by declaration merging from here, so the
// package's declarations check on their own (without skipLibCheck).
export type { CaseContext } from '../../harness/run/case-context.ts';
