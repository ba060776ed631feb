import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import type { Replay } from '../model/result.ts';
import { HarnessError, PreconditionUnmet } from '../smtp/errors.ts';
import type { SmtpSession } from '../smtp/smtp-session.ts';
import { WireLog } from '../smtp/wire-log.ts';
import type { CaseContext } from './case-context.ts';

/**
 * A property-based case: a systematic core of inputs, then inputs fast-check generates; each run
 * probes the server on fresh connections, and a run whose observation violates the requirement is
 * shrunk to a small counterexample. The core runs first and in full on every seed, so the simple
 * variants of the class (each command first, each line ending, each way of cutting the writes) never
 * depend on the seed; the random runs then look further. The seed and the random run count fix every
 * input, so `--seed S --runs N` replays a finding exactly (`--runs` counts the random runs only: the
 * core always runs in full before them).
 */
export interface PropertySpec<T, O> {
  arbitrary: fc.Arbitrary<T>;
  /**
   * The systematic core: inputs chosen to cover the class's simple variants, run first, in this order,
   * for every seed and whatever `--runs` says (fast-check's examples). Each case documents what its
   * core covers, and test/harness/property-core.test.ts measures that coverage. Core inputs are small
   * by design and are reported as they failed: fast-check shrinks only the values it generated itself.
   */
  core: readonly T[];
  /** Random runs after the core, unless `--runs` says otherwise: sized so that a case takes a few seconds. */
  defaultRuns: number;
  /** Shrinking runs allowed after the first failure (each is a connection); bounds the case's time. */
  shrinkBudget?: number;
  /** One run on connections of its own; everything it sends and receives goes to `log`. */
  probe(input: T, log: WireLog): Promise<O>;
  violates(observation: O): boolean;
  /** A short label of what a run saw ("discarded", "handshake aborted"), tallied for the report. */
  label(observation: O): string;
  /** The input (with what the failing run saw), printable; the case context masks credentials. */
  describe(input: T, observation?: O): string;
}

export interface PropertyFailure<O> {
  observation: O;
  counterexample: string;
  /** 1-based index of the first failing run, before shrinking. */
  firstRun: number;
  shrinks: number;
}

export interface PropertyOutcome<O> {
  /** Seed, random runs and core runs: `replay.core + replay.runs` runs were planned. */
  replay: Replay;
  /** Label → runs, over the runs before shrinking. */
  tally: Record<string, number>;
  /** What each run before shrinking saw, in run order (runs that could not conclude left out). */
  observations?: O[];
  failure?: PropertyFailure<O>;
  /** Runs stopped by the case budget before all were made (only then). */
  interrupted?: boolean;
}

/** The share of the case budget the runs may use; the rest is for connection set-up and the verdict. */
const BUDGET_SHARE = 0.8;
const LOG_SUMMARY_MAX = 240;

export function propertySeed(ctx: CaseContext): number {
  return ctx.timeouts.seed ?? randomInt(2 ** 31 - 1);
}

/** One run's result: what it observed or why it could not conclude, and its own transcript. */
type RunResult<O> = { log: WireLog; observation: O } | { log: WireLog; error: unknown };

/**
 * Runs the property. A harness error in any run (timeout, malformed reply) makes the whole case
 * ERROR unless another run found a violation: a run that could not conclude proves nothing, and a
 * FAIL wins over an ERROR. The transcript gets one line per run, the full exchange of the first run,
 * and that of the shrunk counterexample.
 *
 * fast-check would make the runs one after another; here they go on side by side, as many as the
 * target's connection limit has room for (`runAhead`), and fast-check then walks their results in its
 * own order: the same inputs (the values it generated itself, for this seed), the same first failing
 * run, and a shrink that starts from the very value that failed. So the seed, path and counterexample
 * are those of a run made one input at a time.
 */
export async function checkProperty<T, O>(ctx: CaseContext, spec: PropertySpec<T, O>): Promise<PropertyOutcome<O>> {
  const seed = propertySeed(ctx);
  const runs = ctx.timeouts.runs ?? spec.defaultRuns;
  const core = spec.core.length;
  const shrinkBudget = spec.shrinkBudget ?? 30;
  const deadline = Date.now() + Math.max(1000, Math.floor(ctx.timeouts.caseMs * BUDGET_SHARE));
  // The core goes to fast-check as its examples: they come first, and count in its numRuns.
  const examples = spec.core.map((e) => [e] as [T]);
  const numRuns = core + runs;
  const tally: Record<string, number> = {};
  const observations: O[] = [];
  let executed = 0;
  let shrinking = false;
  let shrinkRuns = 0;
  let inconclusive: { run: number; message: string } | undefined;
  /** A run whose precondition was absent (the credentials over a certificate that did not verify…). */
  let withheld: PreconditionUnmet | undefined;
  let sample: WireLog | undefined;
  let failure: { input: T; observation: O; log: WireLog; run: number } | undefined;
  let firstRun = 0;
  let defect: string | undefined;

  const probe = async (input: T): Promise<RunResult<O>> => {
    const log = new WireLog().addCredentials(ctx.target.user, ctx.target.password);
    try {
      return { log, observation: await spec.probe(input, log) };
    } catch (err) {
      log.event(false, `run could not conclude: ${err instanceof Error ? err.message : String(err)}`);
      return { log, error: err };
    }
  };

  const planned = core ? `${core} core runs, then ${runs} random runs` : `${runs} runs`;
  ctx.log.event(false, `property: seed ${seed}, ${planned} (fast-check; replay with --seed ${seed} --runs ${runs})`);
  const generated = await generatedValues(spec.arbitrary, seed, numRuns, examples);
  const inputs = [...examples, ...generated.map((v) => v.value_)].map(([input]) => input);
  const ahead = await runAhead(ctx, inputs, probe, (o) => spec.violates(o), deadline);

  const property = fc.asyncProperty(spec.arbitrary, async (input) => {
    if (shrinking && shrinkRuns >= shrinkBudget) return true;
    if (shrinking) shrinkRuns++;
    else executed++;
    const run = shrinking ? firstRun : executed;
    const made = shrinking ? undefined : ahead[executed - 1];
    if (made && inputs[executed - 1] !== input) {
      defect ??= `harness defect: run ${run} was made with another input than fast-check's (seed ${seed})`;
      return true;
    }
    const result = made ?? (await probe(input));
    const { log } = result;
    if ('error' in result && result.error instanceof PreconditionUnmet) {
      withheld ??= result.error;
      return true;
    }
    if ('error' in result) {
      const message = result.error instanceof Error ? result.error.message : String(result.error);
      if (!shrinking) ctx.log.event(false, summary(`run ${run}: ${spec.describe(input)} → could not conclude: ${message}`));
      inconclusive ??= { run, message: result.error instanceof HarnessError ? message : `harness defect: ${message}` };
      return true;
    }
    const { observation } = result;
    sample ??= log;
    const violated = spec.violates(observation);
    if (!shrinking) {
      const label = spec.label(observation);
      tally[label] = (tally[label] ?? 0) + 1;
      observations.push(observation);
      ctx.log.event(false, summary(`run ${run}: ${spec.describe(input)} → ${label}${violated ? ' (VIOLATION)' : ''}`));
    }
    if (!violated) return true;
    if (!shrinking) {
      firstRun = run;
      shrinking = true;
    }
    failure = { input, observation, log, run };
    return false;
  });

  // The values generated before and the results made ahead stand in for fast-check's own: a run made
  // ahead is not made again (nor cut by the time limit, which applies to the runs made now).
  const replayAhead: fc.Plugin<[T]> = () => ({
    decorateGenerate: (generate) => (mrng, runId) => (runId !== undefined ? generated[runId] : undefined) ?? generate(mrng, runId),
    decorateRun: (run) => (v) => (!shrinking && ahead[executed] !== undefined ? property.run(v) : run(v)),
  });
  const details = await fc.check(property, {
    seed,
    numRuns,
    ...(examples.length ? { examples } : {}),
    interruptAfterTimeLimit: Math.max(1, deadline - Date.now()),
    markInterruptAsFailure: false,
    plugins: [replayAhead],
  });

  if (defect) throw new Error(defect);
  if (sample) append(ctx.log, 'transcript of the first run', sample);
  const replay: Replay = { seed, runs, ...(core ? { core } : {}), executed };
  if (details.failed && failure) {
    const counterexample = spec.describe(failure.input, failure.observation);
    append(ctx.log, 'transcript of the shrunk counterexample', failure.log);
    return {
      replay: { ...replay, path: details.counterexamplePath ?? '', counterexample },
      tally,
      observations,
      failure: { observation: failure.observation, counterexample, firstRun, shrinks: details.numShrinks },
      ...(details.interrupted ? { interrupted: true } : {}),
    };
  }
  // Runs whose precondition was absent (the credentials would have been exposed): the case is NA (run-case.ts), unless a violation was found.
  if (withheld) throw withheld;
  if (inconclusive) {
    throw new HarnessError(`run ${inconclusive.run} of ${numRuns} (seed ${seed}) could not conclude: ${inconclusive.message}`, 'timeout');
  }
  if (details.failed) throw new HarnessError(`fast-check stopped without a counterexample (seed ${seed})`, 'malformed');
  if (executed === 0) throw new HarnessError(`no generated run fitted in the case budget (seed ${seed})`, 'timeout');
  return { replay, tally, observations, ...(details.interrupted ? { interrupted: true } : {}) };
}

/**
 * The values fast-check generates for this seed, run count and examples (the core), in its order (the
 * examples come first and are not generated): found by letting fast-check generate them without running
 * anything. They are the very values the runs are made with and fast-check later shrinks, so that
 * what shrinking reads from a run (which commands of fc.commands ran) is what that run did.
 */
async function generatedValues<T>(arbitrary: fc.Arbitrary<T>, seed: number, runs: number, examples: [T][]): Promise<fc.Value<[T]>[]> {
  const generated: fc.Value<[T]>[] = [];
  const record: fc.Plugin<[T]> = () => ({
    decorateGenerate: (generate) => (mrng, runId) => {
      const value = generate(mrng, runId);
      if (runId !== undefined) generated[runId] = value;
      return value;
    },
    decorateRun: () => async () => null,
  });
  await fc.check(
    fc.asyncProperty(arbitrary, async (_input: T) => true),
    { seed, numRuns: runs, ...(examples.length ? { examples } : {}), plugins: [record] },
  );
  return generated;
}

/**
 * Makes the runs side by side: the first on the case's own slot, one after another, and more on spare
 * slots of the target's connection limit while other cases do not need them. Runs are started in
 * order, none after the first violation (a run made one at a time would have stopped there) nor after
 * the deadline; the result is there for every run before the first violation, unless the deadline
 * came first.
 */
async function runAhead<T, O>(
  ctx: CaseContext,
  inputs: readonly T[],
  probe: (input: T) => Promise<RunResult<O>>,
  violates: (observation: O) => boolean,
  deadline: number,
): Promise<(RunResult<O> | undefined)[]> {
  const results: (RunResult<O> | undefined)[] = new Array(inputs.length);
  let end = inputs.length;
  let next = 0;
  let finished = false;
  const done = new AbortController();
  let finish = () => undefined as void;
  const settled = new Promise<void>((resolve) => {
    finish = () => {
      if (finished) return;
      finished = true;
      done.abort();
      resolve();
    };
  });
  const timer = setTimeout(finish, Math.max(0, deadline - Date.now()));
  const take = (): number | undefined => (!finished && next < end && Date.now() < deadline ? next++ : undefined);
  const make = async (i: number): Promise<void> => {
    const result = await probe(inputs[i]!);
    if (finished) return;
    results[i] = result;
    let violated = false;
    if ('observation' in result) {
      try {
        violated = violates(result.observation);
      } catch {
        // fast-check meets the same exception when it walks the results, and stops there as well.
        violated = true;
      }
    }
    if (violated) end = Math.min(end, i + 1);
    for (let j = 0; j < end; j++) if (results[j] === undefined) return;
    finish();
  };
  if (inputs.length === 0) finish();
  // The case's own slot.
  // A defect here must not go unhandled: what is missing is then made by fast-check itself.
  (async () => {
    for (let i = take(); i !== undefined; i = take()) await make(i);
  })().catch(finish);
  // Spare slots, one run each: a slot goes back between runs, so other cases are never kept waiting.
  const spares = ctx.parallelRuns - 1;
  (async () => {
    let going = 0;
    let slotFree = () => undefined as void;
    while (spares > 0 && !finished && next < end) {
      if (going >= spares) {
        await new Promise<void>((resolve) => (slotFree = resolve));
        continue;
      }
      let release: () => void;
      try {
        release = await ctx.spareRun(done.signal);
      } catch {
        return;
      }
      const i = take();
      if (i === undefined) {
        release();
        return;
      }
      going += 1;
      make(i)
        .catch(finish)
        .finally(() => {
          going -= 1;
          release();
          slotFree();
        });
    }
  })().catch(finish);
  await settled;
  clearTimeout(timer);
  return results.slice();
}

/**
 * Closes a run's connection and waits until it is gone, so that the next run on the same slot never
 * overlaps it (each run holds one connection of the target's limit, not two).
 */
export async function closeRun(session: SmtpSession): Promise<void> {
  session.close();
  await new Promise<void>((resolve) => session.onClosed(resolve));
}

function summary(text: string): string {
  return text.length > LOG_SUMMARY_MAX ? `${text.slice(0, LOG_SUMMARY_MAX)}…` : text;
}

function append(into: WireLog, title: string, from: WireLog): void {
  into.event(false, `— ${title} —`);
  for (const entry of from.entries) into.add(entry.dir, entry.tls, entry.text);
}

/** "18 discarded, 12 handshake aborted": what the runs saw, most frequent first. */
export function tallyText(tally: Record<string, number>): string {
  return Object.entries(tally)
    .sort((a, b) => b[1] - a[1])
    .map(([label, n]) => `${n} ${label}`)
    .join(', ');
}

/**
 * How a judgement introduces its counterexample: the run that failed first, a core run (reported as
 * it ran unless fast-check could shrink it) or a generated one (shrunk).
 */
export function counterexampleOrigin(replay: Replay, failure: PropertyFailure<unknown>): string {
  const core = replay.core ?? 0;
  if (failure.firstRun > core) return `Shrunk counterexample (first failing run ${failure.firstRun}, ${failure.shrinks} shrinks)`;
  return `Counterexample (core run ${failure.firstRun} of ${core}, ${failure.shrinks ? `${failure.shrinks} shrinks` : 'as it ran'})`;
}

/** Runs planned: the core, then the random ones. */
export function plannedRuns(replay: Replay): number {
  return (replay.core ?? 0) + replay.runs;
}

/** Said of a PASS whose runs the case budget cut short: fewer inputs were tried than asked for. */
export function interruptedText(outcome: PropertyOutcome<unknown>): string {
  const { replay } = outcome;
  const core = replay.core && (replay.executed ?? 0) < replay.core ? `, ${replay.executed ?? 0} of ${replay.core} core runs among them` : '';
  return outcome.interrupted ? ` (stopped after ${replay.executed} of ${plannedRuns(replay)} runs by the case budget${core}; raise --case-timeout)` : '';
}

/** The replay sentence every property-based judgement carries. */
export function replayText(replay: Replay): string {
  const path = replay.path ? `, path ${replay.path}` : '';
  const planned = replay.core ? `${plannedRuns(replay)} runs (${replay.core} core, ${replay.runs} random)` : `${replay.runs} runs`;
  return `seed ${replay.seed}, ${replay.executed ?? plannedRuns(replay)} of ${planned}${path}; replay: --seed ${replay.seed} --runs ${replay.runs}`;
}
