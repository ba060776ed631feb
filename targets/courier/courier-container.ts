import { SubmissionContainer } from '../modules/submission-container.ts';
import { COURIER_IMAGE } from './debian12/courier-image.ts';
import { COURIER_DEBIAN13_IMAGE } from './debian13/courier-image.ts';

/**
 * Courier 1.0 from Debian bookworm as a testcontainers module, its user a system account made at start
 * and checked through PAM (a name the image already has, such as root or nobody, is refused); without a
 * relay, what it accepts stays queued: `new CourierContainer().withConfiguration('stock').withUser('carol', pw).start()`.
 */
export class CourierContainer extends SubmissionContainer {
  constructor() {
    super({ debian13: COURIER_DEBIAN13_IMAGE, debian12: COURIER_IMAGE });
  }

  /** Not a name with a leading "-": glibc skips such passwd lines (NIS exclusions), so no account can have one. */
  override withUser(user: string, password: string): this {
    if (user.startsWith('-')) throw new Error(`user name ${JSON.stringify(user)}: Courier's users are system accounts, whose names cannot start with "-"`);
    return super.withUser(user, password);
  }
}
