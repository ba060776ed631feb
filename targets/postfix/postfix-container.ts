import { SubmissionContainer } from '../modules/submission-container.ts';
import { POSTFIX_IMAGE } from './debian12/postfix-image.ts';

/**
 * Postfix 3.7 from Debian bookworm as a testcontainers module, its user in a Cyrus sasldb; without a
 * relay, what it accepts is discarded: `new PostfixContainer().withConfiguration('stock').withUser('carol', pw).start()`.
 */
export class PostfixContainer extends SubmissionContainer {
  constructor() {
    super({ debian12: POSTFIX_IMAGE });
  }
}
