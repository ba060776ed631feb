import type { ExpectedVerdicts, MtaFindings } from '../../target-findings.ts';

/** Recorded behaviour (an INFO case), the same under both configurations. */
const CLIENT_RENEGOTIATION: ExpectedVerdicts = {
  'tls/renegotiation/client-initiated': ['INFO', "Recorded, not graded: a client-initiated renegotiation on TLS 1.2 gets a no_renegotiation alert from Dovecot's OpenSSL 3.5, on both ports."],
};

/** A deviation of Dovecot 2.4.1 itself (2.3.19 has it too): a finding in stock, waived in hardened (no setting avoids it). */
const CRASH = 'At the first MAIL after an EHLO inside a transaction, the submission process dies (Panic: assertion failed in smtp_client_command_submit_after, signal 6) and the connection closes without a reply.';
const CRASH_WAIVER = "Waived: the crash of Dovecot 2.4.1's submission process at MAIL after a mid-transaction EHLO is in its SMTP client code, as in 2.3.19; no setting avoids it.";

const BOTH: ExpectedVerdicts = {
  'rfc3207/4.2/envelope-forgotten': ['NA', 'Dovecot refuses MAIL before authentication (530), so no pre-TLS transaction exists to carry over.'],
  'rfc3207/4.2/auth-forgotten': ['NA', 'AUTH PLAIN before TLS is refused (523 in stock, 530 in hardened), so no pre-TLS authentication exists to carry over.'],
};

/**
 * SMTP smuggling (SMUG-1..3): what the stock configuration shows, and why the hardened one waives what it
 * cannot change. Dovecot 2.4.1 no longer ends the data at a look-alike (generated-look-alikes passes).
 */
const SMUGGLING: ExpectedVerdicts = {
  'smuggling/2.3.8/bare-newlines-not-command-ends': ['FAIL', 'A bare <LF> ends a command line: "NOOP<LF>NOOP<CR><LF>" gets two 250s (a bare <CR> gets 500).'],
};
const SMUGGLING_WAIVERS: ExpectedVerdicts = {
  'smuggling/2.3.8/bare-newlines-not-command-ends': ['XFAIL', 'Waived: Dovecot 2.4.1 has no setting that stops a bare <LF> from ending a command line.'],
};

/** Dovecot 2.4 submission's expected verdicts per configuration (PASS unless listed); docs/hardened/dovecot.md explains them. */
export const dovecotDebian13Findings: MtaFindings = {
  mta: 'dovecot',
  release: 'debian13',
  title: 'Dovecot 2.4 submission (Debian 13)',
  doc: 'hardened/dovecot.md',
  configurations: {
    stock: {
      ...SMUGGLING,
      ...CLIENT_RENEGOTIATION,
      ...BOTH,
      'rfc8314/4.3/received-records-tls': [
        'WARN',
        'The submission service writes a fixed Received header (from, by, with ESMTPSA, id, envelope-from, for) that names neither the TLS version nor the cipher, and no setting adds them.',
      ],
      'rfc3207/4.2/second-starttls-refused': [
        { implicit: 'FAIL' },
        'On the implicit-TLS listener submission-login still hands STARTTLS to its SMTP engine, so STARTTLS inside TLS gets 220 and a second, nested TLS handshake succeeds.',
      ],
      'rfc3207/4/tls-required': [
        { starttls: 'WARN' },
        "Debian's ssl = yes makes STARTTLS optional: before TLS, MAIL, RCPT and DATA get 530 (authentication required) but AUTH PLAIN gets 523 5.7.10 (Cleartext authentication disallowed), not the 530 or 538 RFC 3207 and RFC 4954 name.",
      ],
      'rfc4954/4/auth-login-succeeds-after-tls': ['NA', "Dovecot 2.4's default auth_mechanisms is plain (Debian's 10-auth.conf leaves the setting commented out), so AUTH LOGIN is not offered."],
      'rfc5321/4.1.4/ehlo-resets-transaction': ['FAIL', CRASH],
      'rfc3207/4.2/session-model': ['FAIL', `Breaks R5321-close: the model's core meets the same crash. ${CRASH}`],
    },
    hardened: {
      ...SMUGGLING_WAIVERS,
      ...CLIENT_RENEGOTIATION,
      ...BOTH,
      'rfc8314/4.3/received-records-tls': ['XFAIL', 'Waived: Dovecot 2.4 submission writes its Received header itself and has no setting that records the TLS version or cipher in it.'],
      'rfc3207/4.2/second-starttls-refused': [
        { implicit: 'XFAIL' },
        'Waived: Dovecot 2.4 submission-login offers STARTTLS to every connection of a listener when ssl is on, the implicit-TLS one included, and 465 needs ssl; no setting refuses it there.',
      ],
      'rfc5321/4.1.4/ehlo-resets-transaction': ['XFAIL', CRASH_WAIVER],
      'rfc3207/4.2/session-model': ['XFAIL', CRASH_WAIVER],
    },
  },
  changes: {
    'smuggling/4.1.1.4/generated-look-alikes':
      "A fix of the newer release: Dovecot 2.4.1's submission service takes only <CR><LF>.<CR><LF> for the end of data, also when a look-alike arrives in writes of its own (2.3.19 ended the data at <LF>.<LF> there, ran the smuggled commands and sometimes crashed); all 24 generated runs give one message, so it passes in stock and the hardened waiver is gone.",
  },
};
