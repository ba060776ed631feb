import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Waiver } from '../../harness/model/target.ts';
import { containerProvisioner, type TargetImageSpec, type TargetProfile } from '../container-target.ts';

/** Deviations of sendmail itself, which no sendmail.mc setting of the hardened profile avoids. */
const HARDENED_WAIVERS: Waiver[] = [
  { pattern: 'rfc3207/4/tls-required', reason: 'with AuthOptions p sendmail answers AUTH before STARTTLS with 503 "AUTH not available", not 530/538; the reply is fixed in sendmail' },
  { pattern: 'rfc3207/4.2/ehlo-forgotten', reason: 'sendmail keeps the pre-STARTTLS EHLO name after the handshake and writes it in the Received header; no option resets it' },
  { pattern: 'rfc3207/4.2/reset-generated', reason: 'the generated pre-TLS states find the same deviation: sendmail keeps the pre-STARTTLS EHLO name; no option resets it' },
  { pattern: 'rfc3207/4.2/second-starttls-refused', reason: 'sendmail answers STARTTLS inside TLS with the temporary 454 "TLS not available after start", not a 5xx; the reply is fixed in sendmail' },
];

/**
 * sendmail 8.17 from Debian bookworm: the MSA on 587 (STARTTLS), SMTP over TLS on 465, AUTH through
 * Cyrus SASL (sasldb), sendmail.cf built with m4 from the profile's .mc file at start. It logs through
 * syslog only (busybox syslogd writes to stdout); the entrypoint logs the ready line once both ports
 * are in LISTEN state.
 */
export const SENDMAIL_IMAGE: TargetImageSpec = {
  name: 'sendmail',
  contextDir: join(dirname(fileURLToPath(import.meta.url)), 'image'),
  ready: /msaspec: sendmail listens on 465 and 587/,
};

/** sendmail as a target of a run: given the run's sink it relays every accepted message there; otherwise it discards them. */
export const sendmailTarget = (profile: TargetProfile) =>
  containerProvisioner({ ...SENDMAIL_IMAGE, profile, waivers: profile === 'hardened' ? HARDENED_WAIVERS : [] });
