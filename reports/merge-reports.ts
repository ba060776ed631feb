import type { TargetSummary } from '../harness/model/target.ts';
import { sortResults } from './build-report.ts';
import { compareReports } from './compare-reports.ts';
import { countVerdicts, exitCodeFor } from './exit-code.ts';
import { rowKey, type Report, type ReportOptions } from './report-model.ts';

/** Inputs that cannot be merged into one honest report. */
export class MergeError extends Error {
  override name = 'MergeError';
}

/** What must agree between inputs: the suite, and the options that decide which rows exist and what they mean. */
function sameRun(options: ReportOptions): string {
  const { shard: _shard, ...rest } = options;
  return JSON.stringify({ strict: rest.strict, only: rest.only, exclude: rest.exclude ?? [], profile: rest.profile ?? 'default' });
}

function checkShards(reports: readonly { label: string; report: Report }[]): void {
  const sharded = reports.filter((r) => r.report.options.shard);
  if (sharded.length === 0) return;
  if (sharded.length !== reports.length) throw new MergeError('cannot mix sharded and unsharded reports');
  const total = reports[0]?.report.options.shard?.total ?? 0;
  const seen = new Map<number, string>();
  for (const { label, report } of reports) {
    const shard = report.options.shard!;
    if (shard.total !== total) throw new MergeError(`${label} is shard ${shard.index}/${shard.total}, the others are of ${total}`);
    const other = seen.get(shard.index);
    if (other) throw new MergeError(`shard ${shard.index}/${total} given twice: ${other} and ${label}`);
    seen.set(shard.index, label);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new MergeError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${total}`).join(', ')}`);
}

/**
 * Two unsharded runs of the same targets that share rows are not parts of one run but a before and
 * an after (a fix, an upgrade, another suite version): they are compared, not joined.
 */
function isComparison(inputs: readonly { report: Report }[]): boolean {
  if (inputs.length !== 2 || inputs.some(({ report }) => report.options.shard)) return false;
  const [a, b] = inputs.map(({ report }) => report);
  const names = (r: Report) => JSON.stringify([...new Set(r.targets.map((t) => t.name))].sort());
  if (names(a!) !== names(b!)) return false;
  const keys = new Set(a!.results.map(rowKey));
  return b!.results.some((r) => keys.has(rowKey(r)));
}

/**
 * One report from several: the shards of one run (all of them, each once), or runs of different
 * targets with the same options; or, given two runs of the same targets, the newer one compared
 * with the older (compare-reports.ts). Rows are never combined: a case × target × port found twice is an
 * error. Counts and the exit code are computed again from the merged rows; targets[] lists each target
 * as the first input describes it, and merged.inputs keeps every input's own view (ports, image ids).
 */
export function mergeReports(inputs: readonly { label: string; report: Report }[]): Report {
  const first = inputs[0]?.report;
  if (!first) throw new MergeError('no report to merge');
  if (isComparison(inputs)) {
    const [a, b] = inputs;
    if (a!.report.schemaVersion !== b!.report.schemaVersion) throw new MergeError(`${b!.label} has schema version ${b!.report.schemaVersion}, ${a!.label} has ${a!.report.schemaVersion}`);
    // The older run is the baseline, whichever order they were given in.
    const [older, newer] = Date.parse(b!.report.startedAt) < Date.parse(a!.report.startedAt) ? [b!, a!] : [a!, b!];
    return compareReports(older.report, newer.report);
  }
  for (const { label, report } of inputs) {
    if (report.schemaVersion !== first.schemaVersion) throw new MergeError(`${label} has schema version ${report.schemaVersion}, ${inputs[0]?.label} has ${first.schemaVersion}`);
    if (report.tool.version !== first.tool.version) throw new MergeError(`${label} was made by msaspec ${report.tool.version}, ${inputs[0]?.label} by ${first.tool.version}`);
    if (sameRun(report.options) !== sameRun(first.options)) throw new MergeError(`${label} was run with other options (strict, only, exclude, profile) than ${inputs[0]?.label}`);
  }
  checkShards(inputs);

  const rows = new Map<string, string>();
  for (const { label, report } of inputs) {
    for (const r of report.results) {
      const other = rows.get(rowKey(r));
      if (other) throw new MergeError(`${r.caseId} on ${r.target} port ${r.port} is in both ${other} and ${label}${report.options.shard ? '' : ' (two runs of the same targets are compared two at a time)'}`);
      rows.set(rowKey(r), label);
    }
  }

  const targets: TargetSummary[] = [];
  for (const { report } of inputs) for (const t of report.targets) if (!targets.some((known) => known.name === t.name)) targets.push(t);
  const results = sortResults(
    inputs.flatMap(({ report }) => report.results),
    targets.map((t) => t.name),
  );
  const runErrors = inputs.flatMap(({ report }) => report.runErrors.map((e) => (report.options.shard ? `shard ${report.options.shard.index}/${report.options.shard.total}: ${e}` : e)));
  const starts = inputs.map(({ report }) => Date.parse(report.startedAt));
  const ends = inputs.map(({ report }) => Date.parse(report.startedAt) + report.durationMs);
  const startedAt = Math.min(...starts);
  const { shard: _shard, ...options } = first.options;
  return {
    schemaVersion: first.schemaVersion,
    tool: first.tool,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Math.max(...ends) - startedAt,
    options,
    targets,
    requirements: first.requirements,
    results,
    counts: countVerdicts(results),
    runErrors,
    exitCode: exitCodeFor(results, runErrors, first.options.strict),
    merged: {
      inputs: inputs.map(({ report }) => ({
        ...(report.options.shard ? { shard: report.options.shard } : {}),
        startedAt: report.startedAt,
        durationMs: report.durationMs,
        exitCode: report.exitCode,
        targets: report.targets,
      })),
    },
  };
}
