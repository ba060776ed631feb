import { SubmissionContainer } from '../modules/submission-container.ts';
import { POSTFIX_IMAGE } from './postfix-target.ts';

/** Postfix 3.7 from Debian bookworm as a testcontainers module: `new PostfixContainer().withProfile('stock').start()`. */
export class PostfixContainer extends SubmissionContainer {
  constructor() {
    super(POSTFIX_IMAGE, { customUser: true });
  }
}
