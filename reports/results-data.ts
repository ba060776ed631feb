import type { Verdict } from '../harness/model/verdict.ts';
import { lineName, parseTargetName } from '../targets/releases.ts';
import type { Report } from './report-model.ts';

/** One target of the published matrix. */
export interface ResultsTarget {
  name: string;
  /** "postfix" for "postfix:stock" and for "postfix@debian12:stock". */
  mta: string;
  /** The release line, "debian12" for "postfix@debian12:stock" (targets/releases.ts); absent in files published before lines existed. */
  release?: string;
  /** The line's name: "postfix" on the current line, "postfix@debian12" on another; absent as `release` is. */
  line?: string;
  configuration: string;
  /** "package version" pairs the image recorded (/etc/msaspec/versions). */
  packages?: string;
}

export interface ResultsCase {
  id: string;
  title: string;
  requirements: string[];
  level: string;
}

/**
 * docs/results.json: the verdicts of one matrix run, machine-readable, so the tests can hold the
 * published table against each MTA's findings (targets/<mta>/findings.ts) and docs/results.md can
 * be rendered from it alone.
 */
export interface ResultsData {
  tool: string;
  startedAt: string;
  targets: ResultsTarget[];
  requirements: { id: string; level: string; graded?: string; summary: string }[];
  cases: ResultsCase[];
  /** target → case id → port label ("465", "587", "465+587") → verdict. */
  verdicts: Record<string, Record<string, Record<string, Verdict>>>;
  /**
   * The same keys, for the findings only (FAIL, WARN, XFAIL): the requirements each broke. A requirement's
   * cell shows a finding only under the requirement it names.
   */
  violated?: Record<string, Record<string, Record<string, string[]>>>;
}

/** A published target's line ("postfix", "postfix@debian12"); a file from before lines existed names only the MTA. */
export const lineOf = (t: ResultsTarget): string => t.line ?? t.mta;

/** Why a report cannot be published. */
export class ResultsInputError extends Error {}

/** The published part of a report: no transcripts, timings or run ids, so a rerun with the same verdicts changes only the header. */
export function resultsFromReport(report: Report): ResultsData {
  if (report.runErrors.length > 0) throw new ResultsInputError(`the run had errors, not publishing it: ${report.runErrors.join('; ')}`);
  const targets: ResultsTarget[] = report.targets
    .filter((t) => t.kind === 'container')
    .map((t) => {
      const parts = parseTargetName(t.name);
      const [mta = t.name, configuration = ''] = parts ? [parts.mta, parts.configuration] : t.name.split(':');
      const line = parts ? { release: parts.release, line: lineName(parts.mta, parts.release) } : {};
      return { name: t.name, mta, ...line, configuration, ...(t.facts.packages ? { packages: t.facts.packages } : {}) };
    });
  if (targets.length === 0) throw new ResultsInputError('the report has no built-in MTA target');
  const names = new Set(targets.map((t) => t.name));
  const verdicts: ResultsData['verdicts'] = {};
  const violated: NonNullable<ResultsData['violated']> = {};
  const cases = new Map<string, ResultsCase>();
  const ownLevel = new Map<string, boolean>();
  for (const r of report.results) {
    if (!names.has(r.target)) continue;
    ((verdicts[r.target] ??= {})[r.caseId] ??= {})[r.port] = r.verdict;
    if (r.violated) ((violated[r.target] ??= {})[r.caseId] ??= {})[r.port] = r.violated;
    // The case's own level: a finding row is graded at the level of what it broke (a model case's rule).
    if (!cases.has(r.caseId) || (!r.violated && ownLevel.get(r.caseId) === false)) {
      cases.set(r.caseId, { id: r.caseId, title: r.title, requirements: r.requirements, level: r.level });
      ownLevel.set(r.caseId, !r.violated);
    }
  }
  const cited = new Set([...[...cases.values()].flatMap((c) => c.requirements), ...Object.values(violated).flatMap((byCase) => Object.values(byCase).flatMap((ports) => Object.values(ports).flat()))]);
  return {
    tool: `${report.tool.name} ${report.tool.version}`,
    startedAt: report.startedAt,
    targets,
    requirements: report.requirements.filter((q) => cited.has(q.id)).map(({ id, level, graded, summary }) => ({ id, level, ...(graded ? { graded } : {}), summary })),
    cases: [...cases.values()],
    verdicts,
    violated,
  };
}
