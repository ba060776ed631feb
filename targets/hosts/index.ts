import { aiosmtpd } from '../aiosmtpd/index.ts';
import { chasquid } from '../chasquid/index.ts';
import { smtpServer } from '../smtp-server/index.ts';
import type { HostFindings } from './host-findings.ts';
import type { TestHostSpec } from './test-host.ts';

export { StartedTestHost, TestHostContainer, type TestHostSpec } from './test-host.ts';
export type { HostFindings } from './host-findings.ts';

/**
 * Real servers the suite does not ship as targets, tested as external hosts
 * (test/hosts/real-hosts.test.ts), each one folder (targets/<host>/, its descriptor in index.ts).
 * Adding one is its folder plus its entry here.
 */
const HOSTS = [chasquid, aiosmtpd, smtpServer] as const;

type HostName = (typeof HOSTS)[number]['name'];

/** Each test host's image and default user, by name. */
export const TEST_HOSTS = Object.fromEntries(HOSTS.map((host) => [host.name, host.spec])) as Readonly<Record<HostName, TestHostSpec>>;

/** What each test host gives where it does not PASS, with the reasons. */
export const TEST_HOST_FINDINGS = Object.fromEntries(HOSTS.map((host) => [host.name, host.findings])) as Readonly<Record<HostName, HostFindings>>;
