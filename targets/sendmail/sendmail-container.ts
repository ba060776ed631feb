import { SubmissionContainer } from '../modules/submission-container.ts';
import { SENDMAIL_IMAGE } from './debian12/sendmail-image.ts';
import { SENDMAIL_DEBIAN13_IMAGE } from './debian13/sendmail-image.ts';

/**
 * Sendmail 8.17 from Debian bookworm as a testcontainers module, its user in a Cyrus sasldb; without a
 * relay, what it accepts is discarded: `new SendmailContainer().withConfiguration('stock').withUser('carol', pw).start()`.
 */
export class SendmailContainer extends SubmissionContainer {
  constructor() {
    super({ debian13: SENDMAIL_DEBIAN13_IMAGE, debian12: SENDMAIL_IMAGE });
  }
}
