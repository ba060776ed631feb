import { SubmissionContainer } from '../modules/submission-container.ts';
import { EXIM_IMAGE } from './exim-target.ts';

/** Exim 4.96 from Debian bookworm as a testcontainers module: `new EximContainer().withProfile('stock').start()`. */
export class EximContainer extends SubmissionContainer {
  constructor() {
    super(EXIM_IMAGE, { customUser: true });
  }
}
