import type { AnyCase } from '../../harness/model/case.ts';
import { starttlsWithParameter } from './4/starttls-with-parameter.ts';
import { starttlsAdvertised } from './4/starttls-advertised.ts';
import { tlsRequiredBeforeMail } from './4/tls-required.ts';
import { ehloForgottenAfterTls } from './4.2/ehlo-forgotten.ts';
import { envelopeForgottenAfterTls } from './4.2/envelope-forgotten.ts';
import { authForgottenAfterTls } from './4.2/auth-forgotten.ts';
import { stateResetGenerated } from './4.2/reset-generated.ts';
import { sessionModel } from './4.2/session-model.ts';
import { noStarttlsAfterTls } from './4.2/no-starttls-after-tls.ts';
import { secondStarttlsRefused } from './4.2/second-starttls-refused.ts';

/**
 * The RFC 3207 cases (the STARTTLS command, TLS before a transaction, the state reset at the handshake), in report order.
 * Each case is one file, `<section>/<name>.ts` for the id `rfc3207/<section>/<name>`, imported and listed here;
 * code several of them share is in common/.
 */
export const RFC3207_CASES: readonly AnyCase[] = [
  starttlsWithParameter,
  starttlsAdvertised,
  tlsRequiredBeforeMail,
  ehloForgottenAfterTls,
  envelopeForgottenAfterTls,
  authForgottenAfterTls,
  stateResetGenerated,
  sessionModel,
  noStarttlsAfterTls,
  secondStarttlsRefused,
];
