import { defineMta } from '../mta.ts';
import { HarakaContainer } from './haraka-container.ts';
import { harakaFindings } from './debian12/findings.ts';
import { HARAKA_IMAGE } from './debian12/haraka-image.ts';

export { HarakaContainer } from './haraka-container.ts';

/** Haraka 3.1 from npm on Debian bookworm's Node.js: its image, its expected verdicts (findings.ts) and its testcontainers module. */
export const haraka = defineMta({ lines: [{ image: HARAKA_IMAGE, findings: harakaFindings }], container: HarakaContainer });
