import type { Flaw } from '../../containers/flawed/flaws.ts';
import type { Verdict } from '../../harness/model/verdict.ts';

export interface Proof {
  /** The switch that must turn the case from PASS into its finding. */
  flaw: Flaw;
  /** FAIL for MUST-level cases, WARN for SHOULD-level ones; INFO for a case that records behaviour. */
  verdict: Verdict;
  /** Flaws that create the precondition, on in both runs (e.g. MAIL allowed before TLS). */
  base?: Flaw[];
  /**
   * A case that only records behaviour (INFO in both runs, never PASS) is proven by its observation
   * changing under the switch: its Actual matches `without` and not `with` when the flaw is off, and
   * the other way round when it is on.
   */
  actual?: { without: RegExp; with: RegExp };
}

/** For every case: the flaw of the deliberately flawed target that proves the case can fail. */
export const PROOFS: Record<string, Proof> = {
  'rfc8314/3.3/greeting-inside-tls': { flaw: 'plain-implicit', verdict: 'FAIL' },
  'rfc8314/3.3/plaintext-first-unanswered': { flaw: 'plain-implicit', verdict: 'FAIL' },
  'rfc8314/3.3/both-services': { flaw: 'no-implicit-port', verdict: 'WARN' },
  'rfc8314/3.4/close-notify': { flaw: 'no-close-notify', verdict: 'WARN' },
  'rfc8314/4.1/tls12-supported': { flaw: 'tls12-missing', verdict: 'FAIL' },
  'rfc8314/4.3/received-records-tls': { flaw: 'no-tls-received', verdict: 'WARN' },
  // RFC 3207 §4 puts no RFC 2119 keyword on 501: accepting "STARTTLS x" is graded as a SHOULD.
  'rfc3207/4/starttls-with-parameter': { flaw: 'starttls-args', verdict: 'WARN' },
  'rfc3207/4/starttls-advertised': { flaw: 'no-starttls-advert', verdict: 'WARN' },
  'rfc3207/4/tls-required': { flaw: 'plaintext-mail', verdict: 'WARN' },
  'rfc3207/4.2/ehlo-forgotten': { flaw: 'keep-ehlo', verdict: 'FAIL' },
  'rfc3207/4.2/envelope-forgotten': { flaw: 'keep-envelope', verdict: 'FAIL', base: ['plaintext-mail'] },
  'rfc3207/4.2/auth-forgotten': { flaw: 'keep-auth', verdict: 'FAIL', base: ['auth-before-tls'] },
  'rfc3207/4.2/reset-generated': { flaw: 'keep-ehlo', verdict: 'FAIL' },
  'rfc3207/4.2/session-model': { flaw: 'keep-ehlo', verdict: 'FAIL' },
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
  // Property-based: the subtle variants the single probes above miss (test/self-validation/injection-variants.test.ts
  // proves each variant against several seeds, and that INJ-1 stays PASS under them).
  'injection/2/generated-pipelines': { flaw: 'inject-late', verdict: 'FAIL' },
  'injection/2/credential-theft-chain': { flaw: 'inject-lf', verdict: 'FAIL' },
  'injection/3/junk-instead-of-client-hello': { flaw: 'tls-fallback', verdict: 'FAIL' },
  'injection/4/plaintext-before-client-hello': { flaw: 'implicit-preface', verdict: 'FAIL' },
  // TLS policy. ssl3, tls-compression, 3des and no-secure-renegotiation are forged ServerHellos
  // (containers/flawed/hello-forger.ts): OpenSSL 3 cannot do them, and the standards let the harness's
  // own tests use an in-process fake server; these cases judge the ServerHello alone.
  'tls/versions/ssl3-refused': { flaw: 'ssl3', verdict: 'FAIL' },
  'tls/versions/tls10-refused': { flaw: 'tls10', verdict: 'FAIL' },
  'tls/versions/tls11-refused': { flaw: 'tls11', verdict: 'FAIL' },
  'tls/versions/tls12-negotiated': { flaw: 'tls12-missing', verdict: 'FAIL' },
  'tls/versions/tls13-supported': { flaw: 'no-tls13', verdict: 'WARN' },
  'tls/suites/weak-refused': { flaw: 'anon-ciphers', verdict: 'FAIL' },
  'tls/suites/3des-refused': { flaw: '3des', verdict: 'WARN' },
  'tls/suites/forward-secrecy': { flaw: 'static-rsa', verdict: 'WARN' },
  'tls/extensions/no-compression': { flaw: 'tls-compression', verdict: 'WARN' },
  'tls/extensions/secure-renegotiation': { flaw: 'no-secure-renegotiation', verdict: 'FAIL' },
  'tls/extensions/extended-master-secret': { flaw: 'no-ems', verdict: 'FAIL' },
  // INFO: no PASS to prove; the recorded behaviour flips from refused to accepted with the switch.
  'tls/renegotiation/client-initiated': { flaw: 'client-renegotiation', verdict: 'INFO', actual: { without: /^refused: .*no_renegotiation alert/, with: /^accepted: .*NOOP answered 250/ } },
  'tls/keys/key-strength': { flaw: 'cert-rsa1024', verdict: 'FAIL' },
  // Certificates are configuration findings: WARN under the default profile (FAIL under strict,
  // test/self-validation/certificate-fixtures.test.ts).
  'certificates/name/san-matches': { flaw: 'cert-wrong-name', verdict: 'WARN' },
  'certificates/chain/verifies-to-anchor': { flaw: 'cert-no-intermediate', verdict: 'WARN' },
  'certificates/time/valid-now': { flaw: 'cert-expired', verdict: 'WARN' },
  'certificates/signature/strong-and-server-auth': { flaw: 'cert-sha1', verdict: 'WARN' },
  'certificates/ports/same-on-both': { flaw: 'cert-differs-per-port', verdict: 'INFO' },
};
