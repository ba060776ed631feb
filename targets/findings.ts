import { MTAS } from './mtas.ts';
import { lineName } from './releases.ts';
import type { MtaFindings } from './target-findings.ts';

/**
 * Each MTA line's expected verdicts and the reason for each, by line name ("postfix" for the current
 * line, "postfix@debian12" for another; from targets/mtas.ts): what
 * its end-to-end test checks a fresh run against and what docs/results.md explains findings from.
 */
export const TARGET_FINDINGS: Record<string, MtaFindings> = Object.fromEntries(MTAS.flatMap((mta) => mta.lines.map((line) => [lineName(mta.name, line.release), line.findings])));
