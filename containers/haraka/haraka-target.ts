import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { containerProvisioner, type TargetImageSpec, type TargetProfile } from '../container-target.ts';
import { hostExtraCaPem } from '../images/host-ca.ts';
import { waiversOf } from '../target-findings.ts';
import { harakaFindings } from './findings.ts';

/** Haraka from npm (pinned by the image's package-lock.json) on Debian bookworm's Node.js 18. */
export const HARAKA_IMAGE: TargetImageSpec = {
  name: 'haraka',
  contextDir: join(dirname(fileURLToPath(import.meta.url)), 'image'),
  // Logged once the 465 listener is bound; 587's comes just before it.
  ready: /Listening on 0\.0\.0\.0:465/,
  // npm ci in the build may have to pass an HTTPS-intercepting proxy this machine trusts.
  buildArgs: () => ({ NPM_EXTRA_CA: hostExtraCaPem() }),
};

/**
 * Haraka on 587 (STARTTLS, tls plugin) and 465 (implicit TLS), alice from auth/flat_file, every
 * accepted message forwarded to the run's sink by queue/smtp_forward. The hardened profile waives
 * what its findings mark XFAIL: deviations of Haraka's core and plugins that no setting changes.
 */
export const harakaTarget = (profile: TargetProfile) =>
  containerProvisioner({ ...HARAKA_IMAGE, profile, waivers: profile === 'hardened' ? waiversOf(harakaFindings.profiles.hardened) : [] });
