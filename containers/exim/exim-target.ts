import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waiversOf } from '../target-findings.ts';
import { eximFindings } from './findings.ts';
import { containerProvisioner, type TargetImageSpec, type TargetProfile } from '../container-target.ts';

/**
 * Exim 4.96 (exim4-daemon-heavy) from Debian bookworm with Debian's non-split configuration:
 * submissions on 465 (tls_on_connect_ports), submission on 587, AUTH PLAIN and LOGIN against
 * /etc/exim4/passwd; "daemon started" once it listens.
 */
export const EXIM_IMAGE: TargetImageSpec = {
  name: 'exim',
  contextDir: join(dirname(fileURLToPath(import.meta.url)), 'image'),
  ready: /daemon started/,
};

/** Exim as a target of a run: given the run's sink it sends every remote message there as its smarthost. */
export const eximTarget = (profile: TargetProfile) =>
  containerProvisioner({ ...EXIM_IMAGE, profile, waivers: profile === 'hardened' ? waiversOf(eximFindings.profiles.hardened) : [] });
