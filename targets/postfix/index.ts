import { defineMta } from '../mta.ts';
import { PostfixContainer } from './postfix-container.ts';
import { postfixFindings } from './debian12/findings.ts';
import { POSTFIX_IMAGE } from './debian12/postfix-image.ts';

export { PostfixContainer } from './postfix-container.ts';

/** Postfix 3.7 from Debian bookworm: its image, its expected verdicts (findings.ts) and its testcontainers module. */
export const postfix = defineMta({ lines: [{ image: POSTFIX_IMAGE, findings: postfixFindings }], container: PostfixContainer });
