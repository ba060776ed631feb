import { pipelinedStarttls } from '../common/pipelined-starttls.ts';

export const pipelinedNoop = pipelinedStarttls('noop', 'NOOP', { flaw: 'inject', verdict: 'FAIL' });

export default pipelinedNoop;
