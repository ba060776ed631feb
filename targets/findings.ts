import { MTAS } from './mtas.ts';
import type { MtaFindings } from './target-findings.ts';

/**
 * Each MTA's expected verdicts and the reason for each, by MTA name (from targets/mtas.ts): what
 * its end-to-end test checks a fresh run against and what docs/results.md explains findings from.
 */
export const TARGET_FINDINGS: Record<string, MtaFindings> = Object.fromEntries(MTAS.map((mta) => [mta.name, mta.findings]));
