import type { CaseResult } from '../../harness/model/result.ts';
import { verdictLabel, type Verdict } from '../../harness/model/verdict.ts';
import { levelLabel } from '../../suites/requirements.ts';
import { groupLabel } from '../case-groups.ts';
import { catalogueRank } from '../catalogue-order.ts';
import { VERDICT_GLYPH } from '../console-style.ts';
import { rowKey, type Report } from '../report-model.ts';
import { portsOf } from '../target-stats.ts';
import { detailId } from './detail.ts';
import { escapeHtml as h } from './escape.ts';

/** The label of a case about a target as a whole (both services together). */
const WHOLE = '465+587';

/** A target's columns: one per service it was tested on; a whole-target row spans them. */
interface TargetColumns {
  target: string;
  ports: string[];
}

/** One matrix row: a case, and its result in each column (with the result's index, for the drill-down). */
interface Row {
  caseId: string;
  first: CaseResult;
  cells: Map<string, { result: CaseResult; index: number }>;
}

const FINDING: ReadonlySet<Verdict> = new Set(['FAIL', 'WARN', 'ERROR', 'XPASS']);
const cellKey = (target: string, port: string) => `${target}\n${port}`;

/** A cell says its verdict in a word short enough for a narrow column; the link's title has it in full. */
const SHORT: Record<string, string> = { VULNERABLE: 'VULN', ERROR: 'ERR' };

/** "4.2" before "4.10", "3.3" before "4": numeric parts compared as numbers. */
function compareSections(a: string, b: string): number {
  const pa = a.split(/[^0-9]+/).filter(Boolean).map(Number);
  const pb = b.split(/[^0-9]+/).filter(Boolean).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}

function rowsOf(report: Report): Row[] {
  const rows = new Map<string, Row>();
  report.results.forEach((result, index) => {
    const row = rows.get(result.caseId) ?? { caseId: result.caseId, first: result, cells: new Map() };
    row.cells.set(cellKey(result.target, result.port), { result, index });
    rows.set(result.caseId, row);
  });
  return [...rows.values()].sort((a, b) => catalogueRank(a.caseId) - catalogueRank(b.caseId) || a.caseId.localeCompare(b.caseId));
}

/**
 * Per target, the services it has rows on (465, 587). The whole-target label gets no column of its
 * own, which would be empty on almost every row: such a row's cell spans the target's columns. A
 * target with whole-target rows only keeps one column for them.
 */
function columnsOf(report: Report, names: readonly string[]): TargetColumns[] {
  return names.map((target) => {
    const ports = portsOf(report.results.filter((r) => r.target === target)).filter((p) => p !== WHOLE);
    return { target, ports: ports.length > 0 ? ports : [WHOLE] };
  });
}

/** Targets differ on a row when, for some service, the targets that have it show different verdicts. */
function differs(row: Row, columns: readonly TargetColumns[]): boolean {
  const byPort = new Map<string, Set<string>>();
  const note = (port: string, verdict: string) => byPort.set(port, (byPort.get(port) ?? new Set<string>()).add(verdict));
  for (const { target, ports } of columns) {
    const whole = row.cells.get(cellKey(target, WHOLE));
    if (whole) note(WHOLE, whole.result.verdict);
    else for (const port of ports) note(port, row.cells.get(cellKey(target, port))?.result.verdict ?? '');
  }
  return [...byPort.values()].some((verdicts) => verdicts.size > 1);
}

function cell(found: { result: CaseResult; index: number } | undefined, span: number, changed: ReadonlyMap<string, Verdict | undefined>): string {
  const colspan = span > 1 ? ` colspan="${span}"` : '';
  if (!found) return `<td class="cell none"${colspan} title="not run here">·</td>`;
  const { result, index } = found;
  const label = verdictLabel(result.verdict, result.category);
  const id = detailId(index);
  const key = rowKey(result);
  const moved = changed.has(key);
  const was = moved ? ` (was ${changed.get(key) ?? 'not run'})` : '';
  const title = `${result.target} port ${result.port}: ${label}${was}`;
  return `<td class="cell v-${result.verdict}${moved ? ' changed' : ''}"${colspan}><a class="verdict" href="#${id}" data-detail="${id}" title="${h(title)}"><span aria-hidden="true">${VERDICT_GLYPH[result.verdict]}</span> <span class="word">${SHORT[label] ?? label}</span></a></td>`;
}

/** The cells of one row: per service, or one spanning the target's columns for a whole-target case. */
function cells(row: Row, columns: readonly TargetColumns[], changed: ReadonlyMap<string, Verdict | undefined>): string {
  return columns
    .map(({ target, ports }) => {
      const whole = row.cells.get(cellKey(target, WHOLE));
      if (whole) return cell(whole, ports.length, changed);
      return ports.map((port) => cell(row.cells.get(cellKey(target, port)), 1, changed)).join('');
    })
    .join('');
}

/** A group heading: its label pinned to the left edge while the matrix scrolls sideways. */
const groupRow = (cls: string, group: string, width: number, label: string) =>
  `<tr class="group ${cls}" data-group="${group}"><th colspan="${width}" scope="rowgroup"><span class="pin">${label}</span></th></tr>`;

/**
 * The Autobahn-style matrix: rows grouped by RFC, then section, then requirement, one row per case;
 * a column per target × service, header row and case column pinned while it scrolls. Rows carry what
 * the filters need (data-differ, data-all-na, data-finding, data-changed) and the groups they belong
 * to, so that a group heading hides with its last visible row.
 */
export function renderMatrix(report: Report, names: readonly string[]): string {
  const columns = columnsOf(report, names);
  const width = columns.reduce((n, c) => n + c.ports.length, 0) + 1;
  const rows = rowsOf(report);
  const changed = new Map((report.compared?.changes ?? []).map((c) => [rowKey(c), c.before]));

  // RFC → section → primary requirement → rows, each level in order of first appearance (sections in numeric order).
  const tree = new Map<string, Map<string, Map<string, Row[]>>>();
  for (const row of rows) {
    const rfc = row.first.source.rfc || groupLabel(row.caseId);
    const section = row.first.source.section;
    const requirement = row.first.requirements[0] ?? '(no requirement)';
    const sections = tree.get(rfc) ?? new Map<string, Map<string, Row[]>>();
    tree.set(rfc, sections);
    const requirements = sections.get(section) ?? new Map<string, Row[]>();
    sections.set(section, requirements);
    requirements.set(requirement, [...(requirements.get(requirement) ?? []), row]);
  }

  const body: string[] = [];
  [...tree.entries()].forEach(([rfc, sections], ri) => {
    const g1 = `g${ri}`;
    body.push(groupRow('rfc', g1, width, h(rfc)));
    [...sections.entries()]
      .sort(([a], [b]) => compareSections(a, b))
      .forEach(([section, requirements], si) => {
        const g2 = `${g1}-${si}`;
        body.push(groupRow('section', g2, width, `${h(rfc)} §${h(section)}`));
        [...requirements.entries()].forEach(([requirement, groupRows], qi) => {
          const g3 = `${g2}-${qi}`;
          const req = report.requirements.find((r) => r.id === requirement);
          const summary = req ? ` <span class="level">${h(levelLabel(req))}</span> ${h(req.summary)}` : '';
          body.push(groupRow('requirement', g3, width, `<b>${h(requirement)}</b>${summary}`));
          for (const row of groupRows) {
            const results = [...row.cells.values()].map((c) => c.result);
            const others = row.first.requirements.slice(1);
            const attrs = [
              `data-groups="${g1} ${g2} ${g3}"`,
              `data-differ="${differs(row, columns) ? 1 : 0}"`,
              `data-all-na="${results.every((r) => r.verdict === 'NA') ? 1 : 0}"`,
              `data-finding="${results.some((r) => FINDING.has(r.verdict)) ? 1 : 0}"`,
              `data-changed="${results.some((r) => changed.has(rowKey(r))) ? 1 : 0}"`,
            ].join(' ');
            const also = others.length ? `<span class="also">also ${h(others.join(', '))}</span>` : '';
            const label = `<span class="case-id">${h(row.caseId)}</span><span class="case-title">${h(row.first.title)}</span>${also}`;
            const full = `${row.caseId}: ${row.first.title}${others.length ? ` (also ${others.join(', ')})` : ''}`;
            body.push(`<tr class="case" ${attrs}><th scope="row" title="${h(full)}">${label}</th>${cells(row, columns, changed)}</tr>`);
          }
        });
      });
  });

  // A colon is where a long target name may wrap ("opensmtpd:<wbr>hardened").
  const targetHead = (name: string) => h(name).replace(/([:@])/g, '$1<wbr>');
  const head1 = columns.map(({ target, ports }) => `<th colspan="${ports.length}" scope="colgroup" class="target">${targetHead(target)}</th>`).join('');
  const head2 = columns.flatMap(({ ports }) => ports.map((port) => `<th scope="col" class="port">${h(port)}</th>`)).join('');
  return [
    '<div class="scroll matrix-wrap" id="matrix-wrap">',
    '<table class="matrix" id="matrix">',
    `<thead><tr><th rowspan="2" scope="col" class="corner">requirement / case</th>${head1}</tr><tr>${head2}</tr></thead>`,
    `<tbody>${body.join('\n')}</tbody>`,
    '</table>',
    '</div>',
  ].join('\n');
}
