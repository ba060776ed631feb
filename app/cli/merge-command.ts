import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSON_REPORT_NAME } from '../../reports/json-writer.ts';
import { MergeError, mergeReports } from '../../reports/merge-reports.ts';
import type { Report } from '../../reports/report-model.ts';
import { ReportValidationError, validateReport } from '../../reports/validate-report.ts';
import { emitReport, parseFormats } from './report-flags.ts';
import { UsageError } from './usage-error.ts';

export interface MergeFlags {
  out: string;
  format?: string[];
  verbose?: boolean;
  color: boolean;
}

/** A report directory (its report.json) or a report.json itself. */
function readInput(given: string): { label: string; report: Report } {
  let file = resolve(given);
  try {
    if (statSync(file).isDirectory()) file = join(file, JSON_REPORT_NAME);
  } catch (err) {
    throw new UsageError(`cannot read ${given}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why = err instanceof SyntaxError ? 'not JSON' : ((err as NodeJS.ErrnoException).code ?? 'error');
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
  let report: Report;
  try {
    // Checked against the schema before anything is merged: a wrong field is named, never a crash later.
    report = validateReport(parsed, file);
  } catch (err) {
    if (err instanceof ReportValidationError) throw new UsageError(err.message);
    throw err;
  }
  return { label: given, report };
}

/** `msaspec merge DIR…`: the shards of one run (or runs of other targets) as one report, in every chosen format. */
export async function mergeCommand(dirs: string[], flags: MergeFlags): Promise<number> {
  const formats = parseFormats(flags.format);
  const inputs = dirs.map(readInput);
  let report: Report;
  try {
    report = mergeReports(inputs);
  } catch (err) {
    if (err instanceof MergeError) throw new UsageError(err.message);
    throw err;
  }
  await emitReport(report, resolve(flags.out), { formats, color: flags.color, verbose: flags.verbose ?? false });
  return report.exitCode;
}
