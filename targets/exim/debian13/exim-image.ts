import { imageBeside } from '../../container-target.ts';

/**
 * Exim 4.96 (exim4-daemon-heavy) from Debian 13 (trixie) with Debian's non-split configuration:
 * submissions on 465 (tls_on_connect_ports), submission on 587, AUTH PLAIN and LOGIN against
 * /etc/exim4/passwd; "daemon started" once it listens. Given the run's sink it sends every remote
 * message there as its smarthost.
 */
export const EXIM_DEBIAN13_IMAGE = imageBeside(import.meta.url, {
  name: 'exim',
  release: 'debian13',
  ready: /daemon started/,
});
