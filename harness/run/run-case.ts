import type { AnyCase } from '../model/case.ts';
import { DEFAULT_PORT, type PortKind } from '../model/port.ts';
import type { CaseResult } from '../model/result.ts';
import type { ResolvedTarget, Waiver } from '../model/target.ts';
import { applyWaiver, verdictFor, type Verdict } from '../model/verdict.ts';
import { WireLog } from '../smtp/wire-log.ts';
import { CaseContext, type Timeouts } from './case-context.ts';

/**
 * Reports name a service by its registered port (465, 587), whatever number a container or host maps
 * it to, so that rows line up across targets and runs; the mapped numbers are in the target summary.
 */
export function portLabel(testCase: AnyCase, port: PortKind): string {
  return testCase.scope === 'target' ? '465+587' : String(DEFAULT_PORT[port]);
}

export function findWaiver(waivers: readonly Waiver[], testCase: AnyCase): Waiver | undefined {
  return waivers.find((w) => testCase.id.startsWith(w.pattern) || testCase.requirements.includes(w.pattern));
}

/**
 * Runs one case on one target and port, on connections of its own, and turns the observation into a
 * verdict. Anything that keeps the harness from concluding is ERROR, never PASS.
 */
export async function runCase(testCase: AnyCase, target: ResolvedTarget, port: PortKind, timeouts: Timeouts): Promise<CaseResult> {
  const log = new WireLog().addCredentials(target.user, target.password);
  const ctx = new CaseContext(target, port, timeouts, log);
  const started = Date.now();
  let verdict: Verdict;
  let actual = '';
  let seen: string | undefined;
  let error: string | undefined;
  try {
    const offered = testCase.scope === 'target' || target.ports[port] !== undefined;
    const judgement = offered
      ? testCase.judge(await withDeadline(testCase.run(ctx), timeouts.caseMs))
      : { outcome: 'na' as const, actual: `target has no ${port === 'implicit' ? 'implicit-TLS' : 'STARTTLS'} port configured` };
    verdict = verdictFor(judgement.outcome, testCase.level);
    actual = judgement.actual;
    seen = judgement.seen;
  } catch (err) {
    verdict = 'ERROR';
    error = log.mask(err instanceof Error ? err.message : String(err));
    actual = `harness could not conclude: ${error}`;
  } finally {
    ctx.closeAll();
  }
  const waiver = findWaiver(target.waivers, testCase);
  if (waiver) verdict = applyWaiver(verdict);
  return {
    caseId: testCase.id,
    title: testCase.title,
    requirements: testCase.requirements,
    level: testCase.level,
    category: testCase.category,
    source: testCase.source,
    target: target.name,
    port: portLabel(testCase, port),
    verdict,
    expected: testCase.expected,
    actual: log.mask(actual),
    ...(seen ? { seen: log.mask(seen) } : {}),
    ...(error ? { error } : {}),
    ...(waiver ? { waiver: waiver.reason } : {}),
    durationMs: Date.now() - started,
    // A snapshot: an abandoned run may still log after the result is made.
    transcript: [...log.entries],
  };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`case exceeded its ${ms} ms budget`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
