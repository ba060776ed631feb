import type { HostFindings } from '../hosts/host-findings.ts';

/** Nodemailer's smtp-server 3.21 (npm) on Debian 12's Node.js 18 as an external host (test/hosts/real-hosts.test.ts). */
export const smtpServerFindings: HostFindings = {
  host: 'smtp-server',
  title: 'Nodemailer smtp-server 3.21 (npm), Node.js 18 (Debian 12)',
  expected: {
    'smuggling/2.3.8/bare-newlines-not-command-ends': ['FAIL', 'smtp-server reads a command line up to a bare <LF>: "NOOP<LF>NOOP<CR><LF>" gets two 250 OK (a bare <CR> stays in the line and is refused with 500).'],
    'smuggling/2.3.8/bare-newlines-not-relayed': ['NA', 'An external host relays to the real world, where the harness sees no message.'],
    'rfc8314/4.3/received-records-tls': ['NA', 'An external host relays to the real world, where the harness sees no message; smtp-server adds no Received header anyway.'],
    'rfc3207/4.2/envelope-forgotten': ['NA', 'MAIL before TLS gets "530 Error: authentication Required", so no pre-TLS transaction exists to carry over.'],
    'rfc3207/4.2/auth-forgotten': ['NA', 'AUTH before TLS gets 538, so no pre-TLS authentication exists to carry over.'],
    'rfc4954/4/no-plain-auth-advertised-before-tls': [
      'WARN',
      'Before TLS, EHLO advertises "AUTH PLAIN LOGIN" although AUTH is then refused with 538 (allowInsecureAuth: false): RFC 4954 §6 says SHOULD NOT advertise mechanisms that lack the encryption they need.',
    ],
    'tls/suites/forward-secrecy': ['WARN', "Node.js 18's default cipher list keeps static RSA key transport (TLS_RSA_*)."],
    'tls/renegotiation/client-initiated': ['INFO', "Recorded, not graded: Node's TLS completes a client's TLS 1.2 renegotiation (on 465 smtp-server then closes the connection)."],
  },
};
