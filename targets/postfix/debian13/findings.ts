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

/**
 * SMTP smuggling (SMUG-1..3) under Postfix 3.10's default smtpd_forbid_bare_newline = normalize: only
 * <CR><LF>.<CR><LF> ends the data, but a bare <LF> still ends a command line. The hardened
 * configuration sets it to yes, which refuses such a command line too.
 */
const SMUGGLING: ExpectedVerdicts = {
  'smuggling/2.3.8/bare-newlines-not-command-ends': ['FAIL', 'smtpd_forbid_bare_newline defaults to normalize in Postfix 3.10 (3.10.13-0+deb13u1): DATA ends only at <CR><LF>.<CR><LF>, but a bare <LF> still ends a command line: "NOOP<LF>NOOP<CR><LF>" gets two 250s.'],
};

/**
 * Postfix 3.10 answers the first part of an over-long command line and then runs the rest of that line
 * as further commands: a 10000-octet NOOP got 250, then 500 5.5.2 for its tail. Postfix 3.7 (Debian 12)
 * answers such a line once. No setting makes it refuse or discard the tail: line_length_limit only moves
 * where the line is cut.
 */
const LONG_LINE_SPLIT = 'Postfix 3.10 answers the first part of a 10000-octet NOOP (250) and then runs the rest of the line as further commands (500 5.5.2 command not recognized), where Postfix 3.7 answers the line once.';

/** Postfix 3.10's expected verdicts per configuration (PASS unless listed); docs/hardened/postfix.md explains them. */
export const postfixDebian13Findings: MtaFindings = {
  mta: 'postfix',
  release: 'debian13',
  title: 'Postfix 3.10 (Debian 13)',
  doc: 'hardened/postfix.md',
  configurations: {
    stock: {
      ...SMUGGLING,
      ...CLIENT_RENEGOTIATION,
      ...NO_PRE_TLS_STATE,
      'rfc5321/4.5.3.1.4/line-10000-octets': ['FAIL', LONG_LINE_SPLIT],
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
      'tls/versions/tls10-refused': ['FAIL', "Postfix's default smtpd_tls_protocols (>=TLSv1) still lets Debian 13's OpenSSL 3.5 negotiate TLS 1.0."],
      'tls/versions/tls11-refused': ['FAIL', 'The same default negotiates TLS 1.1.'],
      'tls/suites/weak-refused': [
        'FAIL',
        "Postfix's default cipher grade \"medium\" keeps the anonymous (aNULL) ECDH and DH suites that opportunistic TLS uses, so a client offering only those gets one.",
      ],
      'tls/suites/forward-secrecy': ['WARN', 'The "medium" grade also keeps static RSA key transport (TLS_RSA_*) suites.'],
    },
    hardened: {
      ...NO_PRE_TLS_STATE,
      ...CLIENT_RENEGOTIATION,
      'rfc5321/4.5.3.1.4/line-10000-octets': ['XFAIL', `Waived: ${LONG_LINE_SPLIT} line_length_limit only moves where the line is cut.`],
    },
  },
  changes: {
    'rfc5321/4.5.3.1.4/line-10000-octets': `A regression of the newer release: ${LONG_LINE_SPLIT}`,
    'smuggling/4.1.1.4/end-of-data-look-alikes': 'A changed default: smtpd_forbid_bare_newline is normalize in Postfix 3.10 and no in 3.7.11, so on stock a bare <LF> no longer ends a line in DATA and no look-alike ends the message (CVE-2023-51764 closed without a setting).',
    'smuggling/4.1.1.4/generated-look-alikes': 'The same changed default: no generated look-alike ends the data on stock any more.',
    'smuggling/2.3.8/bare-newlines-not-command-ends': 'A fix: with smtpd_forbid_bare_newline = yes (hardened) Postfix 3.10 also refuses a command line that ends in a bare <LF> (554 5.5.0, then a close), where 3.7.11 still ended the command there (waived on Debian 12).',
  },
};
