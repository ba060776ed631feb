import type { RunPlan } from '../plan/run-plan.ts';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `msaspec run --dry-run`: every case × target × port the plan would run (this shard's only), nothing started. */
export function renderDryRun(plan: RunPlan): string {
  const rows = plan.targets.flatMap((target) => target.rows.map((row) => [row.caseId, target.planned, row.label]));
  const header = ['CASE', 'TARGET', 'PORT'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  const shard = plan.shard ? ` in shard ${plan.shard.index}/${plan.shard.total}` : '';
  return [line(header), ...rows.map(line), '', `${count(rows.length, 'row')}${shard} (${count(plan.caseIds.length, 'case')} × ${count(plan.targets.length, 'target')}); nothing was started`].join('\n');
}
