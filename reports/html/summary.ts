import { VERDICTS } from '../../harness/model/verdict.ts';
import { VERDICT_GLYPH } from '../console-style.ts';
import { exitCodeFor } from '../exit-code.ts';
import type { Report } from '../report-model.ts';
import { targetStats, type PassRate } from '../target-stats.ts';
import { escapeHtml as h } from './escape.ts';
import { targetId } from './targets.ts';

/** What a target's own exit code says, in a word or two (README "Exit codes"). */
export const EXIT_WORD: Record<number, string> = { 0: 'passes', 1: 'fails', 2: 'warns (strict)', 3: 'not concluded' };

const rate = (r: PassRate) => (r.total === 0 ? '–' : `${r.passed}/${r.total}`);

/**
 * The answer first: one row per target with its MUST and SHOULD rows passed, its security findings,
 * its verdict counts and the exit code a run of that target alone would have. The target's facts and
 * waivers are one click away (targets.ts), never in the way of the verdicts.
 */
export function renderSummary(report: Report, names: readonly string[]): string {
  const rows = names.map((name, i) => {
    const results = report.results.filter((r) => r.target === name);
    const s = targetStats(results);
    const exit = exitCodeFor(results, [], report.options.strict);
    const counts = VERDICTS.filter((v) => s.counts[v] > 0).map((v) => `<li class="badge v-${v}" title="${s.counts[v]} ${v}">${VERDICT_GLYPH[v]} ${s.counts[v]} ${v}</li>`);
    return [
      '<tr>',
      `<th scope="row"><a href="#${targetId(i)}" data-target="${targetId(i)}">${h(name)}</a></th>`,
      `<td><span class="exit exit-${exit}">${exit}</span> ${EXIT_WORD[exit] ?? ''}</td>`,
      `<td class="num">${rate(s.must)}</td>`,
      `<td class="num">${rate(s.should)}</td>`,
      `<td class="num">${s.securityFindings}</td>`,
      `<td><ul class="counts">${counts.join('')}</ul></td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<div class="scroll summary-wrap">',
    '<table class="grid summary" id="summary">',
    '<caption class="muted">Per target: the exit code of its rows alone, MUST- and SHOULD-level rows passed (of those that applied), security findings (VULNERABLE or WARN), and every verdict counted.</caption>',
    '<thead><tr><th scope="col">target</th><th scope="col">exit</th><th scope="col" class="num">MUST passed</th><th scope="col" class="num">SHOULD passed</th><th scope="col" class="num">security findings</th><th scope="col">verdicts</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '</div>',
  ].join('\n');
}
