import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { containerProvisioner, type TargetImageSpec, type TargetProfile } from '../container-target.ts';
import { waiversOf } from '../target-findings.ts';
import { dovecotFindings } from './findings.ts';

/** Dovecot submission (dovecot-submissiond) from Debian bookworm; the master logs "starting up" once its listeners are bound. */
export const DOVECOT_IMAGE: TargetImageSpec = {
  name: 'dovecot',
  contextDir: join(dirname(fileURLToPath(import.meta.url)), 'image'),
  ready: /starting up for submission/,
};

/**
 * Dovecot submission on 587 (STARTTLS) and 465 (implicit TLS), alice from a passwd-file. It has no
 * queue: every transaction is proxied to the run's sink, DATA answered once the sink accepted it.
 * The hardened profile waives what its findings mark XFAIL: deviations no dovecot.conf setting changes.
 */
export const dovecotTarget = (profile: TargetProfile) =>
  containerProvisioner({ ...DOVECOT_IMAGE, profile, waivers: profile === 'hardened' ? waiversOf(dovecotFindings.profiles.hardened) : [] });
