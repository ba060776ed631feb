import type { ExpectedVerdicts, MtaFindings } from '../../target-findings.ts';

/** Recorded behaviour (an INFO case), the same under both configurations. */
const CLIENT_RENEGOTIATION: ExpectedVerdicts = {
  'tls/renegotiation/client-initiated': ['INFO', "Recorded, not graded: a client-initiated renegotiation on TLS 1.2 gets a no_renegotiation alert from Postfix's OpenSSL 3, on both ports."],
};

/** Where Postfix refuses MAIL and AUTH before TLS, no pre-TLS state exists to carry over. */
const NO_PRE_TLS_STATE: ExpectedVerdicts = {
  'rfc3207/4.2/envelope-forgotten': ['NA', 'MAIL before STARTTLS gets 530, so no pre-TLS transaction exists to carry over.'],
  'rfc3207/4.2/auth-forgotten': ['NA', 'AUTH before STARTTLS gets 530, so no pre-TLS authentication exists to carry over.'],
};


/** SMTP smuggling (SMUG-1..3): what the stock configuration shows, with its setting and package, and why the hardened one waives what it cannot change. */
const SMUGGLING: ExpectedVerdicts = {
  'smuggling/4.1.1.4/end-of-data-look-alikes': ['FAIL', 'smtpd_forbid_bare_newline defaults to no in Postfix 3.7.11 (Debian\'s 3.7.11-0+deb12u1), so a bare <LF> ends a line in DATA: <LF>.<LF>, <LF>.<CR><LF> and <CR><LF>.<LF> end the message and the smuggled MAIL, RCPT and DATA run (CVE-2023-51764).'],
  'smuggling/4.1.1.4/generated-look-alikes': ['FAIL', 'The same default: the core\'s first run, <LF>.<LF> pipelined, already ends the data.'],
  'smuggling/2.3.8/bare-newlines-not-command-ends': ['FAIL', 'With smtpd_forbid_bare_newline = no a bare <LF> also ends a command line: "NOOP<LF>NOOP<CR><LF>" gets two 250s.'],
};
const SMUGGLING_WAIVERS: ExpectedVerdicts = {
  'smuggling/2.3.8/bare-newlines-not-command-ends': ['XFAIL', 'Waived: with smtpd_forbid_bare_newline = yes (hardened.cf) Postfix 3.7.11 refuses message lines that end in a bare <LF> and takes only <CR><LF>.<CR><LF> as the end of data, but still ends a command line at a bare <LF> ("NOOP<LF>NOOP<CR><LF>" gets two 250s); no setting of the 3.7 release changes that.'],
};
/** Postfix's expected verdicts per configuration (PASS unless listed); docs/hardened/postfix.md explains them. */
export const postfixFindings: MtaFindings = {
  mta: 'postfix',
  release: 'debian12',
  title: 'Postfix 3.7 (Debian bookworm)',
  doc: 'hardened/postfix.md',
  configurations: {
    stock: {
      ...SMUGGLING,
      ...CLIENT_RENEGOTIATION,
      ...NO_PRE_TLS_STATE,
      'rfc6409/4.3/mail-requires-auth': [
        'FAIL',
        "Debian's submission blocks leave smtpd_sender_restrictions empty and smtpd_delay_reject at yes, so MAIL without AUTH gets 250 and the refusal (554 5.7.1) comes only at RCPT.",
      ],
      'rfc3207/4.2/session-model': [
        'FAIL',
        'Breaks R6409-4.3, as mail-requires-auth: inside TLS an unauthenticated MAIL gets 250 (the refusal comes at RCPT).',
      ],
      'rfc8314/4.3/received-records-tls': [
        'WARN',
        'smtpd_tls_received_header defaults to no, so the Received header says ESMTPSA but names neither the TLS version nor the cipher.',
      ],
      'tls/versions/tls10-refused': ['FAIL', "Postfix's default smtpd_tls_protocols (>=TLSv1) still lets Debian's OpenSSL 3.0 negotiate TLS 1.0."],
      'tls/versions/tls11-refused': ['FAIL', 'The same default negotiates TLS 1.1.'],
      'tls/suites/weak-refused': [
        'FAIL',
        "Postfix's default cipher grade \"medium\" keeps the anonymous (aNULL) ECDH and DH suites that opportunistic TLS uses, so a client offering only those gets one.",
      ],
      'tls/suites/forward-secrecy': ['WARN', 'The "medium" grade also keeps static RSA key transport (TLS_RSA_*) suites.'],
    },
    hardened: { ...SMUGGLING_WAIVERS, ...NO_PRE_TLS_STATE, ...CLIENT_RENEGOTIATION },
  },
};
