import { imageBeside } from '../../container-target.ts';

/**
 * sendmail 8.17 from Debian 13 (trixie): the MSA on 587 (STARTTLS), SMTP over TLS on 465, AUTH through
 * Cyrus SASL (sasldb), sendmail.cf built with m4 from the configuration's .mc file at start. It logs through
 * syslog only (busybox syslogd writes to stdout); the entrypoint logs the ready line once both ports
 * are in LISTEN state. Given the run's sink it relays every accepted message there; otherwise it
 * discards them.
 */
export const SENDMAIL_DEBIAN13_IMAGE = imageBeside(import.meta.url, {
  name: 'sendmail',
  release: 'debian13',
  ready: /msaspec: sendmail listens on 465 and 587/,
});
