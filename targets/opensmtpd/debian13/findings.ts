import type { ExpectedVerdicts, MtaFindings } from '../../target-findings.ts';

/** Recorded behaviour (an INFO case), the same under both configurations. */
const CLIENT_RENEGOTIATION: ExpectedVerdicts = {
  'tls/renegotiation/client-initiated': ['INFO', "Recorded, not graded: a client-initiated renegotiation on TLS 1.2 gets a no_renegotiation alert from OpenSMTPD's OpenSSL 3, on both ports."],
};

/** The same on both configurations. */
const BOTH: ExpectedVerdicts = {
  'rfc3207/4.2/envelope-forgotten': ['NA', 'MAIL before STARTTLS gets 530 (tls-require), so no pre-TLS transaction exists to carry over.'],
  'rfc3207/4.2/auth-forgotten': ['NA', 'AUTH before STARTTLS gets 503 (OpenSMTPD never offers AUTH in clear), so no pre-TLS authentication exists to carry over.'],
  'rfc5321/4.1.4/ehlo-resets-transaction': ['NA', 'OpenSMTPD refuses a second EHLO inside a transaction with 503, and RFC 5321 §4.1.4 only binds an EHLO the server accepts.'],
  'rfc2920/3.2/replies-in-order': ['NA', 'OpenSMTPD 7.6 does not advertise PIPELINING (it answers pipelined commands with "500 Pipelining not supported").'],
};


/** SMTP smuggling (SMUG-1..3): what the stock configuration shows, with its setting and package, and why the hardened one waives what it cannot change. */
const SMUGGLING: ExpectedVerdicts = {
  'smuggling/4.1.1.4/generated-look-alikes': ['FAIL', 'OpenSMTPD 7.6 ends the data at <LF>.<LF> when the look-alike arrives in writes of its own and the smuggled lines wait for its 250 (the core\'s second run); the smuggled transaction then runs. The pipelined probes of end-of-data-look-alikes pass.'],
  'smuggling/2.3.8/bare-newlines-not-relayed': ['FAIL', 'OpenSMTPD takes a bare <LF> for a line end (and unstuffs the dot behind it) but relays a bare <CR> unchanged, so <CR>.<CR> reaches the next hop as sent.'],
};
const SMUGGLING_WAIVERS: ExpectedVerdicts = {
  'smuggling/4.1.1.4/generated-look-alikes': ['XFAIL', 'Waived: smtpd.conf has no option for OpenSMTPD\'s end-of-data parser.'],
  'smuggling/2.3.8/bare-newlines-not-relayed': ['XFAIL', 'Waived: smtpd.conf has no option that normalises or refuses a bare <CR> in a message.'],
};
/** OpenSMTPD's expected verdicts per configuration (PASS unless listed); docs/hardened/opensmtpd.md explains them. */
export const opensmtpdDebian13Findings: MtaFindings = {
  mta: 'opensmtpd',
  release: 'debian13',
  title: 'OpenSMTPD 7.6 (Debian 13)',
  doc: 'hardened/opensmtpd.md',
  configurations: {
    stock: {
      ...SMUGGLING,
      ...CLIENT_RENEGOTIATION,
      ...BOTH,
      'rfc8314/3.4/close-notify': ['WARN', 'After 221 OpenSMTPD closes the TCP connection without a TLS close_notify alert.'],
      'rfc3207/4/tls-required': ['WARN', 'Before STARTTLS, MAIL gets 530 but AUTH gets 503 "Command not supported" rather than 530 or 538.'],
      'rfc3207/4.2/session-model': ['WARN', 'Breaks R5321-4.1.4b, a SHOULD: RSET before any EHLO gets 503, which RFC 5321 §4.1.4 asks servers not to answer; the model finds no MUST-level divergence.'],
      'tls/suites/forward-secrecy': ['WARN', 'The default cipher string HIGH:!aNULL:!MD5 still lets a client pick static RSA key transport (TLS_RSA_*).'],
    },
    hardened: {
      ...SMUGGLING_WAIVERS,
      ...CLIENT_RENEGOTIATION,
      ...BOTH,
      'rfc8314/3.4/close-notify': ['XFAIL', 'Waived: no smtpd.conf option makes OpenSMTPD send close_notify before it closes.'],
      'rfc3207/4/tls-required': ['XFAIL', 'Waived: the 503 reply to AUTH before STARTTLS is fixed in smtpd.'],
      'rfc3207/4.2/session-model': ['XFAIL', 'Waived: the 503 reply to RSET before EHLO (R5321-4.1.4b, a SHOULD) is fixed in smtpd.'],
    },
  },
};
