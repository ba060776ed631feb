import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from './report-model.ts';

export const JSON_REPORT_NAME = 'report.json';

/** Writes the report model as `report.json` in `dir` and returns the file's path. */
export async function writeJsonReport(report: Report, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, JSON_REPORT_NAME);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  return file;
}
