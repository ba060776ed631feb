import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Waiver } from '../../harness/model/target.ts';
import { containerProvisioner, type TargetImageSpec, type TargetProfile } from '../container-target.ts';

/** Deviations of Exim itself, which no configuration of the hardened profile avoids. */
const HARDENED_WAIVERS: Waiver[] = [
  {
    pattern: 'rfc3207/4.2/session-model',
    reason:
      'Exim answers a STARTTLS inside TLS with 554 and from then on refuses every command but QUIT with "554 Security failure" (compiled in, spec §43.6), where the session model expects NOOP to still get 250',
  },
];

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
  containerProvisioner({ ...EXIM_IMAGE, profile, waivers: profile === 'hardened' ? HARDENED_WAIVERS : [] });
