import { SubmissionContainer } from '../modules/submission-container.ts';
import { EXIM_IMAGE } from './debian12/exim-image.ts';
import { EXIM_DEBIAN13_IMAGE } from './debian13/exim-image.ts';

/**
 * Exim 4.96 from Debian bookworm as a testcontainers module, its user in CONFDIR/passwd; without a
 * relay, what it accepts stays queued: `new EximContainer().withConfiguration('stock').withUser('carol', pw).start()`.
 */
export class EximContainer extends SubmissionContainer {
  constructor() {
    super({ debian13: EXIM_DEBIAN13_IMAGE, debian12: EXIM_IMAGE });
  }
}
