import { randomBytes } from 'node:crypto';
import { dockerBridgeGateway } from '../../containers/container-target.ts';
import { BUILTIN_TARGETS, expandTargetName } from '../../containers/registry.ts';
import { CertificateAuthority } from '../pki/certificate-authority.ts';
import { startRunSink, type RunSink } from '../sink/run-sink.ts';
import type { ResolvedTarget } from '../model/target.ts';
import type { ProvisionedTarget } from './provisioner.ts';
import { PASSWORD_ENV, type RunPlan, type TargetSpec } from './target-spec.ts';

export interface ResolvedRun {
  targets: ResolvedTarget[];
  /** One line per target that could not be started. */
  errors: string[];
  stop(): Promise<void>;
}

function externalTarget(spec: Extract<TargetSpec, { type: 'external' }>): ResolvedTarget {
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
    waivers: [],
    facts: {},
  };
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

/** Starts every built-in target of the plan (and, for container targets, the run's sink) and describes the external ones. */
export async function resolveTargets(plan: RunPlan, log: (line: string) => void): Promise<ResolvedRun> {
  const started: ProvisionedTarget[] = [];
  const targets: ResolvedTarget[] = [];
  const errors: string[] = [];
  const needsCa = plan.targets.some((t) => t.type === 'builtin');
  const ca = needsCa ? await CertificateAuthority.create(`msaspec run ${plan.runId} CA`) : undefined;
  const password = randomBytes(18).toString('base64url');
  const needsSink = plan.targets.some((t) => t.type === 'builtin' && expandTargetName(t.name).some((name) => BUILTIN_TARGETS[name]?.inContainer === true));
  const sink = needsSink ? await startSinkForContainers(log) : undefined;
  const sinkAddress = sink ? { host: sink.host, port: sink.port, dir: sink.dir } : undefined;
  for (const spec of plan.targets) {
    if (spec.type === 'external') {
      targets.push(externalTarget(spec));
      continue;
    }
    const [registered] = expandTargetName(spec.name);
    const provision = registered ? BUILTIN_TARGETS[registered] : undefined;
    if (!provision || !ca) {
      errors.push(`unknown target "${spec.name}"`);
      continue;
    }
    try {
      const provisioned = await provision({ runId: plan.runId, ca, password, log, sink: sinkAddress }, spec.flaws ?? []);
      started.push(provisioned);
      targets.push(provisioned.target);
    } catch (err) {
      errors.push(`${spec.name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
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
