import type { Flaw } from '../../containers/flawed/flaws.ts';
import type { Verdict } from '../../harness/model/verdict.ts';

/**
 * For every case: the flaw of the deliberately flawed target that must turn it from PASS into a
 * finding, and which finding (FAIL for MUST-level cases, WARN for SHOULD-level ones).
 */
export const PROOFS: Record<string, { flaw: Flaw; verdict: Verdict }> = {
  'rfc8314/3.3/greeting-inside-tls': { flaw: 'plain-implicit', verdict: 'FAIL' },
  'rfc8314/3.3/plaintext-first-unanswered': { flaw: 'plain-implicit', verdict: 'FAIL' },
  'rfc8314/3.3/both-services': { flaw: 'no-implicit-port', verdict: 'WARN' },
  'rfc3207/4/starttls-with-parameter': { flaw: 'starttls-args', verdict: 'FAIL' },
  'rfc3207/4/starttls-advertised': { flaw: 'no-starttls-advert', verdict: 'WARN' },
  'rfc3207/4/tls-required': { flaw: 'plaintext-mail', verdict: 'WARN' },
  'rfc3207/4.2/no-starttls-after-tls': { flaw: 'starttls-after-tls', verdict: 'FAIL' },
  'rfc4954/4/no-plain-auth-advertised-before-tls': { flaw: 'auth-advertised-before-tls', verdict: 'WARN' },
  'rfc4954/4/auth-plain-refused-before-tls': { flaw: 'auth-before-tls', verdict: 'FAIL' },
  'rfc4954/4/auth-login-refused-before-tls': { flaw: 'auth-before-tls', verdict: 'FAIL' },
  'rfc4954/4/auth-plain-succeeds-after-tls': { flaw: 'auth-broken', verdict: 'FAIL' },
  'rfc4954/4/auth-login-succeeds-after-tls': { flaw: 'auth-broken', verdict: 'FAIL' },
  'rfc6409/4.3/mail-requires-auth': { flaw: 'mail-without-auth', verdict: 'FAIL' },
  'rfc6409/submission/end-to-end': { flaw: 'data-broken', verdict: 'FAIL' },
  'injection/1/pipelined-noop': { flaw: 'inject', verdict: 'FAIL' },
  'injection/1/pipelined-rset': { flaw: 'inject', verdict: 'FAIL' },
  'injection/1/pipelined-ehlo': { flaw: 'inject', verdict: 'FAIL' },
};
