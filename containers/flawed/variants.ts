/**
 * Conformant variants of the flawed target: behaviours the RFCs allow that a naive oracle would call
 * wrong. The mirror of the flaws: with any one of them switched on the target still conforms, so
 * every case must stay PASS, NA or INFO (WARN only on the cases a variant is about) (test/self-validation/conformant-variants.test.ts).
 * When a real MTA shows a new legitimate behaviour, it is added here.
 */
export const VARIANTS = [
  'second-starttls-454',
  'auth-504-before-tls',
  // What real servers tried as external hosts showed (chasquid 1.11, aiosmtpd 1.4.3, smtp-server 3.21):
  'tls-error-reply',
  'too-many-errors-421',
  'starttls-parameter-502',
  'long-line-554-close',
] as const;

export type Variant = (typeof VARIANTS)[number];

export const VARIANT_DESCRIPTIONS: Record<Variant, string> = {
  'second-starttls-454': 'STARTTLS inside TLS gets "454 4.7.0 TLS not available" (sendmail): RFC 3207 §4 lists 454 among the replies to STARTTLS, and it refuses.',
  'auth-504-before-tls': 'AUTH before TLS gets "504 5.5.4 Mechanism not available" (RFC 4954 §4: a mechanism that requires an encryption layer is rejected with 504).',
  'tls-error-reply':
    'Bytes after the 220 to STARTTLS that are not a TLS record get "554 5.5.0 Error in TLS handshake" in clear, then a close (chasquid\'s reply, without its going on in clear): nothing is executed.',
  'too-many-errors-421':
    'The third refused command (4xx/5xx) of a connection is answered "421 4.5.0 Too many errors, bye" instead, then the connection closes (chasquid): RFC 5321 §3.8 allows a close after 421, and §7.8 lets a server defend itself.',
  'starttls-parameter-502':
    '"STARTTLS x" is refused with "502 5.5.2 Syntax error, no parameters allowed" (Courier answers 502): a refusal all the same; RFC 3207 §4 names 501 without an RFC 2119 keyword, so only a WARN.',
  'long-line-554-close':
    'A command line over 4 KiB gets "554 5.5.0 Error reading command: line too long", then a close (chasquid): abnormal input a server may defend against (RFC 5321 §7.8).',
};

/**
 * What a variant is about: the cases it may turn WARN (or, for a certificate variant, FAIL under
 * `--profile strict`), by case id prefix. Every other case stays PASS, NA or INFO on it.
 */
export const VARIANT_FINDINGS: Partial<Record<Variant, readonly string[]>> = {
  'starttls-parameter-502': ['rfc3207/4/starttls-with-parameter'],
};

/**
 * Which names are variants: the flawed target takes flaws and variants in one list (`--flaw`), so a
 * variant can be tried on the command line like a flaw.
 */
export function isVariant(name: string): name is Variant {
  return (VARIANTS as readonly string[]).includes(name);
}
