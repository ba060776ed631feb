import { courierFindings } from './courier/findings.ts';
import { dovecotFindings } from './dovecot/findings.ts';
import { eximFindings } from './exim/findings.ts';
import { harakaFindings } from './haraka/findings.ts';
import { opensmtpdFindings } from './opensmtpd/findings.ts';
import { postfixFindings } from './postfix/findings.ts';
import { sendmailFindings } from './sendmail/findings.ts';
import type { TargetFindings } from './target-findings.ts';

/**
 * Each MTA's expected verdicts and the reason for each, by MTA name: what its end-to-end test checks a
 * fresh run against and what docs/results.md explains findings from. An MTA of the registry that is
 * not listed here has its verdicts published without explanations.
 */
export const TARGET_FINDINGS: Record<string, TargetFindings> = {
  postfix: postfixFindings,
  exim: eximFindings,
  opensmtpd: opensmtpdFindings,
  sendmail: sendmailFindings,
  dovecot: dovecotFindings,
  courier: courierFindings,
  haraka: harakaFindings,
};
