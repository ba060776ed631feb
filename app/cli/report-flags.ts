import path from 'node:path';
import { renderConsoleTree } from '../../reports/console-tree.ts';
import type { Report } from '../../reports/report-model.ts';
import { DEFAULT_FORMATS, FORMATS, isFormat, writeReports, type Format } from '../../reports/write-reports.ts';
import { parseShard, type Shard } from '../plan/shard.ts';
import { UsageError } from './usage-error.ts';

/** `--format json,html --format junit`: any subset of FORMATS, commas or repeats; the default when absent. */
export function parseFormats(values: readonly string[] | undefined): Format[] {
  if (!values?.length) return [...DEFAULT_FORMATS];
  const names = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  const formats: Format[] = [];
  for (const name of names) {
    if (!isFormat(name)) throw new UsageError(`unknown --format "${name}"; formats: ${FORMATS.join(', ')}`);
    if (!formats.includes(name)) formats.push(name);
  }
  return formats;
}

export function parseShardFlag(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const shard = parseShard(value);
  if (!shard) throw new UsageError(`--shard must be i/n with 1 <= i <= n, got "${value}"`);
  return shard;
}

export interface EmitOptions {
  formats: readonly Format[];
  color: boolean;
  verbose: boolean;
}

/** Writes the chosen files, prints the console tree if chosen, and one line on stderr naming what was written. */
export async function emitReport(report: Report, outDir: string, opts: EmitOptions): Promise<void> {
  const files = await writeReports(report, outDir, opts.formats);
  if (opts.formats.includes('console')) process.stdout.write(`${renderConsoleTree(report, { color: opts.color, verbose: opts.verbose })}\n`);
  if (files.length > 0) process.stderr.write(`msaspec: ${reportsWrittenLine(outDir, files)}\n`);
}

export function reportsWrittenLine(outDir: string, files: readonly string[]): string {
  return `reports written to ${outDir}: ${files.map((f) => path.basename(f)).join(', ')}`;
}
