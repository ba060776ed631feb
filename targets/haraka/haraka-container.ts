import { SubmissionContainer } from '../modules/submission-container.ts';
import { HARAKA_IMAGE } from './debian12/haraka-image.ts';
import { HARAKA_DEBIAN13_IMAGE } from './debian13/haraka-image.ts';

/**
 * Haraka from npm on Debian's Node.js (3.3 on Debian 13, 3.1 on Debian 12) as a testcontainers module,
 * its user in auth/flat_file; without a relay, what it accepts is discarded:
 * `new HarakaContainer().withConfiguration('stock').withUser('carol', pw).start()`.
 * The password is kept byte for byte, whatever its shape ("007", spaces around it, `=;#"\`,
 * UTF-8): the image hands it to Haraka as a JSON string, not as an ini value.
 */
export class HarakaContainer extends SubmissionContainer {
  constructor() {
    super({ debian13: HARAKA_DEBIAN13_IMAGE, debian12: HARAKA_IMAGE });
  }

  /** Not __proto__, constructor or prototype: haraka-config drops those ini keys, so such a user could never log in. */
  override withUser(user: string, password: string): this {
    if (UNSAFE_INI_KEYS.has(user)) throw new Error(`user name ${JSON.stringify(user)}: Haraka's configuration cannot hold it`);
    return super.withUser(user, password);
  }
}

const UNSAFE_INI_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
