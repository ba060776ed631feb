import type { PortKind } from '../harness/model/port.ts';
import type { Waiver } from '../harness/model/target.ts';
import type { Verdict } from '../harness/model/verdict.ts';
import type { Configuration } from './container-target.ts';
import type { Release } from './releases.ts';

/** One listed case: its verdict (the same on every port, or per port; an unlisted port is PASS) and why, in one sentence. */
export type Expectation = [verdict: Verdict | Partial<Record<PortKind, Verdict>>, reason: string];

/** Case id → expectation; every case not listed is PASS on every port. */
export type ExpectedVerdicts = Record<string, Expectation>;

/**
 * What one MTA gives under each configuration where it does not PASS, with the reason: the one table its
 * end-to-end test checks a fresh run against and docs/results.md explains its findings from.
 */
export interface MtaFindings {
  /** The registry's MTA name, e.g. "postfix" (targets "postfix:stock" and "postfix@debian12:hardened"). */
  mta: string;
  /** The release line these verdicts are of (targets/releases.ts). */
  release: Release;
  /** How the docs name it, e.g. "Postfix 3.7 (Debian 12)". */
  title: string;
  /** The page that documents its hardened configuration, relative to docs/. */
  doc?: string;
  configurations: Record<Configuration, ExpectedVerdicts>;
  /**
   * On a line that has one below it (debian13 over debian12): case id → why its verdict differs from
   * the line below's, in either configuration (a changed default, a fix, a regression). Every
   * difference has one (test/targets/release-changes.test.ts); docs/results.md's "What changed" shows them.
   */
  changes?: Record<string, string>;
}

export function expectedVerdict(expected: ExpectedVerdicts, caseId: string, port: PortKind): Verdict {
  const verdict = expected[caseId]?.[0];
  if (verdict === undefined) return 'PASS';
  return typeof verdict === 'string' ? verdict : (verdict[port] ?? 'PASS');
}

/** The same, for a port as reports label it: "465", "587", or "465+587" (a case about the target: its first port). */
export function expectedVerdictForLabel(expected: ExpectedVerdicts, caseId: string, label: string): Verdict {
  return expectedVerdict(expected, caseId, label === '587' ? 'starttls' : 'implicit');
}

/**
 * The waivers a configuration's XFAIL entries stand for, with their reasons: an entry whose XFAIL is on one
 * port only waives that port, so the other port still has to PASS.
 */
export function waiversOf(expected: ExpectedVerdicts): Waiver[] {
  return Object.entries(expected).flatMap(([pattern, [verdict, reason]]): Waiver[] => {
    if (verdict === 'XFAIL') return [{ pattern, reason }];
    if (typeof verdict === 'string') return [];
    return (Object.entries(verdict) as [PortKind, Verdict][]).filter(([, v]) => v === 'XFAIL').map(([port]) => ({ pattern, reason, port }));
  });
}
