import type { AnyCase } from '../harness/model/case.ts';
import { pipelinedEhlo, pipelinedNoop, pipelinedRset } from './injection/pipelined-starttls.ts';
import { credentialTheftChain, generatedPipelines } from './injection/generated-pipelines.ts';
import { junkInsteadOfClientHello } from './injection/not-a-client-hello.ts';
import { plaintextBeforeClientHello } from './injection/plaintext-before-client-hello.ts';
import { sessionModel } from './rfc3207/session-model.ts';
import { stateResetGenerated } from './rfc3207/state-reset-generated.ts';
import { pipelinedRepliesInOrder } from './rfc2920/pipelining.ts';
import { noStarttlsAfterTls, secondStarttlsRefused } from './rfc3207/after-tls.ts';
import { starttlsAdvertised } from './rfc3207/starttls-advertised.ts';
import { starttlsWithParameter } from './rfc3207/starttls-command.ts';
import { authForgottenAfterTls, ehloForgottenAfterTls, envelopeForgottenAfterTls } from './rfc3207/state-reset.ts';
import { tlsRequiredBeforeMail } from './rfc3207/tls-required.ts';
import { authLoginSucceeds, authPlainSucceeds } from './rfc4954/auth-after-tls.ts';
import { loginAuthRefusedBeforeTls, plainAuthRefusedBeforeTls, plaintextMechanismsNotAdvertised } from './rfc4954/auth-before-tls.ts';
import { badCredentialsRefused, cancelGets501, noAuthAfterAuth } from './rfc4954/auth-exchange.ts';
import { line10k, line600 } from './rfc5321/line-length.ts';
import { quitClosesSession } from './rfc5321/quit.ts';
import { repliesWellFormed } from './rfc5321/reply-syntax.ts';
import { ehloResetsTransaction } from './rfc5321/transaction-reset.ts';
import { mailRequiresAuthentication } from './rfc6409/require-authentication.ts';
import { submitsEndToEnd } from './rfc6409/submission.ts';
import { bothServices } from './rfc8314/both-services.ts';
import { closeNotifyBeforeClose } from './rfc8314/connection-closure.ts';
import { receivedRecordsTls } from './rfc8314/received-header.ts';
import { greetingInsideTls, plaintextFirstUnanswered } from './rfc8314/implicit-tls.ts';
import { tls12Supported } from './rfc8314/tls-versions.ts';
import { certificateChain, certificateName, certificateSignature, certificateValidity, sameCertificateBothPorts } from './certificates/certificate-checks.ts';
import { staticRsaRefused, tripleDesRefused, weakSuitesRefused } from './tls/cipher-suites.ts';
import { compressionRefused, extendedMasterSecret, secureRenegotiation } from './tls/extensions.ts';
import { keyStrength } from './tls/key-strength.ts';
import { clientInitiatedRenegotiation } from './tls/renegotiation.ts';
import { ssl3Refused, tls10Refused, tls11Refused, tls12Negotiated, tls13Supported } from './tls/versions.ts';

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
