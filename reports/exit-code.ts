import type { CaseResult } from '../harness/model/result.ts';
import { VERDICTS, type Verdict } from '../harness/model/verdict.ts';

/**
 * Process exit code of a run (README "Exit codes": 0 ok, 1 failures, 2 strict warnings, 3 harness error).
 *
 * Checked in this order, first match wins:
 *   1. any FAIL, or any XPASS (a stale waiver)      → 1
 *   2. run errors (provisioning, engine)            → 3
 *   3. any ERROR (a case could not conclude)        → 3
 *   4. strict and any WARN                          → 2
 *   5. otherwise                                    → 0
 * FAIL is checked first so that a security FAIL found in the same run is never reported as a
 * mere harness or provisioning problem.
 */
export function exitCodeFor(results: CaseResult[], runErrors: string[], strict: boolean): number {
  if (results.some((r) => r.verdict === 'FAIL' || r.verdict === 'XPASS')) return 1;
  if (runErrors.length > 0 || results.some((r) => r.verdict === 'ERROR')) return 3;
  if (strict && results.some((r) => r.verdict === 'WARN')) return 2;
  return 0;
}

/** Every verdict is a key, so writers never have to guess whether a missing key means zero. */
export function countVerdicts(results: CaseResult[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of results) counts[r.verdict] += 1;
  return counts;
}
