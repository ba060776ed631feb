import { SubmissionContainer } from '../modules/submission-container.ts';
import { OPENSMTPD_IMAGE } from './debian12/opensmtpd-image.ts';
import { OPENSMTPD_DEBIAN13_IMAGE } from './debian13/opensmtpd-image.ts';

/**
 * OpenSMTPD 7.4 from Debian bookworm-backports as a testcontainers module, its user in a credentials
 * table; without a relay, what it accepts is discarded:
 * `new OpenSmtpdContainer().withConfiguration('stock').withUser('carol', pw).start()`.
 */
export class OpenSmtpdContainer extends SubmissionContainer {
  constructor() {
    super({ debian13: OPENSMTPD_DEBIAN13_IMAGE, debian12: OPENSMTPD_IMAGE });
  }
}
