import type { AnyCase } from '../model/case.ts';
import { DEFAULT_PORT, type PortKind } from '../model/port.ts';
import type { CaseResult, Replay } from '../model/result.ts';
import type { ResolvedTarget, Waiver } from '../model/target.ts';
import { applyWaiver, configurationVerdict, verdictFor, type GradingProfile, type Verdict } from '../model/verdict.ts';
import { PreconditionUnmet } from '../smtp/errors.ts';
import { WireLog } from '../smtp/wire-log.ts';
import { CaseContext, type Timeouts } from './case-context.ts';
import type { ConnectionLimiter, Lease } from './connection-limiter.ts';
import { endpointOf, type EndpointHealth } from './endpoint-health.ts';

/** What the cases of one run share in the worker that runs them. */
export interface RunControls {
  /** This target's connection limit: a case starts once it holds a slot (its clock starts then). */
  limiter?: ConnectionLimiter;
  health?: EndpointHealth;
  /** Epoch ms: no case starts after it, running ones stop at it (`--deadline`). */
  deadlineAt?: number;
}

export const DEADLINE_REACHED = 'run deadline reached';

/**
 * Reports name a service by its registered port (465, 587), whatever number a container or host maps
 * it to, so that rows line up across targets and runs; the mapped numbers are in the target summary.
 */
export function portLabel(testCase: AnyCase, port: PortKind): string {
  return testCase.scope === 'target' ? '465+587' : String(DEFAULT_PORT[port]);
}

export function findWaiver(waivers: readonly Waiver[], testCase: AnyCase, port?: PortKind): Waiver | undefined {
  return waivers.find(
    (w) => (testCase.id.startsWith(w.pattern) || testCase.requirements.includes(w.pattern)) && (w.port === undefined || w.port === port),
  );
}

/**
 * Runs one case on one target and port, on connections of its own, and turns the observation into a
 * verdict. Anything that keeps the harness from concluding is ERROR, never PASS.
 */
export async function runCase(
  testCase: AnyCase,
  target: ResolvedTarget,
  port: PortKind,
  timeouts: Timeouts,
  profile: GradingProfile = 'default',
  controls: RunControls = {},
): Promise<CaseResult> {
  const log = new WireLog().addCredentials(target.user, target.password);
  let lease: Lease | undefined;
  let ctx: CaseContext | undefined;
  let started = Date.now();
  let verdict: Verdict;
  let actual = '';
  let seen: string | undefined;
  let replay: Replay | undefined;
  let error: string | undefined;
  let level = testCase.level;
  let category = testCase.category;
  let violated: readonly string[] | undefined;
  try {
    const offered = testCase.scope === 'target' || target.ports[port] !== undefined;
    if (offered) {
      try {
        lease = await admit(target, port, controls);
      } finally {
        // A case's time runs from its admission; one refused admission never ran.
        started = Date.now();
      }
      ctx = new CaseContext(target, port, timeouts, log, { lease, ...(controls.health ? { health: controls.health } : {}) });
    }
    const left = controls.deadlineAt === undefined ? Infinity : controls.deadlineAt - Date.now();
    const judgement = ctx
      ? testCase.judge(await withDeadline(testCase.run(ctx), Math.min(timeouts.caseMs, left), left < timeouts.caseMs ? DEADLINE_REACHED : undefined))
      : { outcome: 'na' as const, actual: `target has no ${port === 'implicit' ? 'implicit-TLS' : 'STARTTLS'} port configured` };
    if (judgement.outcome === 'violates') {
      // Graded at the keyword of what the deviation broke (a model case's SHOULD rule is a WARN).
      level = judgement.breaks?.level ?? testCase.level;
      category = judgement.breaks?.category ?? testCase.category;
      violated = judgement.breaks?.requirements ?? testCase.requirements;
    }
    verdict = testCase.finding === 'configuration' ? configurationVerdict(judgement.outcome, level, profile) : verdictFor(judgement.outcome, level);
    actual = judgement.actual;
    seen = judgement.seen;
    replay = judgement.replay;
  } catch (err) {
    if (err instanceof PreconditionUnmet) {
      // The precondition is absent (an authenticated session; a connection fit for the credentials): NA, with the reason.
      verdict = 'NA';
      actual = err.message;
      log.event(false, `case not run further: ${err.message}`);
    } else {
      verdict = 'ERROR';
      error = log.mask(err instanceof Error ? err.message : String(err));
      actual = `harness could not conclude: ${error}`;
    }
  } finally {
    ctx?.closeAll();
    lease?.end();
  }
  const waiver = findWaiver(target.waivers, testCase, port);
  if (waiver) verdict = applyWaiver(verdict);
  return {
    caseId: testCase.id,
    title: testCase.title,
    requirements: testCase.requirements,
    ...(violated ? { violated: [...violated] } : {}),
    level,
    category,
    source: testCase.source,
    target: target.name,
    port: portLabel(testCase, port),
    verdict,
    expected: testCase.expected,
    actual: log.mask(actual),
    ...(seen ? { seen: log.mask(seen) } : {}),
    ...(replay ? { replay: { ...replay, ...(replay.counterexample ? { counterexample: log.mask(replay.counterexample) } : {}) } } : {}),
    ...(error ? { error } : {}),
    ...(waiver ? { waiver: waiver.reason } : {}),
    durationMs: Date.now() - started,
    ...(ctx ? { connections: ctx.connectionsMade } : {}),
    // A snapshot: an abandoned run may still log after the result is made.
    transcript: [...log.entries],
  };
}

/**
 * Waits for the case's first connection slot on the target. Ends at once, without the case, when the
 * run's deadline has passed or the endpoint under test stopped answering, and when either happens
 * while it waits.
 */
async function admit(target: ResolvedTarget, port: PortKind, controls: RunControls): Promise<Lease | undefined> {
  const { limiter, health, deadlineAt } = controls;
  const number = target.ports[port];
  const endpoint = number === undefined ? undefined : endpointOf(target.host, number);
  const refusal = () => {
    if (deadlineAt !== undefined && Date.now() >= deadlineAt) return new Error(DEADLINE_REACHED);
    return endpoint === undefined ? undefined : health?.downError(endpoint);
  };
  const refused = refusal();
  if (refused) throw refused;
  if (!limiter) return undefined;
  const abort = new AbortController();
  const timer = deadlineAt === undefined ? undefined : setTimeout(() => abort.abort(new Error(DEADLINE_REACHED)), Math.max(0, deadlineAt - Date.now()));
  const unsubscribe = health?.onDown((down) => {
    if (down === endpoint) abort.abort(health.downError(down));
  });
  let lease: Lease;
  try {
    lease = await limiter.admit(abort.signal);
  } finally {
    clearTimeout(timer);
    unsubscribe?.();
  }
  // A slot freed at the deadline, or as the endpoint went down, must not start one more case.
  const late = refusal();
  if (late) {
    lease.end();
    throw late;
  }
  return lease;
}

function withDeadline<T>(work: Promise<T>, ms: number, reason?: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(reason ?? `case exceeded its ${ms} ms budget`)), Math.max(0, ms));
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
