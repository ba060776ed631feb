import { imageBeside } from '../container-target.ts';
import type { TestHostSpec } from '../hosts/test-host.ts';

/**
 * aiosmtpd 1.4.3 from Debian 12 (python3-aiosmtpd), run by a small script set up as its documentation
 * shows: require_starttls on 587, implicit TLS through the controller's ssl_context on 465,
 * auth_required and auth_require_tls, an authenticator for one user (targets/aiosmtpd/image/).
 */
export const AIOSMTPD_HOST = {
  image: imageBeside(import.meta.url, {
    name: 'aiosmtpd',
    release: 'debian12',
    ready: /msaspec: listening on 587 and 465/,
  }),
  defaultUser: 'alice@aiosmtpd.test',
  description: 'aiosmtpd 1.4.3 (Debian 12)',
} satisfies TestHostSpec;
