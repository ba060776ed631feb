import { SubmissionContainer } from '../modules/submission-container.ts';
import { HARAKA_IMAGE } from './haraka-target.ts';

/** Haraka 3.1 from npm, on Debian bookworm's Node.js as a testcontainers module: `new HarakaContainer().withProfile('stock').start()` (user "alice" only). */
export class HarakaContainer extends SubmissionContainer {
  constructor() {
    super(HARAKA_IMAGE, { customUser: false });
  }
}
