import fc from 'fast-check';
import type { Replay } from '../../harness/model/result.ts';
import type { CaseContext } from '../../harness/run/case-context.ts';
import { propertySeed, type PropertyOutcome, type PropertySpec } from '../../harness/run/property-check.ts';
import { HarnessError } from '../../harness/smtp/errors.ts';
import { WireLog } from '../../harness/smtp/wire-log.ts';

/**
 * The reference: checkProperty as it was before its runs went side by side, one fc.check that makes
 * every run when fast-check asks for it (copied from harness/run/property-check.ts at eea0833, with
 * the per-run transcript lines it writes; since then the systematic core goes to fast-check as its
 * examples, always in full before the random runs). The tests hold the side-by-side runner to its results.
 */
export async function sequentialCheckProperty<T, O>(ctx: CaseContext, spec: PropertySpec<T, O>): Promise<PropertyOutcome<O>> {
  const seed = propertySeed(ctx);
  const runs = ctx.timeouts.runs ?? spec.defaultRuns;
  const numRuns = spec.core.length + runs;
  const shrinkBudget = spec.shrinkBudget ?? 30;
  const tally: Record<string, number> = {};
  const observations: O[] = [];
  let executed = 0;
  let shrinking = false;
  let shrinkRuns = 0;
  let inconclusive: { run: number; message: string } | undefined;
  let failure: { input: T; observation: O; log: WireLog; run: number } | undefined;
  let firstRun = 0;

  const property = fc.asyncProperty(spec.arbitrary, async (input) => {
    if (shrinking && shrinkRuns >= shrinkBudget) return true;
    if (shrinking) shrinkRuns++;
    else executed++;
    const run = shrinking ? firstRun : executed;
    const log = new WireLog().addCredentials(ctx.target.user, ctx.target.password);
    let observation: O;
    try {
      observation = await spec.probe(input, log);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!shrinking) ctx.log.event(false, `run ${run}: ${spec.describe(input)} → could not conclude: ${message}`);
      inconclusive ??= { run, message: err instanceof HarnessError ? message : `harness defect: ${message}` };
      return true;
    }
    const violated = spec.violates(observation);
    if (!shrinking) {
      const label = spec.label(observation);
      tally[label] = (tally[label] ?? 0) + 1;
      observations.push(observation);
      ctx.log.event(false, `run ${run}: ${spec.describe(input)} → ${label}${violated ? ' (VIOLATION)' : ''}`);
    }
    if (!violated) return true;
    if (!shrinking) {
      firstRun = run;
      shrinking = true;
    }
    failure = { input, observation, log, run };
    return false;
  });

  const details = await fc.check(property, {
    seed,
    numRuns,
    ...(spec.core.length ? { examples: spec.core.map((e) => [e] as [T]) } : {}),
    interruptAfterTimeLimit: Math.max(1000, Math.floor(ctx.timeouts.caseMs * 0.8)),
    markInterruptAsFailure: false,
  });

  const replay: Replay = { seed, runs, ...(spec.core.length ? { core: spec.core.length } : {}), executed };
  if (details.failed && failure) {
    const counterexample = spec.describe(failure.input, failure.observation);
    return {
      replay: { ...replay, path: details.counterexamplePath ?? '', counterexample },
      tally,
      observations,
      failure: { observation: failure.observation, counterexample, firstRun, shrinks: details.numShrinks },
    };
  }
  if (inconclusive) throw new HarnessError(`run ${inconclusive.run} of ${numRuns} (seed ${seed}) could not conclude: ${inconclusive.message}`, 'timeout');
  return { replay, tally, observations };
}
