import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TARGET_FINDINGS } from '../../targets/findings.ts';
import { expectedVerdictForLabel } from '../../targets/target-findings.ts';
import { renderHardenedVerdicts, withVerdictsSection } from '../../reports/hardened-verdicts.ts';
import { ReportValidationError, validateReport } from '../../reports/validate-report.ts';
import { lineOf, ResultsInputError, resultsFromReport, type ResultsData } from '../../reports/results-data.ts';
import { CURRENT_RELEASE, lineName } from '../../targets/releases.ts';
import { renderResultsMarkdown } from '../../reports/results-markdown.ts';
import { PACKAGE_ROOT } from './project-root.ts';
import { UsageError } from './usage-error.ts';

/** The clone's docs/; the installed package ships none, so there it is ./docs. */
export const RESULTS_DIR = existsSync(resolve(PACKAGE_ROOT, 'docs')) ? resolve(PACKAGE_ROOT, 'docs') : resolve('docs');

/** Rows whose verdict is not what the MTA's findings.ts expects: the table and the findings would disagree. */
export function findingsMismatches(data: ResultsData): string[] {
  const out: string[] = [];
  for (const target of data.targets) {
    const expected = TARGET_FINDINGS[lineOf(target)]?.configurations[target.configuration as 'stock' | 'hardened'];
    if (!expected) continue;
    for (const [caseId, ports] of Object.entries(data.verdicts[target.name] ?? {})) {
      for (const [port, verdict] of Object.entries(ports)) {
        const want = expectedVerdictForLabel(expected, caseId, port);
        if (verdict !== want) out.push(`${target.name} ${caseId} on ${port}: ${verdict}, findings.ts expects ${want}`);
      }
    }
  }
  return out;
}

/**
 * The hardened docs (docs/hardened/<mta>.md, each findings.ts's `doc`) under `dir` with their verdicts
 * section rendered from `data`, not yet written. An MTA the run did not cover keeps its section, with a
 * warning; a doc under `dir` without its markers is an error, before anything is written.
 */
export function hardenedDocUpdates(data: ResultsData, dir: string): { path: string; text: string }[] {
  // A hardened doc is about the current line: the configuration it documents is what people install now.
  return Object.values(TARGET_FINDINGS).flatMap((f) => {
    if (!f.doc || f.release !== CURRENT_RELEASE) return [];
    const path = join(dir, f.doc);
    if (!existsSync(path)) return [];
    const line = lineName(f.mta, f.release);
    const covered = ['stock', 'hardened'].every((configuration) => data.targets.some((t) => lineOf(t) === line && t.configuration === configuration));
    if (!covered) {
      process.stderr.write(`msaspec: warning: ${path} kept as it was: the run has not both ${line}:stock and ${line}:hardened\n`);
      return [];
    }
    return [{ path, text: withVerdictsSection(readFileSync(path, 'utf8'), renderHardenedVerdicts(data, line), path) }];
  });
}

/**
 * `msaspec results REPORT.json`: publishes a matrix run as docs/results.json (the verdicts, for the
 * tests), docs/results.md (the table and each MTA's findings explained) and the verdicts section of
 * each docs/hardened/<mta>.md. Given a results.json instead, it renders those again from it. Exit 0
 * when written.
 */
export function resultsCommand(reportPath: string, flags: { out?: string }): number {
  const path = statSync(reportPath, { throwIfNoEntry: false })?.isDirectory() ? join(reportPath, 'report.json') : reportPath;
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  let data: ResultsData;
  try {
    // A results.json itself re-renders results.md (after a reason in a findings.ts changed) without a new run;
    // anything else must be a report.json, checked against its schema first.
    const isResults = typeof input === 'object' && input !== null && 'verdicts' in input;
    data = isResults ? (input as ResultsData) : resultsFromReport(validateReport(input, path));
  } catch (err) {
    if (err instanceof ResultsInputError || err instanceof ReportValidationError) throw new UsageError(err.message);
    throw err;
  }
  const out = resolve(flags.out ?? RESULTS_DIR);
  const docs = hardenedDocUpdates(data, out);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(data, null, 2)}\n`);
  writeFileSync(join(out, 'results.md'), renderResultsMarkdown(data, TARGET_FINDINGS));
  for (const { path, text } of docs) writeFileSync(path, text);
  for (const line of findingsMismatches(data)) process.stderr.write(`msaspec: warning: ${line}\n`);
  process.stderr.write(`msaspec: wrote ${join(out, 'results.md')}, results.json (${data.targets.length} targets) and ${docs.length} hardened doc(s)\n`);
  return 0;
}
