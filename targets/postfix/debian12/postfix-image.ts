import { imageBeside } from '../../container-target.ts';

/**
 * Postfix from Debian bookworm: submission (587) and submissions (465); "daemon started" once it
 * listens. Given the run's sink it relays every accepted message there; otherwise it discards them.
 */
export const POSTFIX_IMAGE = imageBeside(import.meta.url, {
  name: 'postfix',
  release: 'debian12',
  ready: /daemon started/,
});
