import type { HostFindings } from '../hosts/host-findings.ts';

/** chasquid 1.11 from Debian 12 as an external host (test/hosts/real-hosts.test.ts). */
export const chasquidFindings: HostFindings = {
  host: 'chasquid',
  title: 'chasquid 1.11 (Debian 12)',
  expected: {
    'smuggling/4.1.1.4/end-of-data-look-alikes': ['FAIL', 'chasquid 1.11 ends the data at a bare-LF dot: <LF>.<LF>, <LF>.<CR><LF> and <CR><LF>.<LF> end the message, and the smuggled command behind it is answered (500 5.5.1 Unknown command).'],
    'smuggling/4.1.1.4/generated-look-alikes': ['FAIL', 'The same: the core\'s first run, <LF>.<LF> pipelined, already ends the data.'],
    'smuggling/2.3.8/bare-newlines-not-command-ends': ['FAIL', 'A bare <LF> ends a command line: "NOOP<LF>NOOP<CR><LF>" gets two 250s (a bare <CR> is refused with 500).'],
    'smuggling/2.3.8/bare-newlines-not-relayed': ['NA', 'An external host relays to the real world, where the harness sees no message.'],
    'rfc8314/4.3/received-records-tls': ['NA', 'An external host relays to the real world, where the harness sees no message.'],
    'rfc3207/4/starttls-with-parameter': ['WARN', 'chasquid ignores STARTTLS\'s parameter: "STARTTLS x" gets 220 and a handshake, where RFC 3207 §4 lists 501 (no RFC 2119 keyword, so a SHOULD).'],
    'rfc3207/4/tls-required': ['WARN', 'Before TLS, MAIL gets "550 5.7.9 Mail to submission port must be authenticated" and AUTH "503 5.7.10 You feel vulnerable", not the 530 of RFC 3207 §4.'],
    'rfc3207/4.2/ehlo-forgotten': ['INFO', 'chasquid takes AUTH without any EHLO (235), and an external host relays no message the harness could read, so the reset cannot be seen.'],
    'rfc3207/4.2/envelope-forgotten': ['NA', 'MAIL before TLS gets 550 (submission needs AUTH, AUTH needs TLS), so no pre-TLS transaction exists to carry over.'],
    'rfc3207/4.2/auth-forgotten': ['NA', 'AUTH before TLS gets 503, so no pre-TLS authentication exists to carry over.'],
    'rfc3207/4.2/reset-generated': ['INFO', 'The same as ehlo-forgotten: no EHLO needed, no relayed message to inspect.'],
    'rfc4954/4/auth-login-succeeds-after-tls': ['NA', 'chasquid offers AUTH PLAIN only.'],
    'rfc5321/4.1.4/ehlo-resets-transaction': ['FAIL', 'An EHLO inside a transaction does not reset it: after MAIL and EHLO, RCPT still gets 250 (chasquid 1.11\'s EHLO handler keeps the envelope), where RFC 5321 §4.1.4 says MUST reset as RSET.'],
    'injection/3/junk-instead-of-client-hello': [
      'FAIL',
      'After the 220 to STARTTLS, junk gets "554 5.5.0 Error in TLS handshake" in clear and then the session goes on in clear (a NOOP gets 250), instead of ending with the failed handshake.',
    ],
    'tls/versions/tls10-refused': ['FAIL', 'chasquid sets no MinVersion, and the Go 1.19 crypto/tls it is built with then accepts TLS 1.0 on a server (testssl.sh agrees).'],
    'tls/versions/tls11-refused': ['FAIL', 'The same Go defaults accept TLS 1.1.'],
    'tls/suites/3des-refused': ['WARN', "Go 1.19's default cipher suites still include TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA."],
    'tls/suites/forward-secrecy': ['WARN', "Go's default cipher suites keep static RSA key transport (TLS_RSA_*)."],
    'tls/renegotiation/client-initiated': ['INFO', "Recorded, not graded: Go's TLS server refuses a client's renegotiation (an unexpected_message alert)."],
    'tls/extensions/extended-master-secret': ['FAIL', 'Go 1.19 does not implement the extended_master_secret extension (Go added it in 1.21), so TLS 1.2 runs without it.'],
  },
};
