import { defineCase, NO_CREDENTIALS, type CaseDefinition } from '../../../harness/model/case.ts';
import { checkProperty, closeRun, counterexampleOrigin, interruptedText, replayText, tallyText, type PropertyOutcome } from '../../../harness/run/property-check.ts';
import { describeSmuggling, generatedSmuggling, smugglingCore, smugglingWrites, type SmugglingInput } from '../common/generated-look-alikes.ts';
import { judgeSmuggling, messageHead, openTransaction, probeData, smuggledLines, smugglingSeen, type SmugglingObservation } from '../common/smuggling-probe.ts';
import { END_OF_DATA_SOURCE } from '../common/smuggling-source.ts';

type Observation = { noCredentials: true } | PropertyOutcome<SmugglingObservation>;

/** Random runs after the core (20 runs): the core covers the classic look-alikes, the random runs the rest of the alphabet. */
export const SMUGGLING_RANDOM_RUNS = 4;

/** The pause before each smuggled line sent without PIPELINING: long enough for a loopback server to answer a look-alike it took for the end. */
export const SMUGGLING_PAUSE_MS = 25;

export const generatedLookAlikes: CaseDefinition<Observation> = defineCase<Observation>({
  id: 'smuggling/4.1.1.4/generated-look-alikes',
  title: 'Generated end-of-data look-alikes (CR, LF, NUL, dot and space around a dot, cut into writes, smuggled lines pipelined or not) never end the data',
  requirements: ['SMUG-1'],
  level: 'MUST NOT',
  category: 'security',
  source: END_OF_DATA_SOURCE,
  ports: ['implicit', 'starttls'],
  expected: [
    'in every run (the systematic core, then the generated ones): one reply to the message, or a refusal and a close, or a close; no 250 before the real end of data and no reply to a smuggled command',
    'the seed and run count are reported, so that the runs can be replayed',
  ],
  // The flaw ends the data at <LF>.<LF> but refuses what is pipelined behind it: only the core's runs
  // that send the smuggled lines after a pause find it (end-of-data-look-alikes pipelines, and passes).
  proof: { flaw: 'smuggle-unpipelined', verdict: 'FAIL', greenOn: ['bare-newline-rejected', 'bare-newline-closes', 'bare-newline-spaces'] },
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true };
    const window = Math.min(SMUGGLING_PAUSE_MS, ctx.timeouts.quietMs);
    return checkProperty<SmugglingInput, SmugglingObservation>(ctx, {
      arbitrary: generatedSmuggling,
      core: smugglingCore(),
      defaultRuns: SMUGGLING_RANDOM_RUNS,
      async probe(input, log) {
        const { session } = await ctx.openAuthenticated(ctx.port, { log });
        try {
          await openTransaction(ctx, session);
          return await probeData(session, smugglingWrites(input, messageHead(ctx, 'msaspec smuggling probe'), smuggledLines(ctx)), window, ctx.timeouts.replyMs);
        } finally {
          await closeRun(session);
        }
      },
      violates: (o) => judgeSmuggling(o).outcome === 'violates',
      label: smugglingSeen,
      describe: (input) => describeSmuggling(input),
    });
  },
  judge(o) {
    if ('noCredentials' in o) return NO_CREDENTIALS;
    const replay = replayText(o.replay);
    if (o.failure) {
      const run = judgeSmuggling(o.failure.observation);
      return {
        outcome: 'violates',
        actual: `${run.actual}. ${counterexampleOrigin(o.replay, o.failure)}: ${o.failure.counterexample}. ${replay}`,
        seen: run.seen ?? 'smuggled',
        replay: o.replay,
        ...(run.breaks ? { breaks: run.breaks } : {}),
      };
    }
    return {
      outcome: 'conforms',
      actual: `${o.replay.executed} runs, no look-alike ended the data${interruptedText(o)}: ${tallyText(o.tally)}. ${replay}`,
      seen: tallyText(o.tally),
      replay: o.replay,
    };
  },
});

export default generatedLookAlikes;
