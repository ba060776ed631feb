import { SubmissionContainer } from '../modules/submission-container.ts';
import { POSTFIX_IMAGE } from './debian12/postfix-image.ts';
import { POSTFIX_DEBIAN13_IMAGE } from './debian13/postfix-image.ts';

/**
 * Postfix from Debian (3.10 on Debian 13, 3.7 on Debian 12) as a testcontainers module, its user in a Cyrus sasldb; without a
 * relay, what it accepts is discarded: `new PostfixContainer().withConfiguration('stock').withUser('carol', pw).start()`.
 */
export class PostfixContainer extends SubmissionContainer {
  constructor() {
    super({ debian13: POSTFIX_DEBIAN13_IMAGE, debian12: POSTFIX_IMAGE });
  }
}
