import type { ExpectedVerdicts, MtaFindings } from '../../target-findings.ts';

/** Recorded behaviour (an INFO case), the same under both configurations. */
const CLIENT_RENEGOTIATION: ExpectedVerdicts = {
  'tls/renegotiation/client-initiated': ['INFO', "Recorded, not graded: a client-initiated renegotiation on TLS 1.2 gets a no_renegotiation alert from sendmail's OpenSSL 3, on both ports."],
};


/** SMTP smuggling (SMUG-1..3): what the stock configuration shows, with its setting and package, and why the hardened one waives what it cannot change. */
const SMUGGLING: ExpectedVerdicts = {
  'smuggling/2.3.8/bare-newlines-not-command-ends': ['FAIL', 'A bare <LF> ends a command line: "NOOP<LF>NOOP<CR><LF>" gets two 250s. The end of data is safe: sendmail 8.18.1 (Debian\'s 8.18.1-6) has the fix for CVE-2023-51765 (only <CRLF>.<CRLF> ends the data; bare CR and LF in a message are refused) and refuse NUL (confREJECT_NUL).'],
};
const SMUGGLING_WAIVERS: ExpectedVerdicts = {
  'smuggling/2.3.8/bare-newlines-not-command-ends': ['XFAIL', 'Waived: the srv_features checks of 8.18.1 (O, U, G) cover the message, not the command reader: no option stops a bare <LF> from ending a command line.'],
};
/** sendmail's expected verdicts per configuration (PASS unless listed); docs/hardened/sendmail.md explains them. */
export const sendmailDebian13Findings: MtaFindings = {
  mta: 'sendmail',
  release: 'debian13',
  title: 'sendmail 8.18 (Debian 13)',
  doc: 'hardened/sendmail.md',
  configurations: {
    stock: {
      ...SMUGGLING,
      ...CLIENT_RENEGOTIATION,
      'rfc3207/4/tls-required': ['WARN', "Before STARTTLS, MAIL gets 530 (AUTH required) but AUTH itself is accepted (334): Debian's sasl.m4 allows PLAIN and LOGIN in clear."],
      'rfc3207/4.2/ehlo-forgotten': ['FAIL', 'After STARTTLS sendmail keeps the pre-TLS EHLO name and writes it in the Received header.'],
      'rfc3207/4.2/envelope-forgotten': ['NA', 'MAIL before STARTTLS gets 530 (the MSA requires AUTH), so no pre-TLS transaction exists to carry over.'],
      'rfc3207/4.2/auth-forgotten': ['FAIL', 'An AUTH completed in clear before STARTTLS is still valid inside TLS.'],
      'rfc3207/4.2/reset-generated': ['FAIL', 'The generated pre-TLS states find the same: an AUTH made in clear survives STARTTLS.'],
      'rfc3207/4.2/session-model': ['FAIL', 'Breaks R4954-4x: AUTH PLAIN with the real credentials is accepted (235) before STARTTLS.'],
      'rfc4954/4/no-plain-auth-advertised-before-tls': ['WARN', 'EHLO before STARTTLS offers AUTH DIGEST-MD5 CRAM-MD5 LOGIN PLAIN.'],
      'rfc4954/4/auth-plain-refused-before-tls': ['FAIL', 'AUTH PLAIN sent in clear is evaluated (535 for the probe credentials) instead of refused.'],
      'rfc4954/4/auth-login-refused-before-tls': ['FAIL', 'AUTH LOGIN in clear asks for the username and the password.'],
      'rfc6409/4.3/mail-requires-auth': [{ implicit: 'FAIL' }, 'The documented 465 daemon (Port=smtps, M=s) does not require AUTH: MAIL gets 250 and relaying is refused only at RCPT.'],
      'tls/suites/forward-secrecy': ['WARN', "With no CipherList sendmail uses OpenSSL's default list, which lets a client pick static RSA key transport (TLS_RSA_*)."],
    },
    hardened: {
      ...SMUGGLING_WAIVERS,
      ...CLIENT_RENEGOTIATION,
      'rfc3207/4/tls-required': ['XFAIL', 'Waived: with AuthOptions p, AUTH before STARTTLS gets "503 5.3.3 AUTH not available", fixed in sendmail.'],
      'rfc3207/4.2/ehlo-forgotten': ['XFAIL', 'Waived: no option makes sendmail forget the pre-STARTTLS EHLO name.'],
      'rfc3207/4.2/reset-generated': ['XFAIL', 'Waived: the generated pre-TLS states find the kept EHLO name too.'],
      'rfc3207/4.2/envelope-forgotten': ['NA', 'MAIL before STARTTLS gets 530 (AUTH required), so no pre-TLS transaction exists to carry over.'],
      'rfc3207/4.2/auth-forgotten': ['NA', 'AUTH before STARTTLS gets 503 (AuthOptions p), so no pre-TLS authentication exists to carry over.'],
    },
  },
};
