import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseResult } from '../harness/model/result.ts';
import { verdictLabel } from '../harness/model/verdict.ts';
import { groupBy } from './case-groups.ts';
import type { Report } from './report-model.ts';
import { portsOf, targetNames } from './target-stats.ts';
import { transcriptLines } from './transcript-lines.ts';
import { waiverLine } from './waiver-line.ts';
import { xmlAttr, xmlText } from './xml-text.ts';

export const JUNIT_REPORT_NAME = 'junit.xml';

/** How a verdict shows in JUnit: passed, or one of the three outcome elements. */
type Outcome = { element: 'failure' | 'error' | 'skipped'; message: string } | { element: 'passed'; note?: string };

/**
 * FAIL and XPASS fail; ERROR is an error; NA and XFAIL are skipped. WARN passes with a note in
 * system-out, and fails only under --strict, as the exit code does (reports/exit-code.ts). INFO passes.
 */
function outcomeOf(r: CaseResult, strict: boolean): Outcome {
  switch (r.verdict) {
    case 'PASS':
      return { element: 'passed' };
    case 'FAIL':
      return { element: 'failure', message: `${verdictLabel(r.verdict, r.category)}: ${r.actual}` };
    case 'XPASS':
      return { element: 'failure', message: `waived case passed, the waiver is stale: ${r.waiver ?? ''}` };
    case 'WARN':
      return strict ? { element: 'failure', message: `WARN (strict): ${r.actual}` } : { element: 'passed', note: 'WARN: a SHOULD-level requirement is missed' };
    case 'INFO':
      return { element: 'passed', note: 'INFO: behaviour the specification leaves open' };
    case 'ERROR':
      return { element: 'error', message: r.error ?? r.actual };
    case 'NA':
      return { element: 'skipped', message: `not applicable: ${r.actual}` };
    case 'XFAIL':
      return { element: 'skipped', message: `expected failure, waived: ${r.waiver ?? ''}` };
  }
}

/** The evidence as plain text: source, Expected, Actual, Seen, Error, Waiver, transcript. */
function evidence(r: CaseResult): string {
  const lines = [`${r.source.rfc} §${r.source.section}: ${r.source.text}`, 'Expected:', ...r.expected.map((e) => `  - ${e}`), `Actual: ${r.actual}`];
  if (r.seen) lines.push(`Seen: ${r.seen}`);
  if (r.error) lines.push(`Error: ${r.error}`);
  if (r.waiver) lines.push(`Waiver: ${r.waiver}`);
  if (r.transcript.length > 0) lines.push('Transcript:', ...transcriptLines(r.transcript).map((l) => `  ${l}`));
  return lines.join('\n');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
/** A message attribute: one line, bounded; the whole evidence is in the element's text. */
const oneLine = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
};
const property = (name: string, value: string) => `<property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`;

function testcase(r: CaseResult, strict: boolean): { xml: string; outcome: Outcome } {
  const outcome = outcomeOf(r, strict);
  const properties = [
    ...r.requirements.map((id) => property('requirement', id)),
    ...(r.violated ?? []).map((id) => property('violated', id)),
    property('level', r.level),
    property('category', r.category),
    property('verdict', r.verdict),
    property('title', r.title),
    property('source', `${r.source.rfc} §${r.source.section}`),
  ];
  const out = [
    `    <testcase name="${xmlAttr(r.caseId)}" classname="${xmlAttr(`${r.target} ${r.port}`)}" time="${seconds(r.durationMs)}">`,
    '      <properties>',
    ...properties.map((p) => `        ${p}`),
    '      </properties>',
  ];
  if (outcome.element === 'skipped') out.push(`      <skipped message="${xmlAttr(oneLine(outcome.message))}"/>`);
  else if (outcome.element !== 'passed') {
    out.push(`      <${outcome.element} message="${xmlAttr(oneLine(outcome.message))}" type="${r.verdict}">${xmlText(evidence(r))}</${outcome.element}>`);
  } else if (outcome.note) out.push(`      <system-out>${xmlText(`${outcome.note}\n${evidence(r)}`)}</system-out>`);
  out.push('    </testcase>');
  return { xml: out.join('\n'), outcome };
}

interface Tally {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
}

const tallyAttrs = (t: Tally) => `tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}" time="${seconds(t.time)}"`;

/** JUnit XML: one testsuite per target × port, one testcase per case; reports/schema/junit.xsd describes it. */
export function renderJunit(report: Report): string {
  const suites: string[] = [];
  const total: Tally = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  const byTarget = groupBy(report.results, (r) => r.target);
  for (const name of targetNames(report.targets, report.results)) {
    const results = byTarget.get(name) ?? [];
    const summary = report.targets.find((t) => t.name === name);
    for (const port of portsOf(results)) {
      const cases = results.filter((r) => r.port === port).map((r) => testcase(r, report.options.strict));
      const tally: Tally = {
        tests: cases.length,
        failures: cases.filter((c) => c.outcome.element === 'failure').length,
        errors: cases.filter((c) => c.outcome.element === 'error').length,
        skipped: cases.filter((c) => c.outcome.element === 'skipped').length,
        time: results.filter((r) => r.port === port).reduce((sum, r) => sum + r.durationMs, 0),
      };
      for (const key of Object.keys(total) as (keyof Tally)[]) total[key] += tally[key];
      const properties = [
        property('target', name),
        property('port', port),
        ...(summary ? [property('kind', summary.kind), ...Object.entries(summary.facts).map(([k, v]) => property(`fact.${k}`, v))] : []),
        // The target's waivers (its own and --waivers), one property each: "<case> [on <port>] [until <day>]: <reason>".
        ...(summary?.waivers ?? []).map((w) => property('waiver', waiverLine(w))),
        property('strict', String(report.options.strict)),
      ];
      suites.push(
        [
          `  <testsuite name="${xmlAttr(`${name} port ${port}`)}" ${tallyAttrs(tally)} timestamp="${xmlAttr(report.startedAt)}">`,
          '    <properties>',
          ...properties.map((p) => `      ${p}`),
          '    </properties>',
          ...cases.map((c) => c.xml),
          '  </testsuite>',
        ].join('\n'),
      );
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(`${report.tool.name} ${report.tool.version}`)}" ${tallyAttrs(total)} timestamp="${xmlAttr(report.startedAt)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

export async function writeJunitReport(report: Report, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, JUNIT_REPORT_NAME);
  await writeFile(file, renderJunit(report), 'utf8');
  return file;
}
