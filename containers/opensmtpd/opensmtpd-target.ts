import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Waiver } from '../../harness/model/target.ts';
import { containerProvisioner, type TargetImageSpec, type TargetProfile } from '../container-target.ts';

/** Deviations of OpenSMTPD itself, which no smtpd.conf setting of the hardened profile avoids. */
const HARDENED_WAIVERS: Waiver[] = [
  { pattern: 'rfc8314/3.4/close-notify', reason: 'OpenSMTPD closes the TCP connection after 221 without a TLS close_notify; no smtpd.conf option sends one' },
  { pattern: 'rfc3207/4/tls-required', reason: 'OpenSMTPD answers AUTH before STARTTLS with 503 "Command not supported" (AUTH is not offered in clear), not 530/538; the reply is fixed in smtpd' },
  { pattern: 'rfc3207/4.2/session-model', reason: 'OpenSMTPD answers RSET before EHLO with 503 (RFC 5321 §4.1.4 asks servers to process it normally); the command order check is fixed in smtpd' },
  { pattern: 'rfc5321/4.5.3.1.4/line-10000-octets', reason: 'OpenSMTPD answers an over-long command line with 500 and then disconnects without 421 (RFC 5321 §3.8); its line limit is compiled in' },
];

/**
 * OpenSMTPD 7.4 from Debian bookworm-backports (bookworm's own 6.8 cannot complete a TLS handshake
 * with OpenSSL 3): 587 with STARTTLS required, 465 with implicit TLS, AUTH against a credentials
 * table; smtpd -dv logs "smtp: will accept at most N clients" once its listeners are bound.
 */
export const OPENSMTPD_IMAGE: TargetImageSpec = {
  name: 'opensmtpd',
  contextDir: join(dirname(fileURLToPath(import.meta.url)), 'image'),
  ready: /smtp: will accept at most \d+ clients/,
};

/** OpenSMTPD as a target of a run: given the run's sink it relays every accepted message there; otherwise it discards them. */
export const opensmtpdTarget = (profile: TargetProfile) =>
  containerProvisioner({ ...OPENSMTPD_IMAGE, profile, waivers: profile === 'hardened' ? HARDENED_WAIVERS : [] });
