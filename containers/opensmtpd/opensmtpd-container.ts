import { SubmissionContainer } from '../modules/submission-container.ts';
import { OPENSMTPD_IMAGE } from './opensmtpd-target.ts';

/** OpenSMTPD 7.4 from Debian bookworm-backports as a testcontainers module: `new OpenSmtpdContainer().withProfile('stock').start()` (user "alice" only). */
export class OpenSmtpdContainer extends SubmissionContainer {
  constructor() {
    super(OPENSMTPD_IMAGE, { customUser: false });
  }
}
