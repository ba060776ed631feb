import { SubmissionContainer } from '../modules/submission-container.ts';
import { SENDMAIL_IMAGE } from './sendmail-target.ts';

/** Sendmail from Debian bookworm as a testcontainers module: `new SendmailContainer().withProfile('stock').start()` (user "alice" only). */
export class SendmailContainer extends SubmissionContainer {
  constructor() {
    super(SENDMAIL_IMAGE, { customUser: false });
  }
}
