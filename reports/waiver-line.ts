import type { Waiver } from '../harness/model/target.ts';

/**
 * A waiver in one line, as JUnit, SARIF, summary.md and the console list a target's waivers:
 * "<case or requirement> [on <port>] [until <day>] [(<waivers file>)]: <reason>". Plain text: each
 * writer escapes it for its format.
 */
export function waiverLine(w: Waiver): string {
  const port = w.port ? ` on ${w.port === 'implicit' ? '465' : '587'}` : '';
  return `${w.pattern}${port}${w.expires ? ` until ${w.expires}` : ''}${w.file ? ` (${w.file})` : ''}: ${w.reason}`;
}
