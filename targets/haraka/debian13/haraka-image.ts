import { imageBeside } from '../../container-target.ts';
import { hostExtraCaPem } from '../../images/host-ca.ts';

/**
 * Haraka from npm (pinned by the image's package-lock.json) on Debian 13 (trixie)'s Node.js 20: 587
 * (STARTTLS, tls plugin) and 465 (implicit TLS), the user from auth/flat_file, every accepted message
 * forwarded to the run's sink by queue/smtp_forward.
 */
export const HARAKA_DEBIAN13_IMAGE = imageBeside(import.meta.url, {
  name: 'haraka',
  release: 'debian13',
  // Logged once the 465 listener is bound; 587's comes just before it.
  ready: /Listening on 0\.0\.0\.0:465/,
  // npm ci in the build may have to pass an HTTPS-intercepting proxy this machine trusts.
  buildArgs: () => ({ NPM_EXTRA_CA: hostExtraCaPem() }),
});
