import type { CaseResult } from '../harness/model/result.ts';
import type { Verdict } from '../harness/model/verdict.ts';
import { catalogueRank } from './catalogue-order.ts';
import { rowKey, type ChangeKind, type Report, type VerdictChange } from './report-model.ts';

/** Verdicts that are findings: what a reader of a diff wants to see appear or go. */
const FINDINGS: ReadonlySet<Verdict> = new Set(['FAIL', 'WARN', 'ERROR', 'XPASS']);

/** A change worth the top of the page first: a new finding, then one gone, then any other move. */
const KIND_ORDER: readonly ChangeKind[] = ['new finding', 'finding resolved', 'verdict moved', 'new row', 'row gone'];

function kindOf(before: Verdict | undefined, after: Verdict | undefined): ChangeKind {
  if (before === undefined) return after !== undefined && FINDINGS.has(after) ? 'new finding' : 'new row';
  if (after === undefined) return 'row gone';
  if (FINDINGS.has(after) && !FINDINGS.has(before)) return 'new finding';
  if (FINDINGS.has(before) && !FINDINGS.has(after)) return 'finding resolved';
  return 'verdict moved';
}

/** Every case × target × port whose verdict is not the baseline's, most important first, then in catalogue order. */
export function verdictChanges(baseline: readonly CaseResult[], current: readonly CaseResult[]): VerdictChange[] {
  const before = new Map(baseline.map((r) => [rowKey(r), r]));
  const after = new Map(current.map((r) => [rowKey(r), r]));
  const changes: VerdictChange[] = [];
  for (const key of new Set([...after.keys(), ...before.keys()])) {
    const was = before.get(key);
    const now = after.get(key);
    const row = (now ?? was)!;
    if (was?.verdict === now?.verdict) continue;
    changes.push({
      caseId: row.caseId,
      target: row.target,
      port: row.port,
      kind: kindOf(was?.verdict, now?.verdict),
      ...(was ? { before: was.verdict } : {}),
      ...(now ? { after: now.verdict } : {}),
    });
  }
  const targets = [...new Set(current.map((r) => r.target))];
  return changes.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      catalogueRank(a.caseId) - catalogueRank(b.caseId) ||
      a.caseId.localeCompare(b.caseId) ||
      targets.indexOf(a.target) - targets.indexOf(b.target) ||
      a.port.localeCompare(b.port),
  );
}

/**
 * The newer of two runs of the same targets, with what changed since the older one (its baseline).
 * The rows, counts and exit code are the newer run's own: a comparison never mixes verdicts.
 */
export function compareReports(baseline: Report, current: Report): Report {
  return {
    ...current,
    compared: {
      baseline: { startedAt: baseline.startedAt, durationMs: baseline.durationMs, exitCode: baseline.exitCode, toolVersion: baseline.tool.version },
      changes: verdictChanges(baseline.results, current.results),
    },
  };
}
