import type { CaseResult } from '../harness/model/result.ts';

const NAMED_GROUPS: Record<string, string> = {
  injection: 'STARTTLS injection',
};

/** Heading for the first segment of a case id: "rfc3207/..." → "RFC 3207". */
export function groupLabel(caseId: string): string {
  const segment = caseId.split('/')[0] ?? caseId;
  const rfc = /^rfc(\d+)$/i.exec(segment);
  if (rfc) return `RFC ${rfc[1]}`;
  return NAMED_GROUPS[segment] ?? segment;
}

/** Groups in order of first appearance, so the runner's order is kept. */
export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function byCaseGroup(results: CaseResult[]): Map<string, CaseResult[]> {
  return groupBy(results, (r) => groupLabel(r.caseId));
}
