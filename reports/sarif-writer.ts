import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { CaseResult } from '../harness/model/result.ts';
import { isMandatory, verdictLabel, type Verdict } from '../harness/model/verdict.ts';
import { waiverLine } from './waiver-line.ts';
import type { Report } from './report-model.ts';
import { visibleControls } from './visible-text.ts';

export const SARIF_REPORT_NAME = 'report.sarif';
/** The schema of the final SARIF 2.1.0 as SchemaStore publishes it (what code-scanning uploads name). */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Verdicts that are findings; XFAIL is one too, reported as suppressed by the target's waiver. */
const FINDINGS: ReadonlySet<Verdict> = new Set(['FAIL', 'WARN', 'XPASS', 'XFAIL']);

/** By the level the cases grade at; a configuration finding (certificates) is WARN by default. */
const LEVEL: Record<string, Result.level> = { MUST: 'error', 'MUST NOT': 'error', SHOULD: 'warning', 'SHOULD NOT': 'warning', config: 'warning' };

const text = (value: string) => visibleControls(value).replace(/\s+/g, ' ').trim();

function rule(requirement: Report['requirements'][number], cases: CaseResult[]): ReportingDescriptor {
  const first = cases[0];
  const graded = requirement.graded ?? requirement.level;
  const categories = [...new Set(cases.map((c) => c.category))].sort();
  return {
    id: requirement.id,
    shortDescription: { text: text(requirement.summary) },
    fullDescription: {
      text: text(first ? `${requirement.level}: ${first.source.rfc} §${first.source.section}: ${first.source.text}` : `${requirement.level}: ${requirement.summary}`),
    },
    help: {
      text: text(requirement.gap ? `Not checked yet: ${requirement.gap}` : `Checked by: ${[...new Set(cases.map((c) => c.caseId))].join(', ') || 'no case in this run'}`),
    },
    defaultConfiguration: { level: LEVEL[graded] ?? 'note' },
    properties: { level: requirement.level, graded, tags: ['msaspec', ...categories] },
  };
}

function level(r: CaseResult): Result.level {
  if (r.verdict === 'XPASS' || r.verdict === 'FAIL') return 'error';
  if (r.verdict === 'WARN') return 'warning';
  return isMandatory(r.level) ? 'error' : 'warning';
}

function message(r: CaseResult): string {
  const what = r.verdict === 'XPASS' ? `waived case passed, the waiver is stale (${r.waiver ?? ''})` : r.verdict === 'XFAIL' ? `known deviation, waived (${r.waiver ?? ''})` : verdictLabel(r.verdict, r.category);
  const parts = [`${what}: ${r.caseId} on ${r.target} port ${r.port}: ${r.title}.`, `Expected: ${r.expected.join('; ')}.`, `Actual: ${r.actual}`];
  if (r.seen) parts.push(`Seen: ${r.seen}`);
  return text(parts.join(' '));
}

/** The same row keeps its fingerprint from run to run, so a dashboard tracks it. */
const fingerprint = (r: CaseResult) => createHash('sha256').update(`${r.caseId}\n${r.target}\n${r.port}`).digest('hex');

function result(r: CaseResult, ruleIndex: Map<string, number>): Result {
  // A finding is filed under the requirement it broke, which a model-based case narrows to one of its rules.
  const ruleId = r.violated?.[0] ?? r.requirements[0] ?? r.caseId;
  const index = ruleIndex.get(ruleId);
  return {
    ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    kind: 'fail',
    level: level(r),
    message: { text: message(r) },
    locations: [
      {
        // Not a source file: the service tested, so that dashboards group findings by target and port.
        physicalLocation: { artifactLocation: { uri: `msaspec/${encodeURIComponent(r.target)}/${encodeURIComponent(r.port)}` } },
        logicalLocations: [{ name: r.caseId, fullyQualifiedName: `${r.target}/${r.port}/${r.caseId}`, kind: 'test' }],
      },
    ],
    partialFingerprints: { 'msaspecRow/v1': fingerprint(r) },
    ...(r.verdict === 'XFAIL' ? { suppressions: [{ kind: 'external' as const, justification: text(r.waiver ?? 'waived by the target configuration') }] } : {}),
    properties: {
      caseId: r.caseId,
      target: r.target,
      port: r.port,
      verdict: r.verdict,
      requirements: r.requirements,
      ...(r.violated ? { violated: r.violated } : {}),
      category: r.category,
      requirementLevel: r.level,
      expected: r.expected.map(text),
      actual: text(r.actual),
      ...(r.seen ? { seen: text(r.seen) } : {}),
    },
  };
}

/** SARIF 2.1.0: one rule per requirement, one result per FAIL, WARN, XPASS (and waived XFAIL, suppressed). */
export function renderSarif(report: Report): Log {
  const rules = report.requirements.map((req) => rule(req, report.results.filter((r) => r.requirements.includes(req.id))));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const notifications: Notification[] = [
    ...report.runErrors.map((e): Notification => ({ level: 'error', message: { text: text(`run error: ${e}`) } })),
    ...report.results
      .filter((r) => r.verdict === 'ERROR')
      .map((r): Notification => ({ level: 'error', message: { text: text(`${r.caseId} on ${r.target} port ${r.port} could not conclude: ${r.error ?? r.actual}`) } })),
  ];
  const end = new Date(Date.parse(report.startedAt) + report.durationMs).toISOString();
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'msaspec', version: report.tool.version, semanticVersion: report.tool.version, rules } },
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            startTimeUtc: report.startedAt,
            endTimeUtc: end,
            exitCode: report.exitCode,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results: report.results.filter((r) => FINDINGS.has(r.verdict)).map((r) => result(r, ruleIndex)),
        properties: {
          targets: report.targets.map((t) => ({
            name: text(t.name),
            kind: t.kind,
            host: text(t.host),
            facts: Object.fromEntries(Object.entries(t.facts).map(([k, v]) => [k, text(v)])),
            waivers: t.waivers.map((w) => text(waiverLine(w))),
          })),
          counts: report.counts,
        },
      },
    ],
  };
}

export async function writeSarifReport(report: Report, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, SARIF_REPORT_NAME);
  await writeFile(file, `${JSON.stringify(renderSarif(report), null, 2)}\n`, 'utf8');
  return file;
}
