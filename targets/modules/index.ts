// The submission servers as testcontainers modules, for other projects' tests (README: "As testcontainers modules").
import { MTAS, type Mta } from '../mtas.ts';

export { SubmissionContainer, StartedSubmissionContainer } from './submission-container.ts';

/**
 * Every MTA's module class by MTA name, derived from targets/mtas.ts:
 * `new SUBMISSION_CONTAINERS.postfix().withConfiguration('stock').start()`. Each class is also exported by
 * name from its MTA's folder: `import { PostfixContainer } from '…/targets/postfix/index.ts'`.
 */
export const SUBMISSION_CONTAINERS = Object.fromEntries(MTAS.map((mta) => [mta.name, mta.container])) as {
  readonly [M in Mta as M['name']]: M['container'];
};
