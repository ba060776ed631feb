import { SubmissionContainer } from '../modules/submission-container.ts';
import { DOVECOT_IMAGE } from './debian12/dovecot-image.ts';
import { DOVECOT_DEBIAN13_IMAGE } from './debian13/dovecot-image.ts';

/**
 * Dovecot submission from Debian (2.4 on Debian 13, 2.3 on Debian 12) as a testcontainers module, its
 * user in a passwd-file (names match case-insensitively): `new DovecotSubmissionContainer().withUser('carol', pw).start()`.
 * It has no queue: it answers DATA once its relay took the message. Without `.withRelay(host, port)`
 * the relay is Postfix's smtp-sink inside the container, which accepts every message and drops it.
 */
export class DovecotSubmissionContainer extends SubmissionContainer {
  constructor() {
    super({ debian13: DOVECOT_DEBIAN13_IMAGE, debian12: DOVECOT_IMAGE });
  }
}
