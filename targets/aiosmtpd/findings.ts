import type { HostFindings } from '../hosts/host-findings.ts';

const AUTH_465 = 'On 465 aiosmtpd 1.4.3 does not know that the ssl_context connection is encrypted: it advertises no AUTH and answers AUTH with 538, so';

/** aiosmtpd 1.4.3 from Debian 12 as an external host (test/hosts/real-hosts.test.ts). */
export const aiosmtpdFindings: HostFindings = {
  host: 'aiosmtpd',
  title: 'aiosmtpd 1.4.3 (Debian 12)',
  expected: {
    'smuggling/2.3.8/bare-newlines-not-command-ends': [{ implicit: 'NA', starttls: 'FAIL' }, 'On 587 aiosmtpd reads a command line up to a bare <LF>: "NOOP<LF>NOOP<CR><LF>" gets two 250 OK (a bare <CR> is kept in the line and refused with 500); on 465 the probe, which runs after AUTH, gets no authenticated session (538).'],
    'smuggling/2.3.8/bare-newlines-not-relayed': ['NA', 'An external host relays to the real world, where the harness sees no message.'],
    'smuggling/4.1.1.4/end-of-data-look-alikes': [{ implicit: 'NA' }, `${AUTH_465} the smuggling probes, which submit after AUTH, cannot run there (on 587 no look-alike ends the data).`],
    'smuggling/4.1.1.4/generated-look-alikes': [{ implicit: 'NA' }, `${AUTH_465} the generated probes cannot run there either.`],
    'rfc8314/4.3/received-records-tls': ['NA', 'An external host relays to the real world, where the harness sees no message; aiosmtpd adds no Received header anyway.'],
    'rfc3207/4.2/envelope-forgotten': ['NA', 'require_starttls answers MAIL before TLS with 530, so no pre-TLS transaction exists to carry over.'],
    'rfc3207/4.2/auth-forgotten': ['NA', 'AUTH before TLS gets 530 too, so no pre-TLS authentication exists to carry over.'],
    'rfc3207/4.2/session-model': [{ starttls: 'FAIL' }, 'The model meets the same deviation as second-starttls-refused: STARTTLS inside TLS gets 220.'],
    'rfc3207/4.2/second-starttls-refused': [{ starttls: 'FAIL' }, 'On 587 STARTTLS inside TLS gets "220 Ready to start TLS" (aiosmtpd 1.4.3 does not check that TLS is active); on 465 it gets 454, a refusal.'],
    'rfc4954/4/no-auth-after-auth': [{ implicit: 'NA' }, `${AUTH_465} no authenticated session can be had there.`],
    'rfc4954/4/cancel-gets-501': [{ implicit: 'NA' }, `${AUTH_465} there is no exchange to cancel.`],
    'rfc4954/6/bad-credentials': [{ implicit: 'NA' }, `${AUTH_465} its refusal of wrong credentials says nothing.`],
    'rfc4954/4/auth-plain-succeeds-after-tls': [{ implicit: 'FAIL' }, `${AUTH_465} nobody can submit there: RFC 4954 §4 (PLAIN over TLS) and RFC 6409 §7 (AUTH) are broken.`],
    'rfc4954/4/auth-login-succeeds-after-tls': [{ implicit: 'NA' }, `${AUTH_465} LOGIN is not offered either.`],
    'rfc6409/submission/end-to-end': [{ implicit: 'NA' }, `${AUTH_465} no authenticated submission can be made.`],
    'rfc5321/4.1.4/ehlo-resets-transaction': [{ implicit: 'NA' }, `${AUTH_465} no authenticated transaction can be opened.`],
    'rfc2920/3.2/replies-in-order': ['NA', `aiosmtpd 1.4.3 does not offer PIPELINING (587); on 465 no authenticated session can be had either.`],
    'tls/suites/forward-secrecy': ['WARN', "ssl.create_default_context() takes the cipher list of Debian's Python and OpenSSL 3.0, which lets a client pick static RSA key transport (TLS_RSA_*)."],
    'tls/renegotiation/client-initiated': ['INFO', "Recorded, not graded: Python's server context refuses a client's renegotiation with a no_renegotiation alert."],
  },
};
