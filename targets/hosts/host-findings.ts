import type { ExpectedVerdicts } from '../target-findings.ts';

/**
 * What a test host gives where it does not PASS, each with its reason in one sentence, as the
 * built-in MTAs' findings.ts do: the table test/hosts/real-hosts.test.ts holds a fresh run to.
 */
export interface HostFindings {
  /** targets/<host>/ */
  host: string;
  title: string;
  expected: ExpectedVerdicts;
}
