import { imageBeside } from '../../container-target.ts';

/**
 * Postfix 3.10 from Debian 13 (trixie): submission (587) and submissions (465); "daemon started" once
 * it listens. Given the run's sink it relays every accepted message there; otherwise it discards them.
 */
export const POSTFIX_DEBIAN13_IMAGE = imageBeside(import.meta.url, {
  name: 'postfix',
  release: 'debian13',
  ready: /daemon started/,
});
