import { MTAS } from './mtas.ts';
import type { TargetFindings } from './target-findings.ts';

/**
 * Each MTA's expected verdicts and the reason for each, by MTA name (from containers/mtas.ts): what
 * its end-to-end test checks a fresh run against and what docs/results.md explains findings from.
 */
export const TARGET_FINDINGS: Record<string, TargetFindings> = Object.fromEntries(MTAS.map((mta) => [mta.name, mta.findings]));
