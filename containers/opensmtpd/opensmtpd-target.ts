import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waiversOf } from '../target-findings.ts';
import { opensmtpdFindings } from './findings.ts';
import { containerProvisioner, type TargetImageSpec, type TargetProfile } from '../container-target.ts';

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
  containerProvisioner({ ...OPENSMTPD_IMAGE, profile, waivers: profile === 'hardened' ? waiversOf(opensmtpdFindings.profiles.hardened) : [] });
