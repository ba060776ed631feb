import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { containerProvisioner, type TargetImageSpec, type TargetProfile } from '../container-target.ts';

/** Postfix from Debian bookworm: submission (587) and submissions (465); "daemon started" once it listens. */
export const POSTFIX_IMAGE: TargetImageSpec = {
  name: 'postfix',
  contextDir: join(dirname(fileURLToPath(import.meta.url)), 'image'),
  ready: /daemon started/,
};

/**
 * Postfix as a target of a run: given the run's sink it relays every accepted message there;
 * otherwise it discards them.
 */
export const postfixTarget = (profile: TargetProfile) => containerProvisioner({ ...POSTFIX_IMAGE, profile, waivers: [] });
