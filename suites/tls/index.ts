import type { AnyCase } from '../../harness/model/case.ts';
import { ssl3Refused } from './versions/ssl3-refused.ts';
import { tls10Refused } from './versions/tls10-refused.ts';
import { tls11Refused } from './versions/tls11-refused.ts';
import { tls12Negotiated } from './versions/tls12-negotiated.ts';
import { tls13Supported } from './versions/tls13-supported.ts';
import { weakSuitesRefused } from './suites/weak-refused.ts';
import { tripleDesRefused } from './suites/3des-refused.ts';
import { staticRsaRefused } from './suites/forward-secrecy.ts';
import { compressionRefused } from './extensions/no-compression.ts';
import { secureRenegotiation } from './extensions/secure-renegotiation.ts';
import { clientInitiatedRenegotiation } from './renegotiation/client-initiated.ts';
import { extendedMasterSecret } from './extensions/extended-master-secret.ts';
import { keyStrength } from './keys/key-strength.ts';

/**
 * The TLS policy cases of both ports (versions, cipher suites, extensions, renegotiation, key sizes), in report order.
 * Each case is one file, `<section>/<name>.ts` for the id `tls/<section>/<name>`, imported and listed here;
 * code several of them share is in common/.
 */
export const TLS_CASES: readonly AnyCase[] = [
  ssl3Refused,
  tls10Refused,
  tls11Refused,
  tls12Negotiated,
  tls13Supported,
  weakSuitesRefused,
  tripleDesRefused,
  staticRsaRefused,
  compressionRefused,
  secureRenegotiation,
  clientInitiatedRenegotiation,
  extendedMasterSecret,
  keyStrength,
];
