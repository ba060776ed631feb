import { imageBeside } from '../../container-target.ts';

/**
 * Dovecot submission (dovecot-submissiond) from Debian bookworm on 587 (STARTTLS) and 465 (implicit
 * TLS), the user from a passwd-file; the master logs "starting up" once its listeners are bound. It
 * has no queue: every transaction is proxied to the run's sink, DATA answered once the sink accepted it.
 */
export const DOVECOT_IMAGE = imageBeside(import.meta.url, {
  name: 'dovecot',
  release: 'debian12',
  ready: /starting up for submission/,
});
