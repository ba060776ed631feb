import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TargetSummary } from '../harness/model/target.ts';
import { VERDICTS, type Verdict } from '../harness/model/verdict.ts';
import { VERDICT_GLYPH } from './console-style.ts';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.ts';
import { renderDetail } from './html-detail.ts';
import { renderMatrix } from './html-matrix.ts';
import { escapeHtml as h } from './html-text.ts';
import type { Report } from './report-model.ts';
import { targetNames, targetStats, type PassRate } from './target-stats.ts';

export const HTML_REPORT_NAME = 'index.html';

const MEANING: Record<Verdict, string> = {
  PASS: 'the server did what the requirement asks',
  FAIL: 'a MUST or MUST NOT is broken; VULNERABLE for security cases',
  WARN: 'a SHOULD or SHOULD NOT is missed',
  INFO: 'behaviour the specification leaves open, recorded',
  NA: 'the precondition is absent (no credentials, no such port)',
  ERROR: 'the harness could not conclude; never counted as PASS',
  XFAIL: 'a known deviation, waived by the target configuration',
  XPASS: 'a waived case passed: the waiver is stale and fails the run',
};

const EXIT_MEANING: Record<number, string> = {
  0: 'every MUST-level case passed',
  1: 'a MUST or security case failed, or a waived case passed',
  2: 'SHOULD-level findings under --strict',
  3: 'the harness could not conclude',
};

/** CSP source for an inline block: the page runs its own style and script and nothing else, and loads nothing. */
const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const rate = (r: PassRate) => (r.total === 0 ? '–' : `${r.passed}/${r.total}`);

function card(name: string, summary: TargetSummary | undefined, report: Report): string {
  const results = report.results.filter((r) => r.target === name);
  const s = targetStats(results);
  const facts: [string, string][] = summary
    ? [
        ['kind', summary.kind],
        ['host', summary.host],
        ['ports', Object.entries(summary.ports).map(([kind, port]) => `${kind} ${port}`).join(', ') || 'none'],
        ['server name', summary.servername],
        ...Object.entries(summary.facts),
        ...summary.waivers.map((w): [string, string] => [`waiver ${w.pattern}${w.port ? ` (${w.port} port)` : ''}`, w.reason]),
      ]
    : [];
  const chips = VERDICTS.filter((v) => s.counts[v] > 0).map((v) => `<li class="v-${v}">${s.counts[v]} ${v}</li>`);
  return [
    '<section class="card">',
    `<h3>${h(name)}</h3>`,
    `<div class="stats"><span><b>${rate(s.must)}</b>MUST passed</span><span><b>${rate(s.should)}</b>SHOULD passed</span><span><b>${s.securityFindings}</b>security findings</span></div>`,
    `<ul class="chips">${chips.join('')}</ul>`,
    `<dl>${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>`,
    '</section>',
  ].join('\n');
}

function header(report: Report): string {
  const o = report.options;
  const meta = [
    `started ${h(report.startedAt)}`,
    `${(report.durationMs / 1000).toFixed(1)} s`,
    `${report.results.length} rows`,
    o.strict ? 'strict' : '',
    o.only.length ? `only ${h(o.only.join(', '))}` : '',
    o.exclude?.length ? `exclude ${h(o.exclude.join(', '))}` : '',
    o.shard ? `shard ${o.shard.index}/${o.shard.total}` : '',
    report.merged ? `merged from ${report.merged.inputs.length} reports` : '',
  ].filter(Boolean);
  const errors = report.runErrors.length ? `<h2>Run errors</h2><ul class="errors">${report.runErrors.map((e) => `<li>${h(e)}</li>`).join('')}</ul>` : '';
  return [
    `<h1>${h(report.tool.name)} ${h(report.tool.version)} <span class="exit-${report.exitCode}">exit code ${report.exitCode}</span></h1>`,
    `<p class="meta"><span>${h(EXIT_MEANING[report.exitCode] ?? '')}</span>${meta.map((m) => `<span>${m}</span>`).join('')}</p>`,
    errors,
  ].join('\n');
}

function legend(): string {
  return `<div class="legend">${VERDICTS.map((v) => `<span class="badge v-${v}">${VERDICT_GLYPH[v]} ${v}</span><span>${MEANING[v]}</span>`).join('')}</div>`;
}

/**
 * index.html: one self-contained page (inline style and script, no network at view time) with the
 * summary per target, the legend, filters, the matrix and a drill-down per cell. Every string from
 * the report goes through escapeHtml; a Content-Security-Policy allows only the page's own inline
 * style and script (by hash), so even a missed escape could neither run script nor load anything.
 */
export function renderHtml(report: Report): string {
  const names = targetNames(report.targets, report.results);
  const csp = `default-src 'none'; style-src ${hashOf(HTML_STYLE)}; script-src ${hashOf(HTML_SCRIPT)}; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(`${report.tool.name} report: exit code ${report.exitCode}`)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    header(report),
    '<h2>Targets</h2>',
    `<div class="cards">${names.map((n) => card(n, report.targets.find((t) => t.name === n), report)).join('\n')}</div>`,
    '<h2>Legend</h2>',
    legend(),
    '<h2>Matrix</h2>',
    '<div class="filters" role="group" aria-label="filters">',
    '<label><input type="checkbox" id="f-differ"> only rows where targets differ</label>',
    '<label><input type="checkbox" id="f-hide-na"> hide rows that are NA everywhere</label>',
    '<label><input type="checkbox" id="f-findings"> only rows with findings</label>',
    `<span id="shown" class="muted">${report.results.length ? new Set(report.results.map((r) => r.caseId)).size : 0} rows</span>`,
    '</div>',
    report.results.length ? renderMatrix(report) : '<p class="muted">No results.</p>',
    '<section id="details">',
    ...report.results.map((r, i) => renderDetail(r, i, report)),
    '</section>',
    `<script>${HTML_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export async function writeHtmlReport(report: Report, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, HTML_REPORT_NAME);
  await writeFile(file, renderHtml(report), 'utf8');
  return file;
}

