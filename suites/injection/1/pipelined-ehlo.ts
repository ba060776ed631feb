import { pipelinedStarttls } from '../common/pipelined-starttls.ts';

export const pipelinedEhlo = pipelinedStarttls('ehlo', 'EHLO injected.msaspec.test', {
  flaw: 'inject',
  verdict: 'FAIL',
  // EHLO answered after 1 s: slow is not silent (test/self-validation/injection-variants.test.ts: with inject, still found).
  greenOn: ['slow-ehlo-auth'],
});

export default pipelinedEhlo;
