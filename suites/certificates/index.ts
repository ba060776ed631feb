import type { AnyCase } from '../../harness/model/case.ts';
import { certificateName } from './name/san-matches.ts';
import { certificateChain } from './chain/verifies-to-anchor.ts';
import { certificateValidity } from './time/valid-now.ts';
import { certificateSignature } from './signature/strong-and-server-auth.ts';
import { sameCertificateBothPorts } from './ports/same-on-both.ts';

/**
 * The certificate cases (name, chain, validity, signature, the same certificate on both ports), in report order.
 * Each case is one file, `<section>/<name>.ts` for the id `certificates/<section>/<name>`, imported and listed here;
 * code several of them share is in common/.
 */
export const CERTIFICATE_CASES: readonly AnyCase[] = [
  certificateName,
  certificateChain,
  certificateValidity,
  certificateSignature,
  sameCertificateBothPorts,
];
