import type { AnyCase } from '../../harness/model/case.ts';
import { levelLabel, REQUIREMENTS, type Requirement } from '../../suites/requirements.ts';

export interface CoverageRow {
  requirement: Requirement;
  cases: { id: string; ports: string }[];
}

const portsOf = (c: AnyCase): string => (c.scope === 'target' ? '465+587' : c.ports.map((p) => (p === 'implicit' ? '465' : '587')).join(','));

/** Each requirement with the cases that check it, in catalogue order. */
export function coverage(cases: readonly AnyCase[]): CoverageRow[] {
  return REQUIREMENTS.map((requirement) => ({
    requirement,
    cases: cases.filter((c) => c.requirements.includes(requirement.id)).map((c) => ({ id: c.id, ports: portsOf(c) })),
  }));
}

/** `msaspec list --requirements`: one block per requirement; uncovered ones say why. */
export function renderCoverage(rows: CoverageRow[]): string {
  const out: string[] = [];
  for (const { requirement, cases } of rows) {
    out.push(`${requirement.id}  ${levelLabel(requirement)}  ${requirement.summary}`);
    if (cases.length === 0) out.push(`    NOT COVERED: ${requirement.gap ?? 'no case and no reason given'}`);
    for (const c of cases) out.push(`    ${c.id}  [${c.ports}]`);
  }
  const covered = rows.filter((r) => r.cases.length > 0).length;
  out.push('', `${covered} of ${rows.length} requirements covered by a case (the RFC sentences of each: docs/requirements.md)`);
  return out.join('\n');
}
