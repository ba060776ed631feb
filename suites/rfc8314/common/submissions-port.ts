/**
 * RFC 8314 §3.3 on the "submissions" port, which the cases about port 465 (rfc8314/3.3/greeting-inside-tls,
 * plaintext-first-unanswered) enforce together.
 */
export const SOURCE_3_3 = {
  rfc: 'RFC 8314',
  section: '3.3',
  text:
    '“When a TCP connection is established for the "submissions" service (default port 465), a TLS handshake begins immediately.” ' +
    '“Once the TLS session is established, Message Submission protocol data [RFC6409] is exchanged as TLS application data for the remainder of the TCP connection.” ' +
    'Suite policy: the section says this without an RFC 2119 keyword; a port 465 that does otherwise does not offer the "submissions" service, so the suite grades MUST.',
};
