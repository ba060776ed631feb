import { SubmissionContainer } from '../modules/submission-container.ts';
import { HARAKA_IMAGE } from './debian12/haraka-image.ts';

/**
 * Haraka 3.1 from npm, on Debian bookworm's Node.js, as a testcontainers module, its user in
 * auth/flat_file; without a relay, what it accepts is discarded:
 * `new HarakaContainer().withConfiguration('stock').withUser('carol', pw).start()`.
 * The password is kept byte for byte, whatever its shape ("007", spaces around it, `=;#"\`,
 * UTF-8): the image hands it to Haraka as a JSON string, not as an ini value.
 */
export class HarakaContainer extends SubmissionContainer {
  constructor() {
    super({ debian12: HARAKA_IMAGE });
  }

  /** Not __proto__, constructor or prototype: haraka-config drops those ini keys, so such a user could never log in. */
  override withUser(user: string, password: string): this {
    if (UNSAFE_INI_KEYS.has(user)) throw new Error(`user name ${JSON.stringify(user)}: Haraka's configuration cannot hold it`);
    return super.withUser(user, password);
  }
}

const UNSAFE_INI_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
