import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderConsoleTree } from '../../reports/console-tree.ts';
import type { Report } from '../../reports/report-model.ts';
import { FORMATS, isFormat, writeReports as writeReportFiles, type Format } from '../../reports/write-reports.ts';
import { UsageError } from '../cli/usage-error.ts';

/**
 * Writes a report in the formats asked for into `dir` (made if missing), as `msaspec run --format`
 * does: report.json, index.html, junit.xml, report.sarif, summary.md; `console`, the CLI's text tree,
 * goes to console.txt (no colours). Returns the paths written.
 */
export async function writeReports(report: Report, formats: readonly Format[], dir: string): Promise<string[]> {
  for (const format of formats) if (!isFormat(format)) throw new UsageError(`unknown format "${String(format)}"; formats: ${FORMATS.join(', ')}`);
  const files = await writeReportFiles(report, dir, formats);
  if (formats.includes('console')) {
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'console.txt');
    await writeFile(file, `${renderConsoleTree(report, { color: false, verbose: false })}\n`);
    files.push(file);
  }
  return files;
}
