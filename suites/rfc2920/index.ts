import type { AnyCase } from '../../harness/model/case.ts';
import { pipelinedRepliesInOrder } from './3.2/replies-in-order.ts';

/**
 * The RFC 2920 case (pipelined replies in order), in report order.
 * Each case is one file, `<section>/<name>.ts` for the id `rfc2920/<section>/<name>`, imported and listed here.
 */
export const RFC2920_CASES: readonly AnyCase[] = [
  pipelinedRepliesInOrder,
];
