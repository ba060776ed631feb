import { writeHtmlReport } from './html/page.ts';
import { writeJsonReport } from './json-writer.ts';
import { writeJunitReport } from './junit-writer.ts';
import { writeMarkdownReport } from './markdown-writer.ts';
import type { Report } from './report-model.ts';
import { writeSarifReport } from './sarif-writer.ts';

/** Every output of a run; `console` is the tree on stdout, the others are files in the report directory. */
export const FORMATS = ['json', 'html', 'junit', 'sarif', 'markdown', 'console'] as const;
export type Format = (typeof FORMATS)[number];
export const DEFAULT_FORMATS: readonly Format[] = ['json', 'html', 'console'];

const WRITERS: Record<Exclude<Format, 'console'>, (report: Report, dir: string) => Promise<string>> = {
  json: writeJsonReport,
  html: writeHtmlReport,
  junit: writeJunitReport,
  sarif: writeSarifReport,
  markdown: writeMarkdownReport,
};

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

/** Writes the file formats asked for, in FORMATS order, and returns their paths. */
export async function writeReports(report: Report, dir: string, formats: readonly Format[]): Promise<string[]> {
  const files: string[] = [];
  for (const format of FORMATS) {
    if (format !== 'console' && formats.includes(format)) files.push(await WRITERS[format](report, dir));
  }
  return files;
}
