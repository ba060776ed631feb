import { defineMta } from '../mta.ts';
import { OpenSmtpdContainer } from './opensmtpd-container.ts';
import { opensmtpdFindings } from './debian12/findings.ts';
import { OPENSMTPD_IMAGE } from './debian12/opensmtpd-image.ts';
import { opensmtpdDebian13Findings } from './debian13/findings.ts';
import { OPENSMTPD_DEBIAN13_IMAGE } from './debian13/opensmtpd-image.ts';

export { OpenSmtpdContainer } from './opensmtpd-container.ts';

/** OpenSMTPD 7.4 from Debian bookworm-backports: its image, its expected verdicts (findings.ts) and its testcontainers module. */
export const opensmtpd = defineMta({ lines: [
    { image: OPENSMTPD_DEBIAN13_IMAGE, findings: opensmtpdDebian13Findings },
    { image: OPENSMTPD_IMAGE, findings: opensmtpdFindings },
  ], container: OpenSmtpdContainer });
