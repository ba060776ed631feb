import { defineMta } from '../mta.ts';
import { EximContainer } from './exim-container.ts';
import { eximFindings } from './debian12/findings.ts';
import { EXIM_IMAGE } from './debian12/exim-image.ts';
import { eximDebian13Findings } from './debian13/findings.ts';
import { EXIM_DEBIAN13_IMAGE } from './debian13/exim-image.ts';

export { EximContainer } from './exim-container.ts';

/** Exim 4.96 from Debian bookworm: its image, its expected verdicts (findings.ts) and its testcontainers module. */
export const exim = defineMta({ lines: [
    { image: EXIM_DEBIAN13_IMAGE, findings: eximDebian13Findings },
    { image: EXIM_IMAGE, findings: eximFindings },
  ], container: EximContainer });
