import { defineTestHost } from '../hosts/test-host-descriptor.ts';
import { chasquidFindings } from './findings.ts';
import { CHASQUID_HOST } from './chasquid-host.ts';

/** chasquid as a test host (test/hosts/real-hosts.test.ts): its image and what it gives where it does not PASS. */
export const chasquid = defineTestHost({ spec: CHASQUID_HOST, findings: chasquidFindings });
