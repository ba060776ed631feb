// The submission servers as testcontainers modules, for other projects' tests (README: "As testcontainers modules").
export { SubmissionContainer, StartedSubmissionContainer, type ModuleCapabilities } from './submission-container.ts';
export { PostfixContainer } from '../postfix/postfix-container.ts';
export { EximContainer } from '../exim/exim-container.ts';
