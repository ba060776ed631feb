import { SubmissionContainer } from '../modules/submission-container.ts';
import { DOVECOT_IMAGE } from './dovecot-target.ts';

/**
 * Dovecot submission 2.3 from Debian bookworm as a testcontainers module (user "alice" only). It has
 * no queue of its own: DATA succeeds only when it can relay, so give it one with `.withRelay(host, port)`.
 */
export class DovecotSubmissionContainer extends SubmissionContainer {
  constructor() {
    super(DOVECOT_IMAGE, { customUser: false });
  }
}
