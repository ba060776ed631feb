import { imageBeside } from '../container-target.ts';
import type { TestHostSpec } from '../hosts/test-host.ts';

/**
 * chasquid 1.11 from Debian 12, set up as its documentation says (targets/chasquid/image/): users
 * are addresses (user@domain), so the default user is alice@chasquid.test. Its TLS is Go's.
 */
export const CHASQUID_HOST = {
  image: imageBeside(import.meta.url, {
    name: 'chasquid',
    release: 'debian12',
    // Logged when each listener is bound; 465 comes last in chasquid.conf order.
    ready: /Server listening on :465/,
  }),
  defaultUser: 'alice@chasquid.test',
  description: 'chasquid 1.11 (Debian 12)',
} satisfies TestHostSpec;
