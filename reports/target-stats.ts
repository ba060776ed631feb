import type { CaseResult } from '../harness/model/result.ts';
import { isMandatory, type Level, type Verdict } from '../harness/model/verdict.ts';
import { countVerdicts } from './exit-code.ts';

export interface PassRate {
  passed: number;
  /** Rows of that level that applied (NA left out). */
  total: number;
}

/** What a summary says about one target: how many of its MUST and SHOULD rows passed, and its security findings. */
export interface TargetStats {
  counts: Record<Verdict, number>;
  must: PassRate;
  should: PassRate;
  /** Security cases that FAILed (shown as VULNERABLE) or WARNed. */
  securityFindings: number;
}

const isShould = (level: Level) => level === 'SHOULD' || level === 'SHOULD NOT';

function passRate(results: CaseResult[]): PassRate {
  const applied = results.filter((r) => r.verdict !== 'NA');
  return { passed: applied.filter((r) => r.verdict === 'PASS').length, total: applied.length };
}

export function targetStats(results: CaseResult[]): TargetStats {
  return {
    counts: countVerdicts(results),
    must: passRate(results.filter((r) => isMandatory(r.level))),
    should: passRate(results.filter((r) => isShould(r.level))),
    securityFindings: results.filter((r) => r.category === 'security' && (r.verdict === 'FAIL' || r.verdict === 'WARN')).length,
  };
}

/** Every target of the report in its order, then any that only appear in results. */
export function targetNames(targets: readonly { name: string }[], results: readonly CaseResult[]): string[] {
  const names = targets.map((t) => t.name);
  for (const r of results) if (!names.includes(r.target)) names.push(r.target);
  return names;
}

/** Ports in report order: 465, 587, then the rows about a target as a whole. */
export const PORT_ORDER = ['465', '587', '465+587'];

export function portsOf(results: readonly CaseResult[]): string[] {
  const present = new Set(results.map((r) => r.port));
  return [...PORT_ORDER.filter((p) => present.has(p)), ...[...present].filter((p) => !PORT_ORDER.includes(p)).sort()];
}
