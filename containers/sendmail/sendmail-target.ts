import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waiversOf } from '../target-findings.ts';
import { sendmailFindings } from './findings.ts';
import { containerProvisioner, type TargetImageSpec, type TargetProfile } from '../container-target.ts';

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
  containerProvisioner({ ...SENDMAIL_IMAGE, profile, waivers: profile === 'hardened' ? waiversOf(sendmailFindings.profiles.hardened) : [] });
