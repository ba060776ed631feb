import { verdictLabel, type Verdict } from '../../harness/model/verdict.ts';
import type { CaseResult } from '../../harness/model/result.ts';
import { VERDICT_GLYPH } from '../console-style.ts';
import { rowKey, type ChangeKind, type Report } from '../report-model.ts';
import { detailId } from './detail.ts';
import { escapeHtml as h } from './escape.ts';

const PLURAL: Record<ChangeKind, string> = {
  'new finding': 'new findings',
  'finding resolved': 'findings resolved',
  'verdict moved': 'verdicts moved',
  'new row': 'new rows',
  'row gone': 'rows gone',
};

function badge(verdict: Verdict | undefined, row: CaseResult | undefined): string {
  if (!verdict) return '<span class="muted">not run</span>';
  return `<span class="badge v-${verdict}">${VERDICT_GLYPH[verdict]} ${h(row ? verdictLabel(verdict, row.category) : verdict)}</span>`;
}

/**
 * "What changed" at the top of a comparison (`msaspec merge` of two runs of the same targets): how
 * many rows moved, by kind, and each one with its verdict before and after, linked to its drill-down.
 */
export function renderChanges(report: Report): string {
  const compared = report.compared;
  if (!compared) return '';
  const index = new Map(report.results.map((r, i) => [rowKey(r), i]));
  const { baseline, changes } = compared;
  const since = `since the run of ${h(baseline.startedAt)} (exit code ${baseline.exitCode}${baseline.toolVersion !== report.tool.version ? `, msaspec ${h(baseline.toolVersion)}` : ''})`;
  if (changes.length === 0) return `<section id="changes"><h2>What changed</h2><p>No verdict changed ${since}.</p></section>`;
  const byKind = new Map<ChangeKind, number>();
  for (const c of changes) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
  const tally = [...byKind.entries()].map(([kind, n]) => `${n} ${n > 1 ? PLURAL[kind] : kind}`).join(', ');
  const rows = changes.map((c) => {
    const at = index.get(rowKey(c));
    const row = at === undefined ? undefined : report.results[at];
    const name = at === undefined ? `<span class="case-id">${h(c.caseId)}</span>` : `<a class="case-id" href="#${detailId(at)}" data-detail="${detailId(at)}">${h(c.caseId)}</a>`;
    return `<tr class="change"><td>${h(c.kind)}</td><td>${name}</td><td>${h(c.target)}</td><td>${h(c.port)}</td><td>${badge(c.before, row)} → ${badge(c.after, row)}</td></tr>`;
  });
  return [
    '<section id="changes">',
    `<h2>What changed</h2>`,
    `<p>${changes.length} row${changes.length > 1 ? 's' : ''} changed ${since}: ${h(tally)}.</p>`,
    '<div class="scroll changes-wrap">',
    '<table class="grid changes"><thead><tr><th scope="col">change</th><th scope="col">case</th><th scope="col">target</th><th scope="col">port</th><th scope="col">before → after</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table>`,
    '</div>',
    '</section>',
  ].join('\n');
}
