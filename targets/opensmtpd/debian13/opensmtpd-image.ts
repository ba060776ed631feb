import { imageBeside } from '../../container-target.ts';

/**
 * OpenSMTPD 7.4 from Debian 13 (trixie)-backports (trixie's own 6.8 cannot complete a TLS handshake
 * with OpenSSL 3): 587 with STARTTLS required, 465 with implicit TLS, AUTH against a credentials
 * table; smtpd -dv logs "smtp: will accept at most N clients" once its listeners are bound. Given the
 * run's sink it relays every accepted message there; otherwise it discards them.
 */
export const OPENSMTPD_DEBIAN13_IMAGE = imageBeside(import.meta.url, {
  name: 'opensmtpd',
  release: 'debian13',
  ready: /smtp: will accept at most \d+ clients/,
});
