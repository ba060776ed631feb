import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { containerProvisioner } from '../container-target.ts';

/**
 * Postfix from Debian bookworm: submission (587, STARTTLS required) and submissions (465). Given
 * the run's sink it relays every accepted message there; otherwise it discards them.
 */
export const provisionPostfix = containerProvisioner({
  name: 'postfix',
  contextDir: join(dirname(fileURLToPath(import.meta.url)), 'image'),
  ready: /daemon started/,
  waivers: [],
});
