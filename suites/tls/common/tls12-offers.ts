import { SUITES } from '../../../harness/tls-probe/cipher-suites.ts';
import type { ProbeSummary } from '../../../harness/tls-probe/summary.ts';
import { VERSION } from '../../../harness/tls-probe/wire.ts';

/** The TLS 1.2 ClientHellos of the cipher-suite and extension cases (tls/suites/*, tls/extensions/*), and what one probe observes. */

/** The server's answer to one ClientHello. */
export type Single = { answer: ProbeSummary };

/** TLS 1.2 (and below) only, so that a server cannot answer with a TLS 1.3 suite instead. */
export const tls12Offer = (suites: number[]) => ({ clientVersion: VERSION.tls12, suites });

/** TLS 1.2 with what a current client offers; compression and the extensions under test vary. */
export const tls12 = { clientVersion: VERSION.tls12, suites: SUITES.modern };
