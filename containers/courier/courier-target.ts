import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { containerProvisioner, type TargetImageSpec, type TargetProfile } from '../container-target.ts';
import { waiversOf } from '../target-findings.ts';
import { courierFindings } from './findings.ts';

/** Courier MTA from Debian bookworm; the entrypoint logs its line once 465 and 587 accept connections. */
export const COURIER_IMAGE: TargetImageSpec = {
  name: 'courier',
  contextDir: join(dirname(fileURLToPath(import.meta.url)), 'image'),
  ready: /msaspec: courier listens on 465 and 587/,
};

/**
 * Courier on 587 (esmtpd-msa, STARTTLS) and 465 (esmtpd-ssl, couriertls), alice a system user checked
 * through PAM, every message routed to the run's sink (esmtproutes). Courier logs through syslog only;
 * the image runs busybox syslogd to stdout. The hardened profile waives what its findings mark XFAIL:
 * deviations of courieresmtpd that no esmtpd setting changes.
 */
export const courierTarget = (profile: TargetProfile) =>
  containerProvisioner({ ...COURIER_IMAGE, profile, waivers: profile === 'hardened' ? waiversOf(courierFindings.profiles.hardened) : [] });
