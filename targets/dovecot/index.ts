import { defineMta } from '../mta.ts';
import { DovecotSubmissionContainer } from './dovecot-container.ts';
import { dovecotFindings } from './debian12/findings.ts';
import { DOVECOT_IMAGE } from './debian12/dovecot-image.ts';
import { dovecotDebian13Findings } from './debian13/findings.ts';
import { DOVECOT_DEBIAN13_IMAGE } from './debian13/dovecot-image.ts';

export { DovecotSubmissionContainer } from './dovecot-container.ts';

/** Dovecot submission from Debian, 2.4 (Debian 13) and 2.3 (Debian 12): its images, expected verdicts (findings.ts) and testcontainers module. */
export const dovecot = defineMta({
  lines: [
    { image: DOVECOT_DEBIAN13_IMAGE, findings: dovecotDebian13Findings },
    { image: DOVECOT_IMAGE, findings: dovecotFindings },
  ],
  container: DovecotSubmissionContainer,
});
