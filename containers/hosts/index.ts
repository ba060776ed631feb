import { AIOSMTPD_HOST } from '../aiosmtpd/aiosmtpd-host.ts';
import { CHASQUID_HOST } from '../chasquid/chasquid-host.ts';
import { SMTP_SERVER_HOST } from '../smtp-server/smtp-server-host.ts';
import { aiosmtpdFindings } from '../aiosmtpd/findings.ts';
import { chasquidFindings } from '../chasquid/findings.ts';
import { smtpServerFindings } from '../smtp-server/findings.ts';
import type { HostFindings } from './host-findings.ts';
import type { TestHostSpec } from './test-host.ts';

export { StartedTestHost, TestHostContainer, type TestHostSpec } from './test-host.ts';
export type { HostFindings } from './host-findings.ts';

/** Real servers the suite does not ship as targets, tested as external hosts (test/hosts/real-hosts.test.ts). */
export const TEST_HOSTS: Record<'chasquid' | 'aiosmtpd' | 'smtp-server', TestHostSpec> = {
  chasquid: CHASQUID_HOST,
  aiosmtpd: AIOSMTPD_HOST,
  'smtp-server': SMTP_SERVER_HOST,
};

/** What each test host gives where it does not PASS, with the reasons. */
export const TEST_HOST_FINDINGS: Record<keyof typeof TEST_HOSTS, HostFindings> = {
  chasquid: chasquidFindings,
  aiosmtpd: aiosmtpdFindings,
  'smtp-server': smtpServerFindings,
};
