import { defineMta } from '../mta.ts';
import { PostfixContainer } from './postfix-container.ts';
import { postfixFindings } from './debian12/findings.ts';
import { POSTFIX_IMAGE } from './debian12/postfix-image.ts';
import { postfixDebian13Findings } from './debian13/findings.ts';
import { POSTFIX_DEBIAN13_IMAGE } from './debian13/postfix-image.ts';

export { PostfixContainer } from './postfix-container.ts';

/** Postfix from Debian, 3.10 (Debian 13) and 3.7 (Debian 12): its images, expected verdicts (findings.ts) and testcontainers module. */
export const postfix = defineMta({
  lines: [
    { image: POSTFIX_DEBIAN13_IMAGE, findings: postfixDebian13Findings },
    { image: POSTFIX_IMAGE, findings: postfixFindings },
  ],
  container: PostfixContainer,
});
