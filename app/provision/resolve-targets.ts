import { randomBytes } from 'node:crypto';
import { dockerBridgeGateway } from '../../targets/container-target.ts';
import { BUILTIN_TARGETS, expandTargetName } from '../../targets/registry.ts';
import type { EnvelopeSettings } from '../../harness/model/envelope.ts';
import { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import { startRunSink, type RunSink } from '../../harness/sink/run-sink.ts';
import type { ResolvedTarget, Waiver } from '../../harness/model/target.ts';
import { prepareAndStart, type ProgressMode, type StartJob } from './prepare-targets.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { PASSWORD_ENV, type PlannedSpec, type TargetRequest } from './target-request.ts';

/** What provisioning reads of the run plan (app/plan/run-plan.ts). */
export interface ProvisionRequest {
  runId: string;
  targets: readonly PlannedSpec[];
  /** Some target runs in a container: the run's sink is started for them. */
  needsContainers: boolean;
  envelope?: EnvelopeSettings;
  cleartextTestCredentials?: boolean;
  /** `--waivers FILE`: added to every target's own waivers (a built-in target's come first). */
  waivers?: Waiver[];
}

export interface ResolvedRun {
  targets: ResolvedTarget[];
  /** One line per target that could not be started. */
  errors: string[];
  stop(): Promise<void>;
}

function externalTarget(spec: Extract<TargetRequest, { type: 'external' }>, plan: ProvisionRequest): ResolvedTarget {
  const password = process.env[PASSWORD_ENV];
  return {
    name: `host:${spec.host}`,
    kind: 'external',
    host: spec.host,
    ports: {
      ...(spec.implicitPort !== undefined ? { implicit: spec.implicitPort } : {}),
      ...(spec.starttlsPort !== undefined ? { starttls: spec.starttlsPort } : {}),
    },
    servername: spec.servername,
    ...(spec.ca ? { ca: spec.ca } : {}),
    ...(spec.user ? { user: spec.user } : {}),
    ...(password ? { password } : {}),
    ...(plan.cleartextTestCredentials ? { cleartextTestCredentials: true } : {}),
    waivers: [],
    facts: {},
  };
}

/**
 * A target with the run's waivers (`--waivers`) after its own: a built-in target keeps its findings'
 * waivers, and the first waiver that matches a case is the one a row shows (harness/run/run-case.ts).
 */
export function withRunWaivers(target: ResolvedTarget, waivers: readonly Waiver[]): ResolvedTarget {
  return waivers.length ? { ...target, waivers: [...target.waivers, ...waivers] } : target;
}

/**
 * The run's one message sink, on the Docker bridge gateway (where containers reach this machine;
 * never on every address). Without it the run goes on: container targets then discard what they accept.
 */
async function startSinkForContainers(log: (line: string) => void): Promise<RunSink | undefined> {
  try {
    const sink = await startRunSink(await dockerBridgeGateway(log));
    log(`message sink listens on ${sink.host}:${sink.port}, writes to ${sink.dir}`);
    return sink;
  } catch (err) {
    log(`no message sink, container targets discard what they accept: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/**
 * Starts every built-in target of the plan (and, for container targets, the run's sink) and describes
 * the external ones: every image is prepared first, all at once, then the targets start a few at a
 * time (prepare-targets.ts). Targets keep the plan's order.
 */
export async function resolveTargets(plan: ProvisionRequest, log: (line: string) => void, progress: ProgressMode = 'lines'): Promise<ResolvedRun> {
  const started: ProvisionedTarget[] = [];
  const targets: ResolvedTarget[] = [];
  const errors: string[] = [];
  const needsCa = plan.targets.some((t) => t.type === 'builtin');
  const ca = needsCa ? await CertificateAuthority.create(`msaspec run ${plan.runId} CA`) : undefined;
  const password = randomBytes(18).toString('base64url');
  const sink = plan.needsContainers ? await startSinkForContainers(log) : undefined;
  const sinkAddress = sink ? { host: sink.host, port: sink.port, dir: sink.dir } : undefined;
  const jobs: (StartJob & { spec: PlannedSpec })[] = [];
  const slots: (ResolvedTarget | string | number)[] = [];
  for (const spec of plan.targets) {
    if (spec.type === 'external') {
      slots.push({ ...externalTarget(spec, plan), planned: spec.planned });
      continue;
    }
    const [registered] = expandTargetName(spec.name);
    const provision = registered ? BUILTIN_TARGETS[registered] : undefined;
    if (!provision || !ca) {
      slots.push(`unknown target "${spec.name}"`);
      continue;
    }
    slots.push(jobs.length);
    jobs.push({
      spec,
      name: spec.name,
      ...(provision.image ? { image: provision.image } : {}),
      start: (targetLog) => provision({ runId: plan.runId, ca, password, log: targetLog, sink: sinkAddress }, spec.flaws ?? []),
    });
  }
  const outcomes = await prepareAndStart(jobs, { mode: progress, log });
  // `--mail-from`, `--rcpt-to`, `--ehlo-name` and `--waivers` hold for every target of the run, built-in or external.
  const withEnvelope = (started: ResolvedTarget): ResolvedTarget => {
    const target = withRunWaivers(started, plan.waivers ?? []);
    return plan.envelope && Object.keys(plan.envelope).length ? { ...target, envelope: { ...plan.envelope } } : target;
  };
  for (const slot of slots) {
    if (typeof slot === 'string') errors.push(slot);
    else if (typeof slot !== 'number') targets.push(withEnvelope(slot));
    else {
      const job = jobs[slot]!;
      const outcome = outcomes[slot]!;
      if (outcome.ok) {
        started.push(outcome.provisioned);
        outcome.provisioned.target.planned = job.spec.planned;
        targets.push(withEnvelope(outcome.provisioned.target));
      } else errors.push(`${job.name}: ${outcome.error}`);
    }
  }
  return {
    targets,
    errors,
    stop: async () => {
      await Promise.allSettled(started.map((t) => t.stop()));
      await sink?.stop();
    },
  };
}
