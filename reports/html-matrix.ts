import type { CaseResult } from '../harness/model/result.ts';
import { verdictLabel, type Verdict } from '../harness/model/verdict.ts';
import { levelLabel } from '../suites/requirements.ts';
import { groupLabel } from './case-groups.ts';
import { catalogueRank } from './catalogue-order.ts';
import { VERDICT_GLYPH } from './console-style.ts';
import { detailId } from './html-detail.ts';
import { escapeHtml as h } from './html-text.ts';
import type { Report } from './report-model.ts';
import { portsOf, targetNames } from './target-stats.ts';

interface Column {
  target: string;
  port: string;
}

/** One matrix row: a case, and its result in each column (with the result's index, for the drill-down). */
interface Row {
  caseId: string;
  first: CaseResult;
  cells: Map<string, { result: CaseResult; index: number }>;
}

const FINDING: ReadonlySet<Verdict> = new Set(['FAIL', 'WARN', 'ERROR', 'XPASS']);
const columnKey = (c: Column) => `${c.target}\n${c.port}`;

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
    row.cells.set(columnKey(result), { result, index });
    rows.set(result.caseId, row);
  });
  return [...rows.values()].sort((a, b) => catalogueRank(a.caseId) - catalogueRank(b.caseId) || a.caseId.localeCompare(b.caseId));
}

/** Targets differ on a row when, for some port, the targets that have that port show different verdicts. */
function differs(row: Row, columns: Column[]): boolean {
  const byPort = new Map<string, Set<string>>();
  for (const column of columns) {
    const verdicts = byPort.get(column.port) ?? new Set<string>();
    verdicts.add(row.cells.get(columnKey(column))?.result.verdict ?? '');
    byPort.set(column.port, verdicts);
  }
  return [...byPort.values()].some((verdicts) => verdicts.size > 1);
}

function cell(row: Row, column: Column): string {
  const found = row.cells.get(columnKey(column));
  if (!found) return '<td class="cell none" title="not run here">·</td>';
  const { result, index } = found;
  const label = verdictLabel(result.verdict, result.category);
  const id = detailId(index);
  return `<td class="cell v-${result.verdict}"><a class="verdict" href="#${id}" data-detail="${id}" title="${h(`${result.target} port ${result.port}: ${label}`)}">${VERDICT_GLYPH[result.verdict]} ${label}</a></td>`;
}

/**
 * The Autobahn-style matrix: rows grouped by RFC, then section, then requirement, one row per case;
 * a column per target × port. Rows carry what the filters need (data-differ, data-all-na, data-finding)
 * and the groups they belong to, so that a group heading hides with its last visible row.
 */
export function renderMatrix(report: Report): string {
  const names = targetNames(report.targets, report.results);
  const columns: Column[] = names.flatMap((target) => portsOf(report.results.filter((r) => r.target === target)).map((port) => ({ target, port })));
  const width = columns.length + 1;
  const rows = rowsOf(report);

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
    body.push(`<tr class="group rfc" data-group="${g1}"><th colspan="${width}">${h(rfc)}</th></tr>`);
    [...sections.entries()]
      .sort(([a], [b]) => compareSections(a, b))
      .forEach(([section, requirements], si) => {
        const g2 = `${g1}-${si}`;
        body.push(`<tr class="group section" data-group="${g2}"><th colspan="${width}">${h(rfc)} §${h(section)}</th></tr>`);
        [...requirements.entries()].forEach(([requirement, groupRows], qi) => {
          const g3 = `${g2}-${qi}`;
          const req = report.requirements.find((r) => r.id === requirement);
          const summary = req ? ` <span class="level">${h(levelLabel(req))}</span> ${h(req.summary)}` : '';
          body.push(`<tr class="group requirement" data-group="${g3}"><th colspan="${width}"><b>${h(requirement)}</b>${summary}</th></tr>`);
          for (const row of groupRows) {
            const results = [...row.cells.values()].map((c) => c.result);
            const others = row.first.requirements.slice(1);
            const attrs = [
              `data-groups="${g1} ${g2} ${g3}"`,
              `data-differ="${differs(row, columns) ? 1 : 0}"`,
              `data-all-na="${results.every((r) => r.verdict === 'NA') ? 1 : 0}"`,
              `data-finding="${results.some((r) => FINDING.has(r.verdict)) ? 1 : 0}"`,
            ].join(' ');
            const label = `<span class="case-id">${h(row.caseId)}</span> <span class="case-title">${h(row.first.title)}</span>${others.length ? ` <span class="also">also ${h(others.join(', '))}</span>` : ''}`;
            body.push(`<tr class="case" ${attrs}><th scope="row">${label}</th>${columns.map((c) => cell(row, c)).join('')}</tr>`);
          }
        });
      });
  });

  const head1 = names
    .map((name) => {
      const span = columns.filter((c) => c.target === name).length;
      return span > 0 ? `<th colspan="${span}" class="target">${h(name)}</th>` : '';
    })
    .join('');
  const head2 = columns.map((c) => `<th class="port">${h(c.port)}</th>`).join('');
  return [
    '<table class="matrix" id="matrix">',
    `<thead><tr><th rowspan="2" class="corner">requirement / case</th>${head1}</tr><tr>${head2}</tr></thead>`,
    `<tbody>${body.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}
