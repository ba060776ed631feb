import type { CaseResult } from '../../harness/model/result.ts';
import { verdictLabel } from '../../harness/model/verdict.ts';
import type { WireEntry } from '../../harness/smtp/wire-log.ts';
import { levelLabel } from '../../suites/requirements.ts';
import { VERDICT_GLYPH } from '../console-style.ts';
import type { Report } from '../report-model.ts';
import { escapeHtml as h } from './escape.ts';

export const detailId = (index: number) => `d-${index}`;

/** The wire log, one line per line sent or received, with a marker wherever TLS starts (or a new plaintext connection does). */
function wireLog(entries: WireEntry[]): string {
  if (entries.length === 0) return '<p class="muted">No wire log: the case made no connection.</p>';
  const out: string[] = [];
  let tls = false;
  for (const entry of entries) {
    if (entry.tls !== tls) out.push(entry.tls ? '<li class="boundary tls-on">TLS starts here</li>' : '<li class="boundary tls-off">no TLS from here (a new connection)</li>');
    tls = entry.tls;
    const cls = `${entry.dir === '*' ? 'ev' : entry.dir === 'C' ? 'c' : 's'}${entry.tls ? ' tls' : ''}`;
    const dir = entry.dir === '*' ? '*' : `${entry.dir}:`;
    for (const line of entry.text.split(/\r?\n/)) out.push(`<li class="${cls}"><span class="dir">${dir}</span> ${h(line)}</li>`);
  }
  return `<ol class="wire">${out.join('')}</ol>`;
}

/** The requirements the case checks; on a finding, the one(s) it broke first and marked. */
function requirementLines(r: CaseResult, report: Report): string {
  const broken = new Set(r.violated ?? []);
  const ids = [...(r.violated ?? []), ...r.requirements.filter((id) => !broken.has(id))];
  return ids
    .map((id) => {
      const req = report.requirements.find((q) => q.id === id);
      return `<li${broken.has(id) ? ' class="broken"' : ''}>${broken.has(id) ? 'broken: ' : ''}<b>${h(id)}</b>${req ? ` (${h(levelLabel(req))}): ${h(req.summary)}` : ''}</li>`;
    })
    .join('');
}

/** The drill-down of one cell: requirement, source, Expected against Actual, what was seen, the wire log. */
export function renderDetail(r: CaseResult, index: number, report: Report): string {
  const label = verdictLabel(r.verdict, r.category);
  const rows: [string, string][] = [
    ['Requirement', `<ul>${requirementLines(r, report)}</ul>`],
    ['Source', `${h(r.source.rfc)} §${h(r.source.section)}: ${h(r.source.text)}`],
    ['Level', `${h(r.level)}, ${h(r.category)}${r.violated ? ' (the keyword of the requirement broken)' : ''}`],
    ['Expected', `<ul>${r.expected.map((e) => `<li>${h(e)}</li>`).join('')}</ul>`],
    ['Actual', `<span class="actual">${h(r.actual)}</span>`],
  ];
  if (r.seen) rows.push(['Seen', h(r.seen)]);
  if (r.error) rows.push(['Error', h(r.error)]);
  if (r.waiver) rows.push(['Waiver', h(r.waiver)]);
  rows.push(['Duration', `${Math.round(r.durationMs)} ms`]);
  return [
    `<article class="detail" id="${detailId(index)}" aria-label="${h(`${r.caseId} on ${r.target} port ${r.port}`)}">`,
    `<p class="close-row"><a class="close" href="#matrix" data-close="1">close ✕</a></p>`,
    `<h3><span class="badge v-${r.verdict}">${VERDICT_GLYPH[r.verdict]} ${label}</span> ${h(r.caseId)}</h3>`,
    `<p class="where">${h(r.target)}, port ${h(r.port)}</p>`,
    `<p class="title">${h(r.title)}</p>`,
    `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    '<h4>Wire log</h4>',
    wireLog(r.transcript),
    '</article>',
  ].join('\n');
}
