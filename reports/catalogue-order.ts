import { ALL_CASES } from '../suites/index.ts';

const POSITION = new Map(ALL_CASES.map((c, i) => [c.id, i]));

/**
 * Where a case stands in the catalogue (suites/index.ts), the order every report lists cases in. A
 * case this suite version does not know (a merged report of another version) comes after all of them.
 */
export function catalogueRank(caseId: string): number {
  return POSITION.get(caseId) ?? Number.MAX_SAFE_INTEGER;
}
