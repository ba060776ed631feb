/**
 * The requirement catalogue (REQUIREMENTS.md) as data: every ID a case may cite, its level, and for a
 * requirement no case checks yet, the reason. `msaspec list --requirements` and docs/coverage.md are
 * generated from this and from the cases.
 */
export interface Requirement {
  id: string;
  level: string;
  summary: string;
  /** Why no case checks it (yet); absent when cases do. */
  gap?: string;
}


export const REQUIREMENTS: readonly Requirement[] = [
  { id: 'R8314-3.3a', level: 'MUST', summary: 'On 465 the TLS handshake comes first; the greeting comes inside TLS' },
  { id: 'R8314-3.3b', level: 'SHOULD', summary: 'Both 587 with STARTTLS and 465 with implicit TLS are offered' },
  { id: 'R8314-3.4', level: 'SHOULD', summary: 'close_notify is sent before the TCP connection is closed' },
  { id: 'R8314-4.1', level: 'MUST', summary: 'TLS 1.2 is supported' },
  { id: 'R8314-4.1b', level: 'SHOULD', summary: 'SSL 2/3, TLS 1.0 and TLS 1.1 are discontinued', gap: 'checked at the later, stronger MUST NOT of RFC 7568 and RFC 8996 by tls/versions/ssl3-refused, tls10-refused and tls11-refused (T-SSL3, T-1011), which cite those RFCs' },
  { id: 'R8314-4.4', level: 'MUST', summary: 'Valid server certificate, name checked per RFC 7817' },
  { id: 'R8314-4.3', level: 'SHOULD', summary: 'The Received header records that TLS was used' },
  { id: 'R3207-4a', level: 'MUST', summary: 'STARTTLS with a parameter gets 501 and the session stays in plaintext' },
  { id: 'R3207-4c', level: 'SHOULD', summary: 'STARTTLS is advertised before TLS' },
  { id: 'R3207-4d', level: 'SHOULD', summary: 'Before TLS, commands other than NOOP, EHLO, STARTTLS, QUIT get 530' },
  { id: 'R3207-4.2a', level: 'MUST', summary: 'After the handshake the server forgets EHLO, envelope and authentication' },
  { id: 'R3207-4.2c', level: 'MUST NOT', summary: 'STARTTLS is not advertised inside TLS' },
  { id: 'R3207-4.2d', level: 'MUST', summary: 'A second STARTTLS inside TLS is refused' },
  { id: 'INJ-1', level: 'MUST', summary: 'Plaintext pipelined after STARTTLS is never executed inside TLS' },
  { id: 'INJ-2', level: 'MUST', summary: 'The same under generated variants (splits, LF, sizes, AUTH chains)' },
  { id: 'INJ-3', level: 'MUST', summary: 'Junk instead of a ClientHello ends in a clean handshake failure' },
  { id: 'INJ-4', level: 'MUST', summary: 'On 465 plaintext before the ClientHello is never read as SMTP' },
  { id: 'R4954-4a', level: 'SHOULD NOT', summary: 'PLAIN and LOGIN are not advertised before TLS' },
  { id: 'R4954-4x', level: 'MUST NOT', summary: 'AUTH PLAIN/LOGIN before TLS is not accepted' },
  { id: 'R4954-4b', level: 'MUST', summary: 'A second AUTH, or AUTH in a transaction, gets 503' },
  { id: 'R4954-4c', level: 'MUST', summary: 'Cancelling with "*" gets 501' },
  { id: 'R4954-6', level: 'SHOULD', summary: 'Bad credentials get 535 and the session stays usable' },
  { id: 'R4954-ok', level: 'MUST', summary: 'Valid credentials inside TLS get 235' },
  { id: 'R4954-plain', level: 'MUST', summary: 'AUTH PLAIN is implemented over TLS' },
  { id: 'R6409-4.3', level: 'MUST', summary: 'MAIL without authentication is refused' },
  { id: 'R6409-ok', level: 'MUST', summary: 'An authenticated client submits a message end to end' },
  { id: 'R6409-auth', level: 'MUST', summary: 'The MSA supports SMTP AUTH' },
  { id: 'R5321-greet', level: 'MUST', summary: '220 greeting; replies well formed' },
  { id: 'R5321-4.1.4', level: 'MUST', summary: 'EHLO mid-session resets like RSET' },
  { id: 'R5321-4.1.4b', level: 'SHOULD', summary: 'NOOP, HELP, EXPN, VRFY and RSET before EHLO are processed normally, not answered 503' },
  { id: 'R5321-rset', level: 'MUST', summary: 'RSET without arguments gets 250' },
  { id: 'R5321-close', level: 'MUST NOT', summary: 'The server does not close the connection before QUIT, except with a 421' },
  { id: 'R5321-quit', level: 'MUST', summary: 'QUIT gets 221 and a close' },
  { id: 'R5321-len', level: 'MUST', summary: 'Over-long command lines are answered without harm' },
  { id: 'R2920-pipe', level: 'MUST', summary: 'Pipelined commands get their replies in order' },
  { id: 'T-SSL3', level: 'MUST NOT', summary: 'SSL 3.0 is not negotiated' },
  { id: 'T-1011', level: 'MUST NOT', summary: 'TLS 1.0 and 1.1 are not negotiated' },
  { id: 'T-12', level: 'MUST', summary: 'TLS 1.2 is negotiated when offered alone' },
  { id: 'T-13', level: 'SHOULD', summary: 'TLS 1.3 is supported' },
  { id: 'T-WEAK', level: 'MUST NOT', summary: 'NULL, export, anonymous and RC4 suites are not negotiated' },
  { id: 'T-3DES', level: 'SHOULD NOT', summary: '3DES suites are not negotiated' },
  { id: 'T-FS', level: 'SHOULD', summary: 'Forward-secret key exchange only' },
  { id: 'T-COMP', level: 'MUST', summary: 'TLS compression is not negotiated (RFC 9325 §3.3 says SHOULD NOT; the case grades that)' },
  { id: 'T-RENEG', level: 'MUST', summary: 'Secure renegotiation is supported; client-initiated renegotiation is recorded (INFO)' },
  { id: 'T-EMS', level: 'MUST', summary: 'Extended master secret on TLS 1.2 (REQUIREMENTS.md: SHOULD; RFC 9325 §3.5 says MUST, the case grades that)' },
  { id: 'T-KEY', level: 'MUST', summary: 'RSA ≥ 2048, DHE ≥ 2048, no curve under 224 bits (REQUIREMENTS.md: SHOULD, ECDHE ≥ P-256; RFC 9325 §4.5 says MUST, the case grades that)' },
  { id: 'C-NAME', level: 'config', summary: 'A SAN dNSName matches the server name' },
  { id: 'C-CHAIN', level: 'config', summary: 'The chain verifies to the trust anchor' },
  { id: 'C-TIME', level: 'config', summary: 'Not expired, not yet valid' },
  { id: 'C-SIG', level: 'config', summary: 'No MD5/SHA-1 signatures; key usage permits serverAuth' },
  { id: 'C-SAME', level: 'INFO', summary: '465 and 587 present the same certificate' },
];
