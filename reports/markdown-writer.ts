import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseResult } from '../harness/model/result.ts';
import { VERDICTS, verdictLabel, type Verdict } from '../harness/model/verdict.ts';
import { groupBy } from './case-groups.ts';
import { VERDICT_GLYPH } from './console-style.ts';
import { markdownText as md } from './markdown-text.ts';
import type { Report } from './report-model.ts';
import { waiverLine } from './waiver-line.ts';
import { targetNames, targetStats, type PassRate } from './target-stats.ts';

export const MARKDOWN_REPORT_NAME = 'summary.md';

/** Findings listed in full; beyond this the summary points to the other reports (a job summary holds 1 MiB). */
const MAX_FINDINGS = 100;
const FINDINGS: ReadonlySet<Verdict> = new Set(['FAIL', 'XPASS', 'ERROR', 'WARN']);
const SEVERITY: Verdict[] = ['FAIL', 'XPASS', 'ERROR', 'WARN'];

const EXIT_MEANING: Record<number, string> = {
  0: 'every MUST-level case passed',
  1: 'a MUST or security case failed, or a waived case passed',
  2: 'SHOULD-level findings under --strict',
  3: 'the harness could not conclude (a run error or a case ERROR)',
};

const rate = (r: PassRate) => (r.total === 0 ? '–' : `${r.passed}/${r.total}`);

function finding(r: CaseResult): string[] {
  const label = verdictLabel(r.verdict, r.category);
  const lines = [
    `- ${VERDICT_GLYPH[r.verdict]} **${label}** ${md(r.caseId)} on ${md(r.target)} port ${md(r.port)}: ${md(r.title)} (${r.violated ? `breaks ${md(r.violated.join(', '))}` : md(r.requirements.join(', '))}, ${md(r.level)})`,
    `  - Source: ${md(`${r.source.rfc} §${r.source.section}: ${r.source.text}`)}`,
    `  - Expected: ${r.expected.map(md).join(' **or** ') || '–'}`,
    `  - Actual: ${md(r.actual) || '–'}`,
  ];
  if (r.seen) lines.push(`  - Seen: ${md(r.seen)}`);
  if (r.error) lines.push(`  - Error: ${md(r.error)}`);
  if (r.waiver) lines.push(`  - Waiver: ${md(r.waiver)}`);
  return lines;
}

/** Changes listed in full, as findings are. */
const MAX_CHANGES = 100;

/** A comparison's "What changed", first: each row whose verdict moved since the baseline run. */
function changes(report: Report): string[] {
  const compared = report.compared;
  if (!compared) return [];
  const out = ['### What changed', '', `Since the run of ${md(compared.baseline.startedAt)} (exit code ${compared.baseline.exitCode}): ${compared.changes.length === 0 ? 'no verdict changed.' : `${compared.changes.length} ${compared.changes.length === 1 ? 'row' : 'rows'} changed.`}`, ''];
  if (compared.changes.length === 0) return out;
  out.push('| change | case | target | port | before | after |', '|---|---|---|---|---|---|');
  for (const c of compared.changes.slice(0, MAX_CHANGES)) {
    out.push(`| ${c.kind} | ${md(c.caseId)} | ${md(c.target)} | ${md(c.port)} | ${c.before ?? 'not run'} | ${c.after ?? 'not run'} |`);
  }
  if (compared.changes.length > MAX_CHANGES) out.push('', `${compared.changes.length - MAX_CHANGES} more in report.json and index.html.`);
  out.push('');
  return out;
}

/** A summary for a CI job page (GITHUB_STEP_SUMMARY): counts, a table per target, the findings with their evidence. */
export function renderMarkdown(report: Report): string {
  const total = report.results.length;
  const out = [
    `## ${md(`${report.tool.name} ${report.tool.version}`)}: exit code ${report.exitCode}`,
    '',
    `${md(EXIT_MEANING[report.exitCode] ?? 'unknown')}. ${total} ${total === 1 ? 'row' : 'rows'} (case × target × port), started ${md(report.startedAt)}, ${(report.durationMs / 1000).toFixed(1)} s${report.options.strict ? ', strict' : ''}${report.options.shard ? `, shard ${report.options.shard.index}/${report.options.shard.total}` : ''}.`,
    '',
    `| ${VERDICTS.join(' | ')} |`,
    `|${VERDICTS.map(() => '---:').join('|')}|`,
    `| ${VERDICTS.map((v) => report.counts[v] ?? 0).join(' | ')} |`,
    '',
    ...changes(report),
    '### Targets',
    '',
    '| target | kind | MUST passed | SHOULD passed | security findings | FAIL | WARN | ERROR | NA |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const byTarget = groupBy(report.results, (r) => r.target);
  for (const name of targetNames(report.targets, report.results)) {
    const summary = report.targets.find((t) => t.name === name);
    const s = targetStats(byTarget.get(name) ?? []);
    out.push(
      `| ${md(name)} | ${md(summary?.kind ?? '')} | ${rate(s.must)} | ${rate(s.should)} | ${s.securityFindings} | ${s.counts.FAIL} | ${s.counts.WARN} | ${s.counts.ERROR} | ${s.counts.NA} |`,
    );
  }

  // Every waiver of every target (its own, and --waivers), so the summary says what was not held against it.
  const waivers = report.targets.flatMap((t) => t.waivers.map((w) => `- ${md(t.name)}: ${md(waiverLine(w))}`));
  if (waivers.length > 0) out.push('', `### Waivers (${waivers.length})`, '', ...waivers);

  const findings = report.results
    .filter((r) => FINDINGS.has(r.verdict))
    .sort((a, b) => SEVERITY.indexOf(a.verdict) - SEVERITY.indexOf(b.verdict));
  out.push('', `### Findings (${findings.length})`, '');
  if (findings.length === 0) out.push('None.');
  for (const r of findings.slice(0, MAX_FINDINGS)) out.push(...finding(r));
  if (findings.length > MAX_FINDINGS) out.push('', `${findings.length - MAX_FINDINGS} more in report.json and index.html.`);

  if (report.runErrors.length > 0) {
    out.push('', '### Run errors', '');
    for (const e of report.runErrors) out.push(`- ${md(e)}`);
  }
  return `${out.join('\n')}\n`;
}

export async function writeMarkdownReport(report: Report, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, MARKDOWN_REPORT_NAME);
  await writeFile(file, renderMarkdown(report), 'utf8');
  return file;
}
