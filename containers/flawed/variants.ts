/**
 * Conformant variants of the flawed target: behaviours the RFCs allow that a naive oracle would call
 * wrong. The mirror of the flaws: with any one of them switched on the target still conforms, so
 * every case must stay PASS, NA or INFO (WARN only on the cases a variant is about) (test/self-validation/conformant-variants.test.ts).
 * When a real MTA shows a new legitimate behaviour, it is added here.
 */
export const VARIANTS = [
  'second-starttls-454',
  'auth-504-before-tls',
  // Slow servers: every wait of the harness has to be the reply timeout, never a short quiet window.
  'slow-ehlo-auth',
  'greet-pause',
] as const;

export type Variant = (typeof VARIANTS)[number];

export const VARIANT_DESCRIPTIONS: Record<Variant, string> = {
  'second-starttls-454': 'STARTTLS inside TLS gets "454 4.7.0 TLS not available" (sendmail): RFC 3207 §4 lists 454 among the replies to STARTTLS, and it refuses.',
  'auth-504-before-tls': 'AUTH before TLS gets "504 5.5.4 Mechanism not available" (RFC 4954 §4: a mechanism that requires an encryption layer is rejected with 504).',
  'slow-ehlo-auth':
    'EHLO and HELO are answered after 1 s (a DNS lookup of the client), and AUTH with credentials after 1 s (a slow authentication backend); the session reads no further command meanwhile. RFC 5321 §4.5.3.2 has the client wait minutes per command ("It MUST use per-command timeouts rather than somehow trying to time the entire mail transaction."); the harness waits its reply timeout, 5 s.',
  'greet-pause':
    'The 220 greeting comes 2.5 s after the connection (after the handshake on 465). RFC 5321 §4.5.3.2.1: "Many SMTP servers accept a TCP connection but delay delivery of the 220 message until their system load permits more mail to be processed."',
};

/**
 * What a variant is about: the cases it may turn WARN (or, for a certificate variant, FAIL under
 * `--profile strict`), by case id prefix. Every other case stays PASS, NA or INFO on it.
 */
export const VARIANT_FINDINGS: Partial<Record<Variant, readonly string[]>> = {};

/**
 * Which names are variants: the flawed target takes flaws and variants in one list (`--flaw`), so a
 * variant can be tried on the command line like a flaw.
 */
export function isVariant(name: string): name is Variant {
  return (VARIANTS as readonly string[]).includes(name);
}
