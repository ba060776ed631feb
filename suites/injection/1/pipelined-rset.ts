import { pipelinedStarttls } from '../common/pipelined-starttls.ts';

export const pipelinedRset = pipelinedStarttls('rset', 'RSET', { flaw: 'inject', verdict: 'FAIL' });

export default pipelinedRset;
