import type fc from 'fast-check';
import type { Judgement } from '../../../harness/model/case.ts';
import { realPasswordInClear } from '../../../harness/model/target.ts';
import type { CaseContext } from '../../../harness/run/case-context.ts';
import { checkProperty, closeRun, counterexampleOrigin, interruptedText, replayText, tallyText, type PropertyOutcome } from '../../../harness/run/property-check.ts';
import { attackerAuth, describeInjection, injectionWrites, type InjectionInput } from './generated-payloads.ts';
import { dataOpened, judgeInjection, probeInjection, starttlsControl, type InjectionObservation } from './injection-probe.ts';

/**
 * What the property-based cases of INJ-2 share (injection/2/generated-pipelines, credential-theft-chain):
 * the sentence they enforce, one property run per generated input, and the oracle over all runs.
 */

/**
 * The early quiet window of one generated run: short, because a run is repeated. A reply to an
 * injected line that comes later is still seen: it takes the place of the reply to NOOP, whose own
 * reply then comes before the 221 to QUIT, and the probe waits for that 221 (within the reply timeout).
 */
export const PROPERTY_WINDOWS = { earlyMs: 50 };

export type Observation = PropertyOutcome<InjectionObservation>;

export const SOURCE = {
  rfc: 'RFC 3207',
  section: '6',
  text:
    '“Before the TLS handshake has begun, any protocol interactions are performed in the clear and may be modified by an active attacker. For this reason, clients and servers MUST discard any knowledge obtained prior to the start of the TLS handshake upon completion of the TLS handshake.” ' +
    'Plaintext pipelined after STARTTLS is such knowledge, however it is cut, terminated or sized: executed inside TLS, it is CVE-2011-0411 or one of its variants.',
};

export const EXPECTED = [
  'in every run (the systematic core, then the generated ones): STARTTLS refused, the connection closed or the handshake aborted, or 220, handshake, silence and exactly one reply to the next command',
  'the seed and run count are reported, so that the runs can be replayed',
];

function windows(ctx: CaseContext) {
  return { earlyMs: Math.min(PROPERTY_WINDOWS.earlyMs, ctx.timeouts.quietMs), quitMs: ctx.timeouts.replyMs };
}

/**
 * Random runs after the core (injection-core.ts), unless `--runs` says otherwise: 48 runs in all for
 * generated-pipelines, 25 for the theft chain. The core varies what a simple flaw hangs on (each verb
 * first, each ending, each write); the random runs reach further, within the bench's 5 s budget.
 */
export const INJECTION_RANDOM_RUNS = 10;

/** One property run per input, core first, each on a fresh connection. */
export async function injectionProperty(ctx: CaseContext, arbitrary: fc.Arbitrary<InjectionInput>, core: readonly InjectionInput[]): Promise<Observation> {
  const auth = attackerAuth(ctx.credentials, !realPasswordInClear(ctx.target));
  const outcome = await checkProperty<InjectionInput, InjectionObservation>(ctx, {
    arbitrary,
    core,
    defaultRuns: INJECTION_RANDOM_RUNS,
    async probe(input, log) {
      const { session } = await ctx.openWithEhlo('starttls', { log });
      try {
        return await probeInjection(session, injectionWrites(input, auth), windows(ctx));
      } finally {
        await closeRun(session);
      }
    },
    violates: (o) => judgeInjection(o).outcome === 'violates',
    label: (o) => judgeInjection(o).seen ?? o.stage,
    describe: (input) => describeInjection(input, auth),
  });
  // Every run refused, closed or aborted: safe only if STARTTLS works without the injected bytes.
  if (!outcome.failure && !outcome.tally.discarded) await starttlsControl(ctx, tallyText(outcome.tally));
  return outcome;
}

export function judgeProperty(o: Observation): Judgement {
  const replay = replayText(o.replay);
  if (o.failure) {
    const run = judgeInjection(o.failure.observation);
    const what = run.actual.replace(/(\\x0d)?\n/g, ' / ').replace(/ \/ $/, '');
    const theft = dataOpened(o.failure.observation) ? "; a 354 came back inside TLS: the victim's next commands become the text of the attacker's message" : '';
    return {
      outcome: 'violates',
      actual: `${what}${theft}. ${counterexampleOrigin(o.replay, o.failure)}: ${o.failure.counterexample}. ${replay}`,
      seen: `${run.seen}${theft ? ', credential theft' : ''}`,
      replay: o.replay,
    };
  }
  return {
    outcome: 'conforms',
    actual: `${o.replay.executed} runs, no injected byte executed inside TLS${interruptedText(o)}: ${tallyText(o.tally)}. ${replay}`,
    seen: tallyText(o.tally),
    replay: o.replay,
  };
}
