import { randomBytes, randomInt } from 'node:crypto';
import { BUILTIN_TARGETS, expandTargetName } from '../../targets/registry.ts';
import type { EnvelopeSettings } from '../../harness/model/envelope.ts';
import type { PortKind } from '../../harness/model/port.ts';
import type { Waiver } from '../../harness/model/target.ts';
import type { GradingProfile } from '../../harness/model/verdict.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { DEFAULT_CONNECTIONS_PER_TARGET } from '../../harness/run/connection-limiter.ts';
import { selectCases } from '../../suites/index.ts';
import type { PlannedSpec, TargetRequest } from '../provision/target-request.ts';
import { plannedRows } from './planned-rows.ts';
import { plannedName, type Shard } from './shard.ts';

/** What the user asked for, parsed and checked (app/cli/run-command.ts); an absent member takes its default. */
export interface RunRequest {
  targets: TargetRequest[];
  only?: string[];
  /** Case id prefixes or requirement IDs left out, after `only`. */
  exclude?: string[];
  /** Only this part of the case × target × port rows (`--shard i/n`). */
  shard?: Shard;
  strict?: boolean;
  profile?: GradingProfile;
  caseTimeoutMs?: number;
  replyTimeoutMs?: number;
  seed?: number;
  runs?: number;
  connections?: number;
  /** `--deadline`: budget of the whole run from now. */
  deadlineMs?: number;
  envelope?: EnvelopeSettings;
  cleartextTestCredentials?: boolean;
  /** `--waivers FILE`: known deviations waived on every target, after each built-in target's own. */
  waivers?: Waiver[];
  /** Default: a random one. The project's tests and the bench name their own runs. */
  runId?: string;
}

/** One row of the run (a case on one port of one target), by case id, so that the plan is plain data. */
export interface PlanRow {
  caseId: string;
  port: PortKind;
  /** "465", "587", or "465+587" for a case about the target as a whole. */
  label: string;
}

/** A target of the plan with this shard's rows, in catalogue order. */
export type PlannedTarget = PlannedSpec & { rows: PlanRow[] };

/**
 * Everything a run does, worked out once, before anything starts: the CLI, `--dry-run`, globalSetup,
 * the rows in the vitest worker (app/runner/case-rows.ts) and the report read it and recompute
 * nothing. Plain data: it crosses into vitest as it is (app/cli/run-suite.ts says how).
 */
export interface RunPlan {
  runId: string;
  /** In the order asked. */
  targets: PlannedTarget[];
  /** The selected cases (`--only`, then `--exclude`), in catalogue order. */
  caseIds: string[];
  /**
   * A target of the run lives in a Docker container: the run then starts a sink those targets reach,
   * and removes its containers by label when it ends.
   */
  needsContainers: boolean;
  only: string[];
  exclude: string[];
  shard?: Shard;
  strict: boolean;
  /** Grading of configuration findings (`--profile`). */
  profile: GradingProfile;
  caseTimeoutMs: number;
  replyTimeoutMs: number;
  quietMs: number;
  /** fast-check seed of the property-based cases (`--seed`, else random): printed in the report for replay. */
  seed: number;
  /** Generated runs per property-based case (`--runs`); absent: each case's default. */
  runs?: number;
  /** Connections open at once to one target (`--connections`); cases wait for a slot. */
  connections: number;
  /** Epoch ms when the run stops starting cases and stops running ones (`--deadline`). */
  deadlineAt?: number;
  /** `--mail-from`, `--rcpt-to`, `--ehlo-name` as given, for every target of the run; absent: the suite's defaults. */
  envelope?: EnvelopeSettings;
  /** `--cleartext-test-credentials`: the external host's real credentials may go in clear (a throwaway test account). */
  cleartextTestCredentials?: boolean;
  /** `--waivers FILE`, parsed and checked (app/plan/waivers-file.ts): added to every target's own waivers. */
  waivers?: Waiver[];
}

function inContainer(spec: TargetRequest): boolean {
  return spec.type === 'builtin' && expandTargetName(spec.name).some((name) => BUILTIN_TARGETS[name]?.inContainer === true);
}

export function planRun(request: RunRequest): RunPlan {
  const only = request.only ?? [];
  const exclude = request.exclude ?? [];
  const cases = selectCases(only, exclude);
  const targets = request.targets.map((spec): PlannedTarget => {
    const planned = plannedName(spec);
    const rows = plannedRows(cases, planned, request.shard).map((row) => ({ caseId: row.testCase.id, port: row.port, label: row.label }));
    return { ...spec, planned, rows };
  });
  const envelope = request.envelope ?? {};
  return {
    runId: request.runId ?? randomBytes(6).toString('hex'),
    targets,
    caseIds: cases.map((c) => c.id),
    needsContainers: request.targets.some(inContainer),
    only,
    exclude,
    ...(request.shard ? { shard: request.shard } : {}),
    strict: request.strict ?? false,
    profile: request.profile ?? 'default',
    caseTimeoutMs: request.caseTimeoutMs ?? DEFAULT_TIMEOUTS.caseMs,
    replyTimeoutMs: request.replyTimeoutMs ?? DEFAULT_TIMEOUTS.replyMs,
    quietMs: DEFAULT_TIMEOUTS.quietMs,
    // One seed for the whole run, printed in the report: `--seed` with it replays every generated input.
    seed: request.seed ?? randomInt(2 ** 31 - 1),
    ...(request.runs !== undefined ? { runs: request.runs } : {}),
    connections: request.connections ?? DEFAULT_CONNECTIONS_PER_TARGET,
    ...(request.deadlineMs !== undefined ? { deadlineAt: Date.now() + request.deadlineMs } : {}),
    ...(Object.keys(envelope).length ? { envelope } : {}),
    ...(request.cleartextTestCredentials ? { cleartextTestCredentials: true } : {}),
    ...(request.waivers?.length ? { waivers: request.waivers } : {}),
  };
}
