import { AIOSMTPD_HOST } from '../aiosmtpd/aiosmtpd-host.ts';
import { CHASQUID_HOST } from '../chasquid/chasquid-host.ts';
import { SMTP_SERVER_HOST } from '../smtp-server/smtp-server-host.ts';
import type { TestHostSpec } from './test-host.ts';

export { StartedTestHost, TestHostContainer, type TestHostSpec } from './test-host.ts';

/** Real servers the suite does not ship as targets, tested as external hosts (test/hosts/real-hosts.test.ts). */
export const TEST_HOSTS: Record<'chasquid' | 'aiosmtpd' | 'smtp-server', TestHostSpec> = {
  chasquid: CHASQUID_HOST,
  aiosmtpd: AIOSMTPD_HOST,
  'smtp-server': SMTP_SERVER_HOST,
};

