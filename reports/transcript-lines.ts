import type { WireEntry } from '../harness/smtp/wire-log.ts';
import { terminalSafe } from './terminal-text.ts';

export const TLS_MARKER = '--- TLS ---';

/**
 * A transcript as terminal-safe lines: "C: ", "S: " or "* " before each line, and a marker line
 * wherever the connection turns TLS. An entry holding several lines keeps its prefix on each.
 */
export function transcriptLines(entries: WireEntry[]): string[] {
  const lines: string[] = [];
  let tls = false;
  for (const entry of entries) {
    if (entry.tls && !tls) lines.push(TLS_MARKER);
    tls = entry.tls;
    const prefix = entry.dir === '*' ? '* ' : `${entry.dir}: `;
    for (const part of entry.text.split(/\r?\n/)) lines.push(prefix + terminalSafe(part));
  }
  return lines;
}
