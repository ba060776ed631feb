import type { PortKind } from '../../harness/model/port.ts';
import type { Verdict } from '../../harness/model/verdict.ts';
import type { ExpectedVerdicts } from '../target-findings.ts';

/**
 * What a test host gives where it does not PASS, each with its reason in one sentence, as the
 * built-in MTAs' findings.ts do: the table test/hosts/real-hosts.test.ts holds a fresh run to.
 */
export interface HostFindings {
  /** containers/<host>/ */
  host: string;
  title: string;
  expected: ExpectedVerdicts;
  /**
   * Rows whose verdict in `expected` (the right one) needs a change that has not landed yet; until it
   * does, the verdict given here is accepted too. Each says which change and what the run sees now.
   */
  pending?: Record<string, [now: Verdict | Partial<Record<PortKind, Verdict>>, why: string]>;
}

/**
 * The sender rule of CaseContext ("a user name that is already an address is the sender as is"):
 * until it lands, a case that opens a transaction sends MAIL FROM:<user@domain@example.test>.
 */
export const SENDER_RULE_PENDING = 'until the sender rule lands, MAIL FROM is built as "<user>@example.test" from a user name that is already an address, and the server refuses it';
