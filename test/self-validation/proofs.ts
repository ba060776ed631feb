import type { Flaw } from '../../containers/flawed/flaws.ts';
import type { Verdict } from '../../harness/model/verdict.ts';

export interface Proof {
  /** The switch that must turn the case from PASS into its finding. */
  flaw: Flaw;
  /** FAIL for MUST-level cases, WARN for SHOULD-level ones. */
  verdict: Verdict;
  /** Flaws that create the precondition, on in both runs (e.g. MAIL allowed before TLS). */
  base?: Flaw[];
}

/** For every case: the flaw of the deliberately flawed target that proves the case can fail. */
export const PROOFS: Record<string, Proof> = {
  'rfc8314/3.3/greeting-inside-tls': { flaw: 'plain-implicit', verdict: 'FAIL' },
  'rfc8314/3.3/plaintext-first-unanswered': { flaw: 'plain-implicit', verdict: 'FAIL' },
  'rfc8314/3.3/both-services': { flaw: 'no-implicit-port', verdict: 'WARN' },
  'rfc8314/3.4/close-notify': { flaw: 'no-close-notify', verdict: 'WARN' },
  'rfc8314/4.1/tls12-supported': { flaw: 'tls12-missing', verdict: 'FAIL' },
  'rfc8314/4.3/received-records-tls': { flaw: 'no-tls-received', verdict: 'WARN' },
  'rfc3207/4/starttls-with-parameter': { flaw: 'starttls-args', verdict: 'FAIL' },
  'rfc3207/4/starttls-advertised': { flaw: 'no-starttls-advert', verdict: 'WARN' },
  'rfc3207/4/tls-required': { flaw: 'plaintext-mail', verdict: 'WARN' },
  'rfc3207/4.2/ehlo-forgotten': { flaw: 'keep-ehlo', verdict: 'FAIL' },
  'rfc3207/4.2/envelope-forgotten': { flaw: 'keep-envelope', verdict: 'FAIL', base: ['plaintext-mail'] },
  'rfc3207/4.2/auth-forgotten': { flaw: 'keep-auth', verdict: 'FAIL', base: ['auth-before-tls'] },
  'rfc3207/4.2/no-starttls-after-tls': { flaw: 'starttls-after-tls', verdict: 'FAIL' },
  'rfc3207/4.2/second-starttls-refused': { flaw: 'starttls-after-tls', verdict: 'FAIL' },
  'rfc4954/4/no-plain-auth-advertised-before-tls': { flaw: 'auth-advertised-before-tls', verdict: 'WARN' },
  'rfc4954/4/auth-plain-refused-before-tls': { flaw: 'auth-before-tls', verdict: 'FAIL' },
  'rfc4954/4/auth-login-refused-before-tls': { flaw: 'auth-before-tls', verdict: 'FAIL' },
  'rfc4954/4/no-auth-after-auth': { flaw: 'reauth', verdict: 'FAIL' },
  'rfc4954/4/cancel-gets-501': { flaw: 'cancel-accepted', verdict: 'FAIL' },
  'rfc4954/6/bad-credentials': { flaw: 'bad-auth-closes', verdict: 'WARN' },
  'rfc4954/4/auth-plain-succeeds-after-tls': { flaw: 'auth-broken', verdict: 'FAIL' },
  'rfc4954/4/auth-login-succeeds-after-tls': { flaw: 'auth-broken', verdict: 'FAIL' },
  'rfc6409/4.3/mail-requires-auth': { flaw: 'mail-without-auth', verdict: 'FAIL' },
  'rfc6409/submission/end-to-end': { flaw: 'data-broken', verdict: 'FAIL' },
  'rfc5321/4.2/replies-well-formed': { flaw: 'malformed-ehlo', verdict: 'FAIL' },
  'rfc5321/4.1.4/ehlo-resets-transaction': { flaw: 'ehlo-keeps-transaction', verdict: 'FAIL' },
  'rfc5321/4.1.1.10/quit': { flaw: 'quit-no-close', verdict: 'FAIL' },
  'rfc5321/4.5.3.1.4/line-600-octets': { flaw: 'long-line-drop', verdict: 'FAIL' },
  'rfc5321/4.5.3.1.4/line-10000-octets': { flaw: 'long-line-drop', verdict: 'FAIL' },
  'rfc2920/3.2/replies-in-order': { flaw: 'pipelining-broken', verdict: 'FAIL' },
  'injection/1/pipelined-noop': { flaw: 'inject', verdict: 'FAIL' },
  'injection/1/pipelined-rset': { flaw: 'inject', verdict: 'FAIL' },
  'injection/1/pipelined-ehlo': { flaw: 'inject', verdict: 'FAIL' },
};
