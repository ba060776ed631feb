import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import type { Replay } from '../model/result.ts';
import { HarnessError } from '../smtp/errors.ts';
import type { SmtpSession } from '../smtp/smtp-session.ts';
import { WireLog } from '../smtp/wire-log.ts';
import type { CaseContext } from './case-context.ts';

/**
 * A property-based case: fast-check generates inputs, each run probes the server on fresh
 * connections, and a run whose observation violates the requirement is shrunk to a small
 * counterexample. The seed and the run count fix every input, so `--seed S --runs N` replays a
 * finding exactly.
 */
export interface PropertySpec<T, O> {
  arbitrary: fc.Arbitrary<T>;
  /** Runs made unless `--runs` says otherwise: sized so that a case takes a few seconds. */
  defaultRuns: number;
  /** Shrinking runs allowed after the first failure (each is a connection); bounds the case's time. */
  shrinkBudget?: number;
  /** Inputs tried before the generated ones (the classic probe of the class). */
  examples?: T[];
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
  replay: Replay;
  /** Label → runs, over the runs before shrinking. */
  tally: Record<string, number>;
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

/**
 * Runs the property. A harness error in any run (timeout, malformed reply) makes the whole case
 * ERROR unless another run found a violation: a run that could not conclude proves nothing, and a
 * FAIL wins over an ERROR. The transcript gets one line per run, the full exchange of the first run,
 * and that of the shrunk counterexample.
 */
export async function checkProperty<T, O>(ctx: CaseContext, spec: PropertySpec<T, O>): Promise<PropertyOutcome<O>> {
  const seed = propertySeed(ctx);
  const runs = ctx.timeouts.runs ?? spec.defaultRuns;
  const shrinkBudget = spec.shrinkBudget ?? 30;
  const tally: Record<string, number> = {};
  let executed = 0;
  let shrinking = false;
  let shrinkRuns = 0;
  let inconclusive: { run: number; message: string } | undefined;
  let sample: WireLog | undefined;
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
      log.event(false, `run could not conclude: ${message}`);
      if (!shrinking) ctx.log.event(false, summary(`run ${run}: ${spec.describe(input)} → could not conclude: ${message}`));
      inconclusive ??= { run, message: err instanceof HarnessError ? message : `harness defect: ${message}` };
      return true;
    }
    sample ??= log;
    const violated = spec.violates(observation);
    if (!shrinking) {
      const label = spec.label(observation);
      tally[label] = (tally[label] ?? 0) + 1;
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

  ctx.log.event(false, `property: seed ${seed}, ${runs} runs (fast-check; replay with --seed ${seed} --runs ${runs})`);
  const details = await fc.check(property, {
    seed,
    numRuns: runs,
    ...(spec.examples?.length ? { examples: spec.examples.map((e) => [e] as [T]) } : {}),
    interruptAfterTimeLimit: Math.max(1000, Math.floor(ctx.timeouts.caseMs * BUDGET_SHARE)),
    markInterruptAsFailure: false,
  });

  if (sample) append(ctx.log, 'transcript of the first run', sample);
  const replay: Replay = { seed, runs, executed };
  if (details.failed && failure) {
    const counterexample = spec.describe(failure.input, failure.observation);
    append(ctx.log, 'transcript of the shrunk counterexample', failure.log);
    return {
      replay: { ...replay, path: details.counterexamplePath ?? '', counterexample },
      tally,
      failure: { observation: failure.observation, counterexample, firstRun, shrinks: details.numShrinks },
      ...(details.interrupted ? { interrupted: true } : {}),
    };
  }
  if (inconclusive) {
    throw new HarnessError(`run ${inconclusive.run} of ${runs} (seed ${seed}) could not conclude: ${inconclusive.message}`, 'timeout');
  }
  if (details.failed) throw new HarnessError(`fast-check stopped without a counterexample (seed ${seed})`, 'malformed');
  if (executed === 0) throw new HarnessError(`no generated run fitted in the case budget (seed ${seed})`, 'timeout');
  return { replay, tally, ...(details.interrupted ? { interrupted: true } : {}) };
}

/**
 * Closes a run's connection and waits until it is gone, so that the next run's connection never
 * overlaps it (a property case holds one connection of the target's limit, not two).
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

/** Said of a PASS whose runs the case budget cut short: fewer inputs were tried than asked for. */
export function interruptedText(outcome: PropertyOutcome<unknown>): string {
  return outcome.interrupted ? ` (stopped after ${outcome.replay.executed} of ${outcome.replay.runs} runs by the case budget; raise --case-timeout)` : '';
}

/** The replay sentence every property-based judgement carries. */
export function replayText(replay: Replay): string {
  const path = replay.path ? `, path ${replay.path}` : '';
  return `seed ${replay.seed}, ${replay.executed ?? replay.runs} of ${replay.runs} runs${path}; replay: --seed ${replay.seed} --runs ${replay.runs}`;
}
