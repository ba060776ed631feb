import type { AnyCase } from '../../harness/model/case.ts';
import { repliesWellFormed } from './4.2/replies-well-formed.ts';
import { ehloResetsTransaction } from './4.1.4/ehlo-resets-transaction.ts';
import { quitClosesSession } from './4.1.1.10/quit.ts';
import { line600 } from './4.5.3.1.4/line-600-octets.ts';
import { line10k } from './4.5.3.1.4/line-10000-octets.ts';

/**
 * The RFC 5321 cases (reply syntax, the reset by EHLO, QUIT, over-long command lines), in report order.
 * Each case is one file, `<section>/<name>.ts` for the id `rfc5321/<section>/<name>`, imported and listed here;
 * code several of them share is in common/.
 */
export const RFC5321_CASES: readonly AnyCase[] = [
  repliesWellFormed,
  ehloResetsTransaction,
  quitClosesSession,
  line600,
  line10k,
];
