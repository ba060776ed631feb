import { imageBeside } from '../../container-target.ts';

/**
 * Dovecot 2.4 submission (dovecot-submissiond) from Debian 13 (trixie) on 587 (STARTTLS) and 465
 * (implicit TLS), the user from a passwd-file; the master logs "starting up" once its listeners are
 * bound. It has no queue: every transaction is proxied to the run's sink, DATA answered once the sink
 * accepted it.
 */
export const DOVECOT_DEBIAN13_IMAGE = imageBeside(import.meta.url, {
  name: 'dovecot',
  release: 'debian13',
  ready: /starting up for submission/,
});
