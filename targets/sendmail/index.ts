import { defineMta } from '../mta.ts';
import { SendmailContainer } from './sendmail-container.ts';
import { sendmailFindings } from './debian12/findings.ts';
import { SENDMAIL_IMAGE } from './debian12/sendmail-image.ts';
import { sendmailDebian13Findings } from './debian13/findings.ts';
import { SENDMAIL_DEBIAN13_IMAGE } from './debian13/sendmail-image.ts';

export { SendmailContainer } from './sendmail-container.ts';

/** sendmail 8.17 from Debian bookworm: its image, its expected verdicts (findings.ts) and its testcontainers module. */
export const sendmail = defineMta({ lines: [
    { image: SENDMAIL_DEBIAN13_IMAGE, findings: sendmailDebian13Findings },
    { image: SENDMAIL_IMAGE, findings: sendmailFindings },
  ], container: SendmailContainer });
