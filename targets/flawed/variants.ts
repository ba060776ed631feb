/**
 * Conformant variants of the flawed target: behaviours the RFCs allow that a naive oracle would call
 * wrong. The mirror of the flaws: with any one of them switched on the target still conforms, so
 * every case must stay PASS, NA or INFO (WARN only on the cases a variant is about: those that name it
 * in their proof's `about`, beside the case in suites/) (test/self-validation/conformant-variants.test.ts).
 * When a real MTA shows a new legitimate behaviour, it is added here.
 */
export const VARIANTS = [
  'second-starttls-454',
  'auth-504-before-tls',
  'security-stance-554',
  'starttls-before-ehlo-500',
  'starttls-refused-after-transaction',
  // Live-host policies (address-policy.ts): the suite's default addresses are refused, and the cases
  // say so (NA) instead of failing; with --mail-from and --rcpt-to in example.net they pass.
  'local-addresses-only',
  'refusals-at-rcpt',
  'multiline-greeting',
  // Certificates and TLS records.
  'expired-certificate',
  'self-signed-anchor',
  'split-221',
  // Slow servers: every wait of the harness has to be the reply timeout, never a short quiet window.
  'slow-ehlo-auth',
  'greet-pause',
  // What real servers tried as external hosts showed (chasquid 1.11, aiosmtpd 1.4.3, smtp-server 3.21):
  'tls-error-reply',
  'too-many-errors-421',
  'starttls-parameter-502',
  'long-line-554-close',
  'refusals-then-close',
  // Bare CR and LF (SMTP smuggling): the conformant server takes only CRLF as a line end and relays
  // a bare CR or LF inside a line as CRLF; these refuse it instead, or replace it.
  'bare-newline-rejected',
  'bare-newline-closes',
  'bare-newline-spaces',
] as const;

export type Variant = (typeof VARIANTS)[number];

export const VARIANT_DESCRIPTIONS: Record<Variant, string> = {
  'second-starttls-454': 'STARTTLS inside TLS gets "454 4.7.0 TLS not available" (sendmail): RFC 3207 §4 lists 454 among the replies to STARTTLS, and it refuses.',
  'auth-504-before-tls': 'AUTH before TLS gets "504 5.5.4 Mechanism not available" (RFC 4954 §4: a mechanism that requires an encryption layer is rejected with 504).',
  'security-stance-554': 'After a refused STARTTLS inside TLS, every command but QUIT gets "554 5.7.0 Security failure" (Exim; RFC 3207 §4.1: a server that finds the security not high enough SHOULD answer 554 to every command but QUIT).',
  'starttls-before-ehlo-500': 'STARTTLS before any EHLO gets "500 5.5.2 Command not recognized" (Haraka: STARTTLS is taken only once EHLO advertised it).',
  'starttls-refused-after-transaction': 'STARTTLS after RSET, MAIL or AUTH in the same session gets "540 TLS not available" (Courier): RFC 3207 §4 lists 220, 501 and 454 with no keyword, and a refused STARTTLS leaves the session in plaintext.',
  'local-addresses-only':
    'Only example.net: a MAIL FROM outside it gets "550 5.7.1 Sender address rejected" (RFC 6409 §6.1 allows it), a RCPT TO outside it "550 5.7.1 Relay access denied".',
  'refusals-at-rcpt':
    'The example.net policy applied at RCPT, as Postfix does with smtpd_delay_reject: every MAIL FROM gets 250, then RCPT gets "553 5.7.1 Sender address rejected" for a foreign sender, "554 5.7.1 Relay access denied" for a foreign recipient.',
  'multiline-greeting': 'The greeting is a multi-line 220 reply (RFC 5321 §4.2: "220-…" lines, then "220 …").',
  'expired-certificate':
    'The certificate expired yesterday: a certificate finding (C-TIME) and nothing else. The protocol cases observe the server over the unverified connection; the cases that need the credentials end NA, since those never go over it.',
  'self-signed-anchor':
    'The certificate is self-signed and the target declares that very certificate as its trust anchor (a user passing it with --ca): everything verifies, and no certificate case may call it unsigned or untrusted.',
  'split-221': 'The 221 to QUIT leaves in two writes 200 ms apart, so inside TLS in two records ("221 " and the rest), then close_notify: a reply split across records is not a close alert (RFC 8446 §5.1, paraphrased: the record layer fragments application data into records as it likes).',
  'slow-ehlo-auth':
    'EHLO and HELO are answered after 1 s (a DNS lookup of the client), and AUTH with credentials after 1 s (a slow authentication backend); the session reads no further command meanwhile. RFC 5321 §4.5.3.2 has the client wait minutes per command ("It MUST use per-command timeouts rather than somehow trying to time the entire mail transaction."); the harness waits its reply timeout, 5 s.',
  'greet-pause':
    'The 220 greeting comes 2.5 s after the connection (after the handshake on 465). RFC 5321 §4.5.3.2.1: "Many SMTP servers accept a TCP connection but delay delivery of the 220 message until their system load permits more mail to be processed."',
  'tls-error-reply':
    'Bytes after the 220 to STARTTLS that are not a TLS record get "554 5.5.0 Error in TLS handshake" in clear, then a close (chasquid\'s reply, without its going on in clear): nothing is executed.',
  'too-many-errors-421':
    'The third refused command (4xx/5xx) of a connection is answered "421 4.5.0 Too many errors, bye" instead, then the connection closes (chasquid): RFC 5321 §3.8 allows a close after 421, and §7.8 lets a server defend itself.',
  'starttls-parameter-502':
    '"STARTTLS x" is refused with "502 5.5.2 Syntax error, no parameters allowed" (Courier answers 502): a refusal all the same; RFC 3207 §4 names 501 without an RFC 2119 keyword, so only a WARN.',
  'refusals-then-close':
    'The fourth refused command of a connection gets its refusal and "Too many syntax or protocol errors", then the connection closes without a 421 (Exim\'s smtp_max_synprot_errors): RFC 5321 §7.8 finds it "reasonable for the server to close the connection after generating an appropriate number of 5yz (normally 550) replies".',
  'bare-newline-rejected':
    'A command line with a bare CR or LF gets "500 5.5.2 Error: bare <CR> or <LF> received"; a message with one gets "550 5.5.2 Error: bare <CR> or <LF> received" at its end and is not relayed (Postfix\'s smtpd_forbid_bare_newline = yes; RFC 5321 §4.1.1.4: a failure reply, nothing accepted).',
  'bare-newline-closes':
    'The first bare CR or LF, in a command or in a message, gets "521 5.5.2 Error: bare <CR> or <LF> received" and a close at once: the message is not accepted and nothing after it runs (RFC 5321 §7.8 lets a server defend itself).',
  'bare-newline-spaces':
    'A bare CR or LF inside a message line is relayed as a space (sendmail\'s srv_features u2 and g2): no bare CR or LF is transmitted (RFC 5321 §2.3.8), and the line stays one line.',
  'long-line-554-close':
    'A command line over 4 KiB gets "554 5.5.0 Error reading command: line too long", then a close (chasquid): abnormal input a server may defend against (RFC 5321 §7.8).',
};

/**
 * Which names are variants: the flawed target takes flaws and variants in one list (`--flaw`), so a
 * variant can be tried on the command line like a flaw.
 */
export function isVariant(name: string): name is Variant {
  return (VARIANTS as readonly string[]).includes(name);
}
