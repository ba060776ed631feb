import type { AnyCase } from '../harness/model/case.ts';
import { pipelinedEhlo, pipelinedNoop, pipelinedRset } from './injection/common/pipelined-starttls.ts';
import { credentialTheftChain, generatedPipelines } from './injection/common/injection-property.ts';
import { junkInsteadOfClientHello } from './injection/3/junk-instead-of-client-hello.ts';
import { plaintextBeforeClientHello } from './injection/4/plaintext-before-client-hello.ts';
import { sessionModel } from './rfc3207/4.2/session-model.ts';
import { stateResetGenerated } from './rfc3207/4.2/reset-generated.ts';
import { pipelinedRepliesInOrder } from './rfc2920/3.2/replies-in-order.ts';
import { noStarttlsAfterTls, secondStarttlsRefused } from './rfc3207/4.2/no-starttls-after-tls.ts';
import { starttlsAdvertised } from './rfc3207/4/starttls-advertised.ts';
import { starttlsWithParameter } from './rfc3207/4/starttls-with-parameter.ts';
import { authForgottenAfterTls, ehloForgottenAfterTls, envelopeForgottenAfterTls } from './rfc3207/common/state-reset.ts';
import { tlsRequiredBeforeMail } from './rfc3207/4/tls-required.ts';
import { authLoginSucceeds, authPlainSucceeds } from './rfc4954/common/auth-succeeds.ts';
import { loginAuthRefusedBeforeTls, plainAuthRefusedBeforeTls, plaintextMechanismsNotAdvertised } from './rfc4954/common/auth-before-tls.ts';
import { badCredentialsRefused, cancelGets501, noAuthAfterAuth } from './rfc4954/4/no-auth-after-auth.ts';
import { line10k, line600 } from './rfc5321/common/over-long-line.ts';
import { quitClosesSession } from './rfc5321/4.1.1.10/quit.ts';
import { repliesWellFormed } from './rfc5321/4.2/replies-well-formed.ts';
import { ehloResetsTransaction } from './rfc5321/4.1.4/ehlo-resets-transaction.ts';
import { mailRequiresAuthentication } from './rfc6409/4.3/mail-requires-auth.ts';
import { submitsEndToEnd } from './rfc6409/submission/end-to-end.ts';
import { bothServices } from './rfc8314/3.3/both-services.ts';
import { closeNotifyBeforeClose } from './rfc8314/3.4/close-notify.ts';
import { receivedRecordsTls } from './rfc8314/4.3/received-records-tls.ts';
import { greetingInsideTls, plaintextFirstUnanswered } from './rfc8314/3.3/greeting-inside-tls.ts';
import { tls12Supported } from './rfc8314/4.1/tls12-supported.ts';
import { certificateChain, certificateName, certificateSignature, certificateValidity, sameCertificateBothPorts } from './certificates/common/rfc8314-certificate.ts';
import { staticRsaRefused, tripleDesRefused, weakSuitesRefused } from './tls/suites/weak-refused.ts';
import { compressionRefused, extendedMasterSecret, secureRenegotiation } from './tls/extensions/no-compression.ts';
import { keyStrength } from './tls/keys/key-strength.ts';
import { clientInitiatedRenegotiation } from './tls/renegotiation/client-initiated.ts';
import { ssl3Refused, tls10Refused, tls11Refused, tls12Negotiated, tls13Supported } from './tls/common/old-versions.ts';

/** Every case, in report order. Ids are stable: add cases, never renumber them. */
export const ALL_CASES: readonly AnyCase[] = [
  greetingInsideTls,
  plaintextFirstUnanswered,
  bothServices,
  closeNotifyBeforeClose,
  tls12Supported,
  receivedRecordsTls,
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
  plaintextMechanismsNotAdvertised,
  plainAuthRefusedBeforeTls,
  loginAuthRefusedBeforeTls,
  noAuthAfterAuth,
  cancelGets501,
  badCredentialsRefused,
  authPlainSucceeds,
  authLoginSucceeds,
  mailRequiresAuthentication,
  submitsEndToEnd,
  repliesWellFormed,
  ehloResetsTransaction,
  quitClosesSession,
  line600,
  line10k,
  pipelinedRepliesInOrder,
  pipelinedNoop,
  pipelinedRset,
  pipelinedEhlo,
  generatedPipelines,
  credentialTheftChain,
  junkInsteadOfClientHello,
  plaintextBeforeClientHello,
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
  certificateName,
  certificateChain,
  certificateValidity,
  certificateSignature,
  sameCertificateBothPorts,
];

/** `--only` then `--exclude`: each a case id prefix or a requirement ID. */
export function selectCases(only: readonly string[] = [], exclude: readonly string[] = []): AnyCase[] {
  const matches = (c: AnyCase, selector: string) => c.id.startsWith(selector) || c.requirements.includes(selector);
  return ALL_CASES.filter((c) => (only.length === 0 || only.some((s) => matches(c, s))) && !exclude.some((s) => matches(c, s)));
}
