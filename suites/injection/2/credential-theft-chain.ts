import { defineCase, type CaseDefinition } from '../../../harness/model/case.ts';
import { theftChainInjection } from '../common/generated-payloads.ts';
import { theftChainCore } from '../common/injection-core.ts';
import { EXPECTED, injectionProperty, judgeProperty, SOURCE, type Observation } from '../common/injection-property.ts';

export const credentialTheftChain: CaseDefinition<Observation> = defineCase<Observation>({
  id: 'injection/2/credential-theft-chain',
  title: "EHLO, AUTH, MAIL, RCPT, DATA pipelined after STARTTLS never capture the client's session (generated writes, endings, sizes)",
  requirements: ['INJ-2'],
  level: 'MUST',
  category: 'security',
  source: SOURCE,
  ports: ['starttls'],
  expected: EXPECTED,
  // The flaw is a subtle injection the single probes of injection/1 miss: test/self-validation/injection-variants.test.ts
  // proves each such flaw is found with several seeds, and that injection/1 stays PASS under them.
  proof: { flaw: 'inject-lf', verdict: 'FAIL', greenOn: ['slow-ehlo-auth'] },
  // Core: every ending × every write kind, both sizes (common/injection-core.ts).
  run: (ctx) => injectionProperty(ctx, theftChainInjection, theftChainCore()),
  judge: judgeProperty,
});

export default credentialTheftChain;
