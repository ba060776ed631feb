import type { CaseResult } from '../../harness/model/result.ts';

/** One row (case × target × port) whose verdict was not the same in every run. */
export interface VerdictChange {
  row: string;
  /** Verdict of each run, in run order ("—" where the row was missing). */
  verdicts: string[];
  /** What the server did, per distinct verdict: the first run that had it. */
  actual: Record<string, string>;
}

export const rowKey = (r: Pick<CaseResult, 'target' | 'caseId' | 'port'>): string => `${r.target} | ${r.caseId} [${r.port}]`;

/** Rows whose verdict differs between runs (a row missing from a run counts as a change). */
export function verdictChanges(runs: readonly (readonly CaseResult[])[]): VerdictChange[] {
  const rows = new Map<string, (CaseResult | undefined)[]>();
  runs.forEach((results, i) => {
    for (const r of results) {
      const key = rowKey(r);
      const seen = rows.get(key) ?? Array.from({ length: runs.length }, () => undefined);
      seen[i] = r;
      rows.set(key, seen);
    }
  });
  const changes: VerdictChange[] = [];
  for (const [row, perRun] of rows) {
    const verdicts = perRun.map((r) => r?.verdict ?? '—');
    if (new Set(verdicts).size === 1) continue;
    const actual: Record<string, string> = {};
    perRun.forEach((r, i) => {
      const verdict = verdicts[i] ?? '—';
      actual[verdict] ??= r ? r.actual : `missing from run ${i + 1}`;
    });
    changes.push({ row, verdicts, actual });
  }
  return changes.sort((a, b) => a.row.localeCompare(b.row));
}
