/** The closed verdict list (README "Verdicts"). Every writer and the exit code handle each one. */
export const VERDICTS = ['PASS', 'FAIL', 'WARN', 'INFO', 'NA', 'ERROR', 'XFAIL', 'XPASS'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** RFC 2119 keyword of the requirement a case enforces; INFO records behaviour the spec leaves open. */
export const LEVELS = ['MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT', 'MAY', 'INFO'] as const;
export type Level = (typeof LEVELS)[number];

export type Category = 'conformance' | 'security' | 'tls' | 'certificate';

/** What an oracle concludes from an observation, before level and waivers make it a verdict. */
export type Outcome = 'conforms' | 'violates' | 'info' | 'na';

export function isMandatory(level: Level): boolean {
  return level === 'MUST' || level === 'MUST NOT';
}

export function verdictFor(outcome: Outcome, level: Level): Verdict {
  switch (outcome) {
    case 'conforms':
      return 'PASS';
    case 'violates':
      return isMandatory(level) ? 'FAIL' : level === 'SHOULD' || level === 'SHOULD NOT' ? 'WARN' : 'INFO';
    case 'info':
      return 'INFO';
    case 'na':
      return 'NA';
  }
}

/**
 * Grading profile of a run (`--profile`). Configuration findings (certificates: RFC 8314 §4.4 and the
 * C-* requirements of suites/requirements.ts) are WARN under "default" and FAIL under "strict"; protocol findings
 * are graded by their level under both.
 */
export const GRADING_PROFILES = ['default', 'strict'] as const;
export type GradingProfile = (typeof GRADING_PROFILES)[number];

/** The verdict of a configuration finding: a deployment's choice, graded by the profile, not by the level. */
export function configurationVerdict(outcome: Outcome, level: Level, profile: GradingProfile): Verdict {
  if (outcome === 'violates') return profile === 'strict' ? 'FAIL' : 'WARN';
  return verdictFor(outcome, level);
}

/** A waived case that fails is expected (XFAIL); one that passes means the waiver is stale (XPASS). */
export function applyWaiver(verdict: Verdict): Verdict {
  if (verdict === 'FAIL' || verdict === 'WARN') return 'XFAIL';
  if (verdict === 'PASS') return 'XPASS';
  return verdict;
}

/** Security cases show a FAIL as VULNERABLE; the verdict itself stays FAIL. */
export function verdictLabel(verdict: Verdict, category: Category): string {
  return verdict === 'FAIL' && category === 'security' ? 'VULNERABLE' : verdict;
}
