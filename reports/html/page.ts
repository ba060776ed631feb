import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VERDICTS, type Verdict } from '../../harness/model/verdict.ts';
import { VERDICT_GLYPH } from '../console-style.ts';
import type { Report } from '../report-model.ts';
import { targetNames } from '../target-stats.ts';
import { renderChanges } from './changes.ts';
import { renderDetail } from './detail.ts';
import { escapeHtml as h } from './escape.ts';
import { renderMatrix } from './matrix.ts';
import { HTML_SCRIPT } from './script.ts';
import { HTML_STYLE } from './style.ts';
import { renderSummary } from './summary.ts';
import { renderTargets } from './targets.ts';

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
    `<h1>${h(report.tool.name)} ${h(report.tool.version)} report <span class="exit exit-${report.exitCode}">exit code ${report.exitCode}</span></h1>`,
    `<p class="meta"><span>${h(EXIT_MEANING[report.exitCode] ?? '')}</span>${meta.map((m) => `<span>${m}</span>`).join('')}</p>`,
    errors,
  ].join('\n');
}

/** The legend in a few words per verdict; MEANING says it in full in each badge's title. */
const SHORT_MEANING: Record<Verdict, string> = {
  PASS: 'requirement met',
  FAIL: 'MUST broken (VULN: security)',
  WARN: 'SHOULD missed',
  INFO: 'recorded, left open',
  NA: 'precondition absent',
  ERROR: 'not concluded',
  XFAIL: 'known deviation, waived',
  XPASS: 'stale waiver, fails the run',
};

function legend(): string {
  return `<ul class="legend" aria-label="verdicts">${VERDICTS.map((v) => `<li title="${h(MEANING[v])}"><span class="badge v-${v}">${VERDICT_GLYPH[v]} ${v}</span>${SHORT_MEANING[v]}</li>`).join('')}</ul>`;
}

/** A matrix filter: a checkbox naming the row attribute it keeps (or, with `hide`, drops) the rows by. */
const filter = (id: string, attribute: string, text: string, hide = false) =>
  `<label><input type="checkbox" id="${id}" data-filter="${attribute}"${hide ? ' data-hide="1"' : ''}> ${text}</label>`;

/**
 * index.html: one self-contained page (inline style and script, no network at view time). The answer
 * first: the exit code, what changed since a baseline (a comparison), one summary row per target;
 * then the legend, the filters and the matrix; then each target's facts and waivers, closed; a
 * drill-down per cell. Every string from the report goes through escapeHtml; a Content-Security-Policy
 * allows only the page's own inline style and script (by hash), so even a missed escape could neither
 * run script nor load anything.
 */
export function renderHtml(report: Report): string {
  const names = targetNames(report.targets, report.results);
  const csp = `default-src 'none'; style-src ${hashOf(HTML_STYLE)}; script-src ${hashOf(HTML_SCRIPT)}; base-uri 'none'; form-action 'none'`;
  const caseCount = new Set(report.results.map((r) => r.caseId)).size;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${h(`${report.tool.name} report: exit code ${report.exitCode}`)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    header(report),
    '</header>',
    '<main>',
    renderChanges(report),
    '<h2>Summary</h2>',
    names.length ? renderSummary(report, names) : '<p class="muted">No targets.</p>',
    '<h2 id="matrix-heading">Matrix</h2>',
    legend(),
    '<div class="filters" role="group" aria-label="filters">',
    filter('f-differ', 'data-differ', 'only rows where targets differ'),
    filter('f-hide-na', 'data-all-na', 'hide rows that are NA everywhere', true),
    filter('f-findings', 'data-finding', 'only rows with findings'),
    report.compared ? filter('f-changed', 'data-changed', 'only rows that changed') : '',
    `<span id="shown" class="muted" role="status">${caseCount} cases</span>`,
    '</div>',
    report.results.length ? renderMatrix(report, names) : '<p class="muted">No results.</p>',
    '<h2>Targets</h2>',
    '<p class="muted">Where each target listened, its image and packages, and its waivers.</p>',
    `<section class="targets">${renderTargets(names.map((n) => report.targets.find((t) => t.name === n)), names)}</section>`,
    '</main>',
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

