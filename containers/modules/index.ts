// The submission servers as testcontainers modules, for other projects' tests (README: "As testcontainers modules").
export { SubmissionContainer, StartedSubmissionContainer } from './submission-container.ts';
export { PostfixContainer } from '../postfix/postfix-container.ts';
export { EximContainer } from '../exim/exim-container.ts';
export { OpenSmtpdContainer } from '../opensmtpd/opensmtpd-container.ts';
export { SendmailContainer } from '../sendmail/sendmail-container.ts';
export { DovecotSubmissionContainer } from '../dovecot/dovecot-container.ts';
export { CourierContainer } from '../courier/courier-container.ts';
export { HarakaContainer } from '../haraka/haraka-container.ts';
