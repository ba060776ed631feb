import { SubmissionContainer } from '../modules/submission-container.ts';
import { COURIER_IMAGE } from './courier-target.ts';

/** Courier from Debian bookworm as a testcontainers module: `new CourierContainer().withProfile('stock').start()` (user "alice" only). */
export class CourierContainer extends SubmissionContainer {
  constructor() {
    super(COURIER_IMAGE, { customUser: false });
  }
}
