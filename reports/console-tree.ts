import type { CaseResult } from '../harness/model/result.ts';
import type { TargetSummary } from '../harness/model/target.ts';
import { VERDICTS, verdictLabel, type Verdict } from '../harness/model/verdict.ts';
import { byCaseGroup, groupBy } from './case-groups.ts';
import { painter, VERDICT_GLYPH, VERDICT_STYLE, VERDICT_WORD, type Paint } from './console-style.ts';
import { countVerdicts } from './exit-code.ts';
import { waiverLine } from './waiver-line.ts';
import type { Report } from './report-model.ts';
import { terminalSafe } from './terminal-text.ts';
import { transcriptLines } from './transcript-lines.ts';

export interface ConsoleOptions {
  color: boolean;
  /** Adds the transcript under every case that shows details. */
  verbose?: boolean;
}

const DETAILED: ReadonlySet<Verdict> = new Set(['FAIL', 'WARN', 'ERROR', 'XPASS']);
const LABEL_WIDTH = 'VULNERABLE'.length;

/**
 * The h2spec-like tree: target → port → case group → case, with the evidence under every case that
 * needs attention, then the counts and the run errors. Everything interpolated goes through
 * terminalSafe: titles and ids are ours, but actual, seen, error and facts may carry server text.
 */
export function renderConsoleTree(report: Report, opts: ConsoleOptions): string {
  const paint = painter(opts.color);
  const out: string[] = [header(report, paint), ''];

  const byTarget = groupBy(report.results, (r) => r.target);
  for (const name of targetOrder(report)) {
    const summary = report.targets.find((t) => t.name === name);
    out.push(paint('bold', targetHeading(name, summary)));
    for (const waiver of summary?.waivers ?? []) out.push(paint('dim', `  Waiver: ${safe(waiverLine(waiver))}`));
    const results = byTarget.get(name) ?? [];
    if (results.length === 0) out.push(paint('dim', '  (no results)'));
    for (const [port, portResults] of groupBy(results, (r) => r.port)) {
      out.push(`  ${paint('bold', portHeading(port))}`);
      for (const [group, cases] of byCaseGroup(portResults)) {
        out.push(`    ${safe(group)}`);
        for (const result of cases) out.push(...caseLines(result, paint, opts.verbose ?? false));
      }
    }
    out.push('');
  }

  out.push(...footer(report, byTarget, paint));
  return `${out.join('\n')}\n`;
}

function header(report: Report, paint: Paint): string {
  const seconds = (report.durationMs / 1000).toFixed(1);
  const strict = report.options.strict ? ', strict' : '';
  return paint('bold', `${report.tool.name} ${safe(report.tool.version)}`) + ` — started ${safe(report.startedAt)}, ${seconds} s${strict}`;
}

/** Targets as the report lists them, then any that only appear in results. */
function targetOrder(report: Report): string[] {
  const names = report.targets.map((t) => t.name);
  for (const r of report.results) if (!names.includes(r.target)) names.push(r.target);
  return names;
}

function targetHeading(name: string, summary: TargetSummary | undefined): string {
  if (!summary) return safe(name);
  const ports = Object.entries(summary.ports)
    .map(([kind, port]) => `${kind} :${port}`)
    .join(', ');
  return safe(`${name} (${summary.kind} ${summary.host}${ports ? `; ${ports}` : ''})`);
}

function portHeading(port: string): string {
  return port.includes('+') ? `Ports ${safe(port)}` : `Port ${safe(port)}`;
}

function caseLines(result: CaseResult, paint: Paint, verbose: boolean): string[] {
  const style = VERDICT_STYLE[result.verdict];
  const label = verdictLabel(result.verdict, result.category);
  // A finding names what it broke (a model case's counterexample breaks one of its rules); other rows what they check.
  const requirements = result.violated ? ` [breaks ${safe(result.violated.join(', '))}, ${safe(result.level)}]` : result.requirements.length > 0 ? ` [${safe(result.requirements.join(', '))}]` : '';
  const lines = [
    `      ${paint(style, `${VERDICT_GLYPH[result.verdict]} ${label}`)}${' '.repeat(LABEL_WIDTH - label.length)} ${safe(result.caseId)}  ${safe(result.title)}${paint('dim', requirements)}`,
  ];
  const detail = (text: string): void => {
    lines.push(`          ${text}`);
  };

  if (DETAILED.has(result.verdict)) {
    detail(paint('dim', `${safe(result.source.rfc)} §${safe(result.source.section)}: ${safe(result.source.text)}`));
    if (result.expected.length > 0) {
      detail('Expected:');
      for (const outcome of result.expected) detail(`  - ${safe(outcome)}`);
    }
    if (result.actual) detail(`Actual: ${safe(result.actual)}`);
    if (result.seen) detail(`Seen: ${safe(result.seen)}`);
    if (result.error) detail(`Error: ${safe(result.error)}`);
  }
  if ((result.verdict === 'XFAIL' || result.verdict === 'XPASS') && result.waiver) {
    detail(`Waiver: ${safe(result.waiver)}`);
  }
  if (verbose && DETAILED.has(result.verdict) && result.transcript.length > 0) {
    detail('Transcript:');
    for (const line of transcriptLines(result.transcript)) detail(`  ${paint('dim', line)}`);
  }
  return lines;
}

function footer(report: Report, byTarget: Map<string, CaseResult[]>, paint: Paint): string[] {
  const total = report.results.length;
  const counts = VERDICTS.map((v) => paint(VERDICT_STYLE[v], `${report.counts[v] ?? 0} ${v}`)).join(', ');
  const out = [`${paint('bold', 'Verdicts:')} ${counts} (${total} ${total === 1 ? 'case' : 'cases'})`];

  for (const name of targetOrder(report)) {
    const counts = countVerdicts(byTarget.get(name) ?? []);
    const parts = VERDICTS.filter((v) => counts[v] > 0).map((v) => `${counts[v]} ${VERDICT_WORD[v]}`);
    out.push(`  ${safe(name)}: ${parts.length > 0 ? parts.join(', ') : 'no results'}`);
  }

  if (report.compared) {
    const { baseline, changes } = report.compared;
    out.push(`${paint('bold', 'What changed')} since the run of ${safe(baseline.startedAt)}: ${changes.length === 0 ? 'no verdict changed' : `${changes.length} ${changes.length === 1 ? 'row' : 'rows'}`}`);
    for (const c of changes) out.push(`  ${c.kind}: ${safe(c.caseId)} on ${safe(c.target)} port ${safe(c.port)}: ${c.before ?? 'not run'} → ${c.after ?? 'not run'}`);
  }

  if (report.runErrors.length > 0) {
    out.push(paint('magenta', 'Run errors:'));
    for (const error of report.runErrors) out.push(`  ${paint('magenta', '!')} ${safe(error)}`);
  }
  out.push(`Exit code: ${report.exitCode}`);
  return out;
}

const safe = terminalSafe;
