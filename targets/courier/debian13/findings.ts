import type { ExpectedVerdicts, MtaFindings } from '../../target-findings.ts';

/** Recorded behaviour (an INFO case), the same under both configurations. */
const CLIENT_RENEGOTIATION: ExpectedVerdicts = {
  'tls/renegotiation/client-initiated': ['INFO', 'Recorded, not graded: couriertls (GnuTLS) completes a client-initiated renegotiation on TLS 1.2; the session answers NOOP afterwards.'],
};

type Verdict = 'FAIL' | 'WARN';

/** Deviations of courieresmtpd itself: findings in stock, waived in hardened (no esmtpd setting changes them). */
const DEVIATIONS: Record<string, [stock: Verdict, finding: string, waiver: string]> = {
  'rfc4954/4/no-auth-after-auth': [
    'FAIL',
    'courieresmtpd answers a second AUTH, and AUTH inside a transaction, with 502 "ESMTP command error" instead of the 503 RFC 4954 §4 requires.',
    'Waived: the 502 reply to a repeated AUTH is fixed in courieresmtpd.',
  ],
  'rfc4954/4/cancel-gets-501': [
    'FAIL',
    'An AUTH LOGIN cancelled with "*" gets 535 (authentication failed), not 501.',
    'Waived: courieresmtpd treats "*" as a failed exchange; no setting changes the 535.',
  ],
  'rfc5321/4.1.4/ehlo-resets-transaction': [
    'FAIL',
    'An EHLO inside a transaction does not reset it: RCPT after it gets 250.',
    'Waived: courieresmtpd keeps the envelope across a second EHLO; no setting changes it.',
  ],
  'rfc3207/4.2/ehlo-forgotten': [
    'FAIL',
    'courieresmtpd keeps the EHLO given before STARTTLS: AUTH inside TLS without a new EHLO succeeds, and the relayed message\'s Received header names the pre-TLS EHLO (RFC 3207 §4.2: a MUST).',
    'Waived: courieresmtpd does not forget the EHLO name at the TLS handshake, and no setting makes it; the name only reaches the Received header, nothing grants rights by it.',
  ],
  'rfc3207/4.2/session-model': [
    'FAIL',
    'Breaks R4954-4x: AUTH PLAIN with the real credentials is accepted (235) before STARTTLS (ESMTPAUTH offers AUTH in clear).',
    'Waived: with TLS required the model meets the 502 to a second AUTH (R4954-4b, as no-auth-after-auth), and records on the way NOOP refused with 400 before STARTTLS (R3207-4d, a SHOULD); both replies are fixed in courieresmtpd.',
  ],
  'rfc3207/4.2/reset-generated': [
    'FAIL',
    'The generated histories find the pre-TLS EHLO kept across STARTTLS too (the histories with RSET, MAIL or AUTH before it get 540 to STARTTLS).',
    'Waived: the same EHLO name kept across STARTTLS as rfc3207/4.2/ehlo-forgotten, fixed in courieresmtpd.',
  ],
};

const STOCK_DEVIATIONS = Object.fromEntries(Object.entries(DEVIATIONS).map(([id, [verdict, finding]]) => [id, [verdict, finding]])) as ExpectedVerdicts;
const HARDENED_WAIVERS = Object.fromEntries(Object.entries(DEVIATIONS).map(([id, [, , waiver]]) => [id, ['XFAIL', waiver]])) as ExpectedVerdicts;


/** SMTP smuggling (SMUG-1..3): what the stock configuration shows, with its setting and package, and why the hardened one waives what it cannot change. */
const SMUGGLING: ExpectedVerdicts = {
  'smuggling/2.3.8/bare-newlines-not-relayed': ['FAIL', 'Courier relays a bare <LF> as CRLF but a bare <CR> unchanged, so <CR>.<CR> reaches the next hop as sent.'],
};
const SMUGGLING_WAIVERS: ExpectedVerdicts = {
  'smuggling/2.3.8/bare-newlines-not-relayed': ['XFAIL', 'Waived: Courier 1.4.1 has no setting that normalises or refuses a bare <CR> in a message.'],
};
/** Courier's expected verdicts per configuration (PASS unless listed); docs/hardened/courier.md explains them. */
export const courierDebian13Findings: MtaFindings = {
  mta: 'courier',
  release: 'debian13',
  title: 'Courier MTA 1.4 (Debian 13)',
  doc: 'hardened/courier.md',
  configurations: {
    stock: {
      ...SMUGGLING,
      ...CLIENT_RENEGOTIATION,
      ...STOCK_DEVIATIONS,
      'rfc3207/4/starttls-with-parameter': ['WARN', 'STARTTLS with a parameter gets 502 "ESMTP command error", not the 501 RFC 3207 §4 lists (without an RFC 2119 keyword, so a SHOULD).'],
      'rfc3207/4/tls-required': [
        'WARN',
        'STARTTLS is optional in stock: before TLS, MAIL gets 250, RCPT 513 (relaying denied), DATA 502 and AUTH PLAIN 334 (a prompt for credentials in clear), where a server that requires TLS answers 530.',
      ],
      'rfc3207/4.2/envelope-forgotten': ['NA', 'Courier answers STARTTLS after MAIL with 540 "TLS not available", so no pre-TLS transaction crosses a handshake.'],
      'rfc3207/4.2/auth-forgotten': ['NA', 'STARTTLS after a cleartext AUTH gets 540 too, so no pre-TLS authentication crosses a handshake.'],
      'rfc6409/4.3/mail-requires-auth': [
        'FAIL',
        'With the shipped AUTH_REQUIRED=0, MAIL without authentication gets 250 inside TLS on both ports; only RCPT is refused (513 Relaying denied).',
      ],
      'rfc4954/4/no-plain-auth-advertised-before-tls': [
        'WARN',
        'ESMTPAUTH="LOGIN", the setting esmtpd\'s comments and Courier\'s installation guide give for authenticated relaying, offers AUTH LOGIN before STARTTLS.',
      ],
      'rfc4954/4/auth-plain-refused-before-tls': ['FAIL', 'AUTH PLAIN is evaluated in clear although only LOGIN is advertised there: the probe\'s wrong credentials get 535.'],
      'rfc4954/4/auth-login-refused-before-tls': ['FAIL', 'AUTH LOGIN asks for user name and password in clear and answers 535.'],
      'tls/versions/tls10-refused': ['FAIL', 'couriertls is built with GnuTLS, whose NORMAL priority (the default TLS_PRIORITY) still negotiates TLS 1.0 with Debian 13\'s GnuTLS 3.8.'],
      'tls/versions/tls11-refused': ['FAIL', 'The same NORMAL priority negotiates TLS 1.1.'],
      'tls/suites/forward-secrecy': ['WARN', 'NORMAL also keeps static RSA key transport (TLS_RSA_*) suites.'],
    },
    hardened: {
      ...SMUGGLING_WAIVERS,
      ...CLIENT_RENEGOTIATION,
      ...HARDENED_WAIVERS,
      'rfc3207/4/starttls-with-parameter': ['XFAIL', 'Waived: with TLS required courieresmtpd answers "STARTTLS x" like any other command before TLS, 400; without it, 502: never the 501 of RFC 3207 §4.'],
      'rfc3207/4/tls-required': [
        'XFAIL',
        'Waived: with ESMTP_TLS_REQUIRED=1 courieresmtpd answers every command before STARTTLS, NOOP included, with "400 STARTTLS is required first." instead of 530 (and 250 to NOOP); the reply is fixed in courieresmtpd.',
      ],
      'rfc3207/4.2/envelope-forgotten': ['NA', 'MAIL before TLS gets 400 (ESMTP_TLS_REQUIRED=1), so no pre-TLS transaction exists to carry over.'],
      'rfc3207/4.2/auth-forgotten': ['NA', 'AUTH before TLS gets 400 too, so no pre-TLS authentication exists to carry over.'],
    },
  },
};
