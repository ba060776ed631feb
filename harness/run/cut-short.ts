import type { CaseResult } from '../model/result.ts';
import { DEADLINE_REACHED } from './run-case.ts';
import { STOPPED_ANSWERING } from './endpoint-health.ts';

/**
 * Run errors that say which rows the run cut short, and why: a target endpoint that stopped answering
 * (its queued cases ended ERROR without running) or the run's deadline. One line per cause and target.
 */
export function cutShortErrors(results: readonly CaseResult[]): string[] {
  const groups = new Map<string, string[]>();
  for (const r of results) {
    if (r.verdict !== 'ERROR' || !r.error) continue;
    const cause = r.error.startsWith(STOPPED_ANSWERING) ? `${r.target} port ${r.port}: ${STOPPED_ANSWERING}` : r.error === DEADLINE_REACHED ? `${r.target}: ${DEADLINE_REACHED}` : undefined;
    if (!cause) continue;
    groups.set(cause, [...(groups.get(cause) ?? []), r.port && !cause.includes(' port ') ? `${r.caseId} [${r.port}]` : r.caseId]);
  }
  return [...groups].map(([cause, ids]) => `${cause}; ${ids.length} case(s) ended ERROR: ${ids.join(', ')}`);
}
