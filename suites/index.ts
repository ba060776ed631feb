import type { AnyCase } from '../harness/model/case.ts';
import { pipelinedEhlo, pipelinedNoop, pipelinedRset } from './injection/pipelined-starttls.ts';
import { noStarttlsAfterTls } from './rfc3207/after-tls.ts';
import { starttlsAdvertised } from './rfc3207/starttls-advertised.ts';
import { starttlsWithParameter } from './rfc3207/starttls-command.ts';
import { tlsRequiredBeforeMail } from './rfc3207/tls-required.ts';
import { authLoginSucceeds, authPlainSucceeds } from './rfc4954/auth-after-tls.ts';
import { loginAuthRefusedBeforeTls, plainAuthRefusedBeforeTls, plaintextMechanismsNotAdvertised } from './rfc4954/auth-before-tls.ts';
import { mailRequiresAuthentication } from './rfc6409/require-authentication.ts';
import { submitsEndToEnd } from './rfc6409/submission.ts';
import { bothServices } from './rfc8314/both-services.ts';
import { greetingInsideTls, plaintextFirstUnanswered } from './rfc8314/implicit-tls.ts';

/** Every case, in report order. Ids are stable: add cases, never renumber them. */
export const ALL_CASES: readonly AnyCase[] = [
  greetingInsideTls,
  plaintextFirstUnanswered,
  bothServices,
  starttlsWithParameter,
  starttlsAdvertised,
  tlsRequiredBeforeMail,
  noStarttlsAfterTls,
  plaintextMechanismsNotAdvertised,
  plainAuthRefusedBeforeTls,
  loginAuthRefusedBeforeTls,
  authPlainSucceeds,
  authLoginSucceeds,
  mailRequiresAuthentication,
  submitsEndToEnd,
  pipelinedNoop,
  pipelinedRset,
  pipelinedEhlo,
];

export function selectCases(only: readonly string[] = []): AnyCase[] {
  if (only.length === 0) return [...ALL_CASES];
  return ALL_CASES.filter((c) => only.some((prefix) => c.id.startsWith(prefix) || c.requirements.includes(prefix)));
}
