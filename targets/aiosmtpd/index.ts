import { defineTestHost } from '../hosts/test-host-descriptor.ts';
import { aiosmtpdFindings } from './findings.ts';
import { AIOSMTPD_HOST } from './aiosmtpd-host.ts';

/** aiosmtpd as a test host (test/hosts/real-hosts.test.ts): its image and what it gives where it does not PASS. */
export const aiosmtpd = defineTestHost({ spec: AIOSMTPD_HOST, findings: aiosmtpdFindings });
