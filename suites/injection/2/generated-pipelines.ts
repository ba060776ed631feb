import { defineCase, type CaseDefinition } from '../../../harness/model/case.ts';
import { generatedInjection } from '../common/generated-payloads.ts';
import { pipelineCore } from '../common/injection-core.ts';
import { EXPECTED, injectionProperty, judgeProperty, SOURCE, type Observation } from '../common/injection-property.ts';

export const generatedPipelines: CaseDefinition<Observation> = defineCase<Observation>({
  id: 'injection/2/generated-pipelines',
  title: 'Generated pipelines after STARTTLS (any commands, bare LF, over 4 KiB, split or late writes) are never executed inside TLS',
  requirements: ['INJ-2'],
  level: 'MUST',
  category: 'security',
  source: SOURCE,
  ports: ['starttls'],
  expected: EXPECTED,
  // The flaw is a subtle injection the single probes of injection/1 miss: test/self-validation/injection-variants.test.ts
  // proves each such flaw is found with several seeds, and that injection/1 stays PASS under them.
  proof: { flaw: 'inject-late', verdict: 'FAIL' },
  // Core: every verb first × every write kind, every ending, and over 4 KiB (common/injection-core.ts).
  run: (ctx) => injectionProperty(ctx, generatedInjection, pipelineCore()),
  judge: judgeProperty,
});

export default generatedPipelines;
