import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { containerProvisioner, type TargetProfile } from '../container-target.ts';

/**
 * Postfix from Debian bookworm: submission (587, STARTTLS required) and submissions (465). Given
 * the run's sink it relays every accepted message there; otherwise it discards them.
 */
export const postfixTarget = (profile: TargetProfile) =>
  containerProvisioner({
    name: 'postfix',
    profile,
    contextDir: join(dirname(fileURLToPath(import.meta.url)), 'image'),
    ready: /daemon started/,
    waivers: [],
  });
