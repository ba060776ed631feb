import type { AnyCase } from '../../harness/model/case.ts';
import { pipelinedNoop } from './1/pipelined-noop.ts';
import { pipelinedRset } from './1/pipelined-rset.ts';
import { pipelinedEhlo } from './1/pipelined-ehlo.ts';
import { generatedPipelines } from './2/generated-pipelines.ts';
import { credentialTheftChain } from './2/credential-theft-chain.ts';
import { junkInsteadOfClientHello } from './3/junk-instead-of-client-hello.ts';
import { plaintextBeforeClientHello } from './4/plaintext-before-client-hello.ts';

/**
 * The STARTTLS injection cases (CVE-2011-0411 and its variants, plaintext where a ClientHello is due), in report order.
 * Each case is one file, `<section>/<name>.ts` for the id `injection/<section>/<name>`, imported and listed here;
 * code several of them share is in common/.
 */
export const INJECTION_CASES: readonly AnyCase[] = [
  pipelinedNoop,
  pipelinedRset,
  pipelinedEhlo,
  generatedPipelines,
  credentialTheftChain,
  junkInsteadOfClientHello,
  plaintextBeforeClientHello,
];
