import type { AnyCase } from '../../harness/model/case.ts';
import type { PortKind } from '../../harness/model/port.ts';
import { portLabel } from '../../harness/run/run-case.ts';
import { inShard, type Shard } from './shard.ts';

/** One test of a run: a case on one port of one target ("465", "587", or "465+587"). */
export interface PlannedRow {
  testCase: AnyCase;
  port: PortKind;
  label: string;
}

/**
 * What one target runs: each case on each of its ports, once for a case about the target as a whole,
 * keeping only this shard's rows. The run plan (run-plan.ts) lists a run's rows through here, once.
 */
export function plannedRows(cases: readonly AnyCase[], target: string, shard?: Shard): PlannedRow[] {
  const rows: PlannedRow[] = [];
  for (const testCase of cases) {
    const ports: readonly PortKind[] = testCase.scope === 'target' ? testCase.ports.slice(0, 1) : testCase.ports;
    for (const port of ports) {
      const label = portLabel(testCase, port);
      if (inShard(shard, testCase.id, target, label)) rows.push({ testCase, port, label });
    }
  }
  return rows;
}
