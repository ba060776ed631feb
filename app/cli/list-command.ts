import { ALL_CASES } from '../../suites/index.ts';
import type { PortKind } from '../../harness/model/port.ts';

const PORT_NAME: Record<PortKind, string> = { implicit: '465', starttls: '587' };

/** `msaspec list`: every case with its requirement IDs, level and ports. */
export function listCommand(): string {
  const rows = ALL_CASES.map((c) => [
    c.id,
    c.level,
    c.scope === 'target' ? '465+587' : c.ports.map((p) => PORT_NAME[p]).join(','),
    c.requirements.join(','),
    c.title,
  ]);
  const header = ['CASE', 'LEVEL', 'PORTS', 'REQUIREMENTS', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line), '', `${ALL_CASES.length} cases`].join('\n');
}
