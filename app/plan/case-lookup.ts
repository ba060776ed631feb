import type { AnyCase } from '../../harness/model/case.ts';
import { ALL_CASES } from '../../suites/index.ts';

const BY_ID = new Map(ALL_CASES.map((c) => [c.id, c]));

/**
 * The definition behind a case id of the plan. The plan names cases by id so that it crosses into the
 * vitest worker as data; the worker and the reporter look the definitions up here.
 */
export function caseById(id: string): AnyCase | undefined {
  return BY_ID.get(id);
}
