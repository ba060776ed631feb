import type { AnyCase } from '../../harness/model/case.ts';
import { mailRequiresAuthentication } from './4.3/mail-requires-auth.ts';
import { submitsEndToEnd } from './submission/end-to-end.ts';

/**
 * The RFC 6409 cases (authentication required to submit, a submission end to end), in report order.
 * Each case is one file, `<section>/<name>.ts` for the id `rfc6409/<section>/<name>`, imported and listed here.
 */
export const RFC6409_CASES: readonly AnyCase[] = [
  mailRequiresAuthentication,
  submitsEndToEnd,
];
