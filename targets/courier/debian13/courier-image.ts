import { imageBeside } from '../../container-target.ts';

/**
 * Courier MTA from Debian 13 (trixie) on 587 (esmtpd-msa, STARTTLS) and 465 (esmtpd-ssl, couriertls),
 * the user a system account checked through PAM, every message routed to the run's sink
 * (esmtproutes). Courier logs through syslog only: the image runs busybox syslogd to stdout, and the
 * entrypoint logs its line once 465 and 587 accept connections.
 */
export const COURIER_DEBIAN13_IMAGE = imageBeside(import.meta.url, {
  name: 'courier',
  release: 'debian13',
  ready: /msaspec: courier listens on 465 and 587/,
});
