import { defineMta } from '../mta.ts';
import { DovecotSubmissionContainer } from './dovecot-container.ts';
import { dovecotFindings } from './debian12/findings.ts';
import { DOVECOT_IMAGE } from './debian12/dovecot-image.ts';

export { DovecotSubmissionContainer } from './dovecot-container.ts';

/** Dovecot 2.3 submission from Debian bookworm: its image, its expected verdicts (findings.ts) and its testcontainers module. */
export const dovecot = defineMta({ lines: [{ image: DOVECOT_IMAGE, findings: dovecotFindings }], container: DovecotSubmissionContainer });
