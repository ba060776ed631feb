import type { ExpectedVerdicts, MtaFindings } from '../../target-findings.ts';

/** Recorded behaviour (an INFO case), the same under both configurations. */
const CLIENT_RENEGOTIATION: ExpectedVerdicts = {
  'tls/renegotiation/client-initiated': ['INFO', 'Recorded, not graded: Exim (GnuTLS) does not renegotiate; it drops TLS and writes "421 mail.example.test lost input connection" in plaintext into the connection.'],
};


/** SMTP smuggling (SMUG-1..3): what the stock configuration shows, with its setting and package, and why the hardened one waives what it cannot change. */
const SMUGGLING: ExpectedVerdicts = {
  'smuggling/2.3.8/bare-newlines-not-command-ends': ['FAIL', 'Exim reads SMTP commands up to an <LF>: "NOOP<LF>NOOP<CR><LF>" gets two 250s (a bare <CR> gets 500). The end of data is safe: Exim 4.98 (Debian\'s 4.98.2-1+deb13u6) has the fix for CVE-2023-51766 (released in 4.97.1), and a bare <LF> in a message is relayed as a space or CRLF.'],
};
const SMUGGLING_WAIVERS: ExpectedVerdicts = {
  'smuggling/2.3.8/bare-newlines-not-command-ends': ['XFAIL', 'Waived: Exim 4.98 has no option that stops a bare <LF> from ending a command line.'],
};
/** Exim's expected verdicts per configuration (PASS unless listed); docs/hardened/exim.md explains them. */
export const eximDebian13Findings: MtaFindings = {
  mta: 'exim',
  release: 'debian13',
  title: 'Exim 4.98 (exim4-daemon-heavy, Debian 13)',
  doc: 'hardened/exim.md',
  configurations: {
    stock: {
      ...SMUGGLING,
      ...CLIENT_RENEGOTIATION,
      'rfc6409/4.3/mail-requires-auth': [
        'FAIL',
        "Debian's acl_check_mail accepts every MAIL; an unauthenticated client is refused only at RCPT (550 relay not permitted).",
      ],
      'rfc3207/4/tls-required': [
        'WARN',
        "Debian's configuration offers STARTTLS on 587 but does not require it: MAIL gets 250 before TLS, and AUTH gets 503 (not advertised) rather than 530.",
      ],
      'rfc3207/4.2/session-model': ['FAIL', 'Breaks R6409-4.3, as mail-requires-auth: on 587 an unauthenticated MAIL before STARTTLS gets 250.'],
      'rfc3207/4.2/auth-forgotten': ['NA', 'AUTH before STARTTLS gets 503 (PLAIN and LOGIN are advertised only under TLS), so no pre-TLS authentication exists to carry over.'],
      'tls/versions/tls10-refused': ['FAIL', "With no tls_require_ciphers, Exim uses GnuTLS's default priorities (NORMAL), which in Debian 13 (GnuTLS 3.8) still enable TLS 1.0."],
      'tls/versions/tls11-refused': ['FAIL', 'The same GnuTLS defaults enable TLS 1.1.'],
      'tls/suites/forward-secrecy': ['WARN', "GnuTLS's NORMAL priorities keep static RSA key transport (TLS_RSA_*) suites."],
    },
    hardened: {
      ...SMUGGLING_WAIVERS,
      ...CLIENT_RENEGOTIATION,
      'rfc3207/4.2/envelope-forgotten': ['NA', 'MAIL before STARTTLS gets 530 (the MAIL ACL), so no pre-TLS transaction exists to carry over.'],
      'rfc3207/4.2/auth-forgotten': ['NA', 'AUTH before STARTTLS gets 530 (the AUTH ACL), so no pre-TLS authentication exists to carry over.'],
    },
  },
};
