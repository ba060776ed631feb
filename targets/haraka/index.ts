import { defineMta } from '../mta.ts';
import { HarakaContainer } from './haraka-container.ts';
import { harakaFindings } from './debian12/findings.ts';
import { HARAKA_IMAGE } from './debian12/haraka-image.ts';
import { harakaDebian13Findings } from './debian13/findings.ts';
import { HARAKA_DEBIAN13_IMAGE } from './debian13/haraka-image.ts';

export { HarakaContainer } from './haraka-container.ts';

/**
 * Haraka from npm on Debian's Node.js, 3.3 on Debian 13's Node.js 20 and 3.1 on Debian 12's Node.js 18: its
 * images, expected verdicts (findings.ts) and testcontainers module.
 */
export const haraka = defineMta({
  lines: [
    { image: HARAKA_DEBIAN13_IMAGE, findings: harakaDebian13Findings },
    { image: HARAKA_IMAGE, findings: harakaFindings },
  ],
  container: HarakaContainer,
});
