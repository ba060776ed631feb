export const FLAWS = [
  'inject',
  'auth-before-tls',
  'auth-advertised-before-tls',
  'starttls-after-tls',
  'plain-implicit',
  'plaintext-mail',
  'starttls-args',
  'no-starttls-advert',
  'auth-broken',
  'mail-without-auth',
  'data-broken',
  'no-implicit-port',
] as const;

export type Flaw = (typeof FLAWS)[number];

export const FLAW_DESCRIPTIONS: Record<Flaw, string> = {
  inject: 'Commands pipelined after STARTTLS are kept and run inside TLS (CVE-2011-0411, RFC 3207 §4.2).',
  'auth-before-tls': 'AUTH PLAIN/LOGIN is advertised and accepted before TLS on the STARTTLS port.',
  'auth-advertised-before-tls': 'AUTH PLAIN LOGIN is advertised before TLS, though AUTH there is still refused with 538.',
  'starttls-after-tls': 'STARTTLS is advertised inside TLS and answered 220 there (then the connection closes).',
  'plain-implicit': 'The implicit-TLS port speaks plaintext SMTP, like the STARTTLS port.',
  'plaintext-mail': 'MAIL, RCPT and DATA are accepted before TLS on the STARTTLS port, without AUTH.',
  'starttls-args': 'STARTTLS with a parameter is answered 220 and TLS starts instead of 501.',
  'no-starttls-advert': 'STARTTLS works but is not advertised in EHLO before TLS.',
  'auth-broken': 'Valid credentials are refused with 535.',
  'mail-without-auth': 'After TLS, MAIL FROM is accepted without authentication.',
  'data-broken': "After DATA's terminating dot the reply is 451 4.3.0 instead of 250.",
  'no-implicit-port': 'No implicit-TLS listener at all.',
};
