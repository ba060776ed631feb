import { SubmissionContainer } from '../modules/submission-container.ts';
import { DOVECOT_IMAGE } from './debian12/dovecot-image.ts';

/**
 * Dovecot submission 2.3 from Debian bookworm as a testcontainers module, its user in a passwd-file
 * (names match case-insensitively): `new DovecotSubmissionContainer().withUser('carol', pw).start()`.
 * It has no queue: it answers DATA once its relay took the message. Without `.withRelay(host, port)`
 * the relay is Postfix's smtp-sink inside the container, which accepts every message and drops it.
 */
export class DovecotSubmissionContainer extends SubmissionContainer {
  constructor() {
    super({ debian12: DOVECOT_IMAGE });
  }
}
