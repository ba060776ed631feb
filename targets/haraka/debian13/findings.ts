import type { ExpectedVerdicts, MtaFindings } from '../../target-findings.ts';

/** Recorded behaviour (an INFO case), the same under both configurations. */
const CLIENT_RENEGOTIATION: ExpectedVerdicts = {
  'tls/renegotiation/client-initiated': ['INFO', "Recorded, not graded: Haraka runs Node's TLS, which completes a client-initiated renegotiation on TLS 1.2; the session answers NOOP afterwards."],
};

/** Deviations of Haraka 3.3.4 itself (3.1.1 has them too): findings in stock, waived in hardened (no config file or plugin setting changes them). */
const DEVIATIONS: Record<string, [verdict: 'FAIL' | 'WARN' | { starttls: 'FAIL' }, finding: string, waiver: string]> = {
  'rfc4954/4/no-auth-after-auth': [
    'FAIL',
    'After a successful AUTH, another AUTH (also inside a transaction) is answered 235 again instead of 503.',
    'Waived: auth_base takes every AUTH it is offered; no setting makes it answer 503 after a successful one.',
  ],
  'rfc4954/4/cancel-gets-501': [
    'FAIL',
    'An AUTH LOGIN cancelled with "*" is not cancelled: "*" is taken as the user name and the password is asked for (334).',
    'Waived: auth_base has no cancel handling; no setting adds it.',
  ],
  'rfc5321/4.5.3.1.4/line-600-octets': [
    'FAIL',
    'A command line longer than connection.ini max.line_length (512) gets "521 Command line too long" and the connection is closed, where RFC 5321 §3.8 allows a close only after 421.',
    'Waived: raising max.line_length only moves the threshold; past it Haraka still answers 521 and disconnects.',
  ],
  'rfc3207/4/starttls-with-parameter': [
    'WARN',
    'The tls plugin ignores STARTTLS\'s parameter: "STARTTLS x" gets 220 and a handshake instead of the 501 RFC 3207 §4 lists (without an RFC 2119 keyword, so a SHOULD).',
    'Waived: the tls plugin does not look at the parameter; no setting changes it.',
  ],
  'rfc3207/4.2/second-starttls-refused': [
    { starttls: 'FAIL' },
    'On 587 the tls plugin keeps STARTTLS "advertised" after the upgrade, so STARTTLS inside TLS gets 220 again (465 answers 500).',
    'Waived: the tls plugin never clears its advertised flag after the upgrade; no setting changes it.',
  ],
  'rfc3207/4/tls-required': [
    'WARN',
    'Haraka\'s core refuses MAIL on 587 and 465 without authentication with 550 "Authentication required" before any plugin sees it, so MAIL before TLS gets 550, not the 530 RFC 3207 §4 names.',
    'Waived: the 550 comes from Haraka\'s core (connection.js cmd_mail) before any hook runs; a plugin cannot answer 530 instead.',
  ],
  'rfc3207/4.2/session-model': [
    'FAIL',
    'Breaks R3207-4.2d, as second-starttls-refused on 587: the tls plugin keeps STARTTLS offered after the upgrade, so a STARTTLS inside TLS gets 220 again.',
    'Waived: the tls plugin never clears its advertised flag after the upgrade; no setting changes it.',
  ],
};

const STOCK_DEVIATIONS = Object.fromEntries(Object.entries(DEVIATIONS).map(([id, [verdict, finding]]) => [id, [verdict, finding]])) as ExpectedVerdicts;
const HARDENED_WAIVERS = Object.fromEntries(
  Object.entries(DEVIATIONS).map(([id, [verdict, , waiver]]) => [id, [typeof verdict === 'string' ? 'XFAIL' : { starttls: 'XFAIL' }, waiver]]),
) as ExpectedVerdicts;


/**
 * SMTP smuggling (SMUG-1..3): what the stock configuration shows, and why the hardened one waives what it cannot
 * change. Haraka 3.3.4 refuses a message with a bare line feed (451) and no longer ends the data at a look-alike.
 */
const SMUGGLING: ExpectedVerdicts = {
  'smuggling/2.3.8/bare-newlines-not-command-ends': ['FAIL', 'A bare <LF> ends a command line: "NOOP<LF>NOOP<CR><LF>" gets two 250s (a bare <CR> gets 500).'],
};
const SMUGGLING_WAIVERS: ExpectedVerdicts = {
  'smuggling/2.3.8/bare-newlines-not-command-ends': ['XFAIL', 'Waived: Haraka 3.3.4 has no setting that stops a bare <LF> from ending a command line.'],
};
/** Haraka 3.3's expected verdicts per configuration (PASS unless listed); docs/hardened/haraka.md explains them. */
export const harakaDebian13Findings: MtaFindings = {
  mta: 'haraka',
  release: 'debian13',
  title: 'Haraka 3.3 (npm, on Debian 13\'s Node.js 20)',
  doc: 'hardened/haraka.md',
  configurations: {
    stock: {
      ...SMUGGLING,
      ...CLIENT_RENEGOTIATION,
      ...STOCK_DEVIATIONS,
      'rfc3207/4.2/envelope-forgotten': ['NA', 'Haraka\'s core refuses MAIL without authentication on 587 (550), so no pre-TLS transaction exists to carry over.'],
      'rfc3207/4.2/auth-forgotten': [
        'FAIL',
        'AUTH before TLS succeeds for a private-address client (235) and survives STARTTLS: inside TLS, MAIL without a new AUTH gets 250.',
      ],
      'rfc3207/4.2/reset-generated': ['FAIL', 'The generated histories find the same: AUTH methods learnt from the pre-TLS EHLO still work inside TLS without a new EHLO.'],
      'rfc4954/4/no-plain-auth-advertised-before-tls': [
        'WARN',
        'auth/flat_file offers AUTH PLAIN LOGIN CRAM-MD5 before STARTTLS to clients from localhost and RFC 1918 addresses (documented: they are exempt from its TLS check), and the harness comes from the Docker bridge, a private address.',
      ],
      'rfc4954/4/auth-plain-refused-before-tls': ['FAIL', 'For the same clients AUTH PLAIN is evaluated in clear: the probe\'s wrong credentials get 535.'],
      'rfc4954/4/auth-login-refused-before-tls': ['FAIL', 'AUTH LOGIN likewise asks for user name and password in clear, and answers 535.'],
      'tls/suites/forward-secrecy': ['WARN', 'Node.js 20\'s default cipher list (which the tls plugin uses unless tls.ini sets ciphers) keeps static RSA key transport (TLS_RSA_*).'],
    },
    hardened: {
      ...SMUGGLING_WAIVERS,
      ...CLIENT_RENEGOTIATION,
      ...HARDENED_WAIVERS,
      'rfc3207/4.2/envelope-forgotten': ['NA', 'MAIL before TLS gets 550 (no authentication), so no pre-TLS transaction exists to carry over.'],
      'rfc3207/4.2/auth-forgotten': ['NA', 'AUTH before TLS gets 530 (auth_requires_tls), so no pre-TLS authentication exists to carry over.'],
    },
  },
  changes: {
    'rfc5321/4.1.4/ehlo-resets-transaction':
      'A fix of the newer release: Haraka 3.3.4 resets the transaction at an EHLO inside it (RCPT then gets 503 "Use MAIL before RCPT", a new MAIL 250), where 3.1.1\'s session stopped answering after that EHLO; the hardened waiver is gone.',
    'smuggling/4.1.1.4/end-of-data-look-alikes':
      'A fix of the newer release (Haraka 3.3.4, "refuse bare LF lines in DATA", "reject pipelining after DATA"): <LF>.<LF>, <LF>.<CR><LF> and <CR><LF>.<LF> no longer end the data; the message gets "451 Bare line-feed" once and the commands behind the look-alike do not run. 3.1.1 ran them and accepted the smuggled message.',
    'smuggling/4.1.1.4/generated-look-alikes': 'The same fix: in all 24 generated runs no look-alike ends the data (a message with a bare line feed is refused with 451).',
    'smuggling/2.3.8/bare-newlines-not-relayed':
      'The same fix: a message line holding a bare <LF> is refused (451 Bare line-feed) instead of being relayed unchanged, as 3.1.1 did.',
  },
};
