import type { AnyCase } from '../../harness/model/case.ts';
import { plaintextMechanismsNotAdvertised } from './4/no-plain-auth-advertised-before-tls.ts';
import { plainAuthRefusedBeforeTls } from './4/auth-plain-refused-before-tls.ts';
import { loginAuthRefusedBeforeTls } from './4/auth-login-refused-before-tls.ts';
import { noAuthAfterAuth } from './4/no-auth-after-auth.ts';
import { cancelGets501 } from './4/cancel-gets-501.ts';
import { badCredentialsRefused } from './6/bad-credentials.ts';
import { authPlainSucceeds } from './4/auth-plain-succeeds-after-tls.ts';
import { authLoginSucceeds } from './4/auth-login-succeeds-after-tls.ts';

/**
 * The RFC 4954 cases (AUTH before and inside TLS, the AUTH exchange), in report order.
 * Each case is one file, `<section>/<name>.ts` for the id `rfc4954/<section>/<name>`, imported and listed here;
 * code several of them share is in common/.
 */
export const RFC4954_CASES: readonly AnyCase[] = [
  plaintextMechanismsNotAdvertised,
  plainAuthRefusedBeforeTls,
  loginAuthRefusedBeforeTls,
  noAuthAfterAuth,
  cancelGets501,
  badCredentialsRefused,
  authPlainSucceeds,
  authLoginSucceeds,
];
