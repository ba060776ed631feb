import { defineTestHost } from '../hosts/test-host-descriptor.ts';
import { smtpServerFindings } from './findings.ts';
import { SMTP_SERVER_HOST } from './smtp-server-host.ts';

/** smtp-server as a test host (test/hosts/real-hosts.test.ts): its image and what it gives where it does not PASS. */
export const smtpServer = defineTestHost({ spec: SMTP_SERVER_HOST, findings: smtpServerFindings });
