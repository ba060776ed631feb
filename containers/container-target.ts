import { isIPv6 } from 'node:net';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { removeStaleContainers, runLabels } from './engine/cleanup.ts';
import { configureTestcontainersEnv, ensureDockerEngine } from './engine/docker-engine.ts';
import { ensureBaseImage } from './images/base-image.ts';
import { buildTargetImage } from './images/image-builder.ts';
import type { Waiver } from '../harness/model/target.ts';
import { bridgeGateway } from '../harness/sink/bridge-gateway.ts';
import {
  BUILTIN_SERVERNAME,
  BUILTIN_USER,
  type ProvisionContext,
  type ProvisionedTarget,
  type Provisioner,
} from '../harness/targets/provisioner.ts';

/**
 * "stock": the distribution's defaults plus the minimum its documentation asks for to open both
 * submission ports; "hardened": what RFC 8314 and BCP 195 ask (TLS 1.2+, no weak suites, AUTH only
 * after TLS, MAIL only after AUTH). One image serves both; the entrypoint applies the profile.
 */
export type TargetProfile = 'stock' | 'hardened';

export interface ContainerTargetOptions {
  /** The MTA, e.g. "postfix"; the image is msaspec/<name>:<hash> and the target "<name>:<profile>". */
  name: string;
  profile: TargetProfile;
  /** Build context: a Dockerfile that starts `ARG BASE` / `FROM ${BASE}`. */
  contextDir: string;
  /** Log line that says the MTA listens. */
  ready: RegExp;
  waivers: Waiver[];
}

/** Where a target image's entrypoint finds what the run hands it (never baked into the image). */
export const RUN_FILES = {
  cert: '/run/msaspec/tls/cert.pem',
  key: '/run/msaspec/tls/key.pem',
  ca: '/run/msaspec/tls/ca.pem',
  password: '/run/msaspec/password',
  /** `[address]:port` of the run's sink; present: relay every accepted message there, absent: discard. */
  relay: '/run/msaspec/relay',
  /** "stock" or "hardened", one line. */
  profile: '/run/msaspec/profile',
};

let staleSweep: Promise<number> | undefined;
let engineReady: Promise<void> | undefined;

/** ensureDockerEngine once per process (a failure is retried next time). */
function ensureEngine(log: (line: string) => void): Promise<void> {
  engineReady ??= ensureDockerEngine(log).catch((error: unknown) => {
    engineReady = undefined;
    throw error;
  });
  return engineReady;
}

/** The Docker bridge gateway (e.g. 172.17.0.1), once an engine answers: where containers reach this machine. */
export async function dockerBridgeGateway(log: (line: string) => void): Promise<string> {
  await ensureEngine(log);
  return bridgeGateway();
}

/** Postfix's relayhost syntax for a literal address: no DNS lookup. */
function relayAddress(sink: { host: string; port: number }): string {
  return `[${isIPv6(sink.host) ? `ipv6:${sink.host}` : sink.host}]:${sink.port}`;
}

const IMPLICIT = 465;
const STARTTLS = 587;

/**
 * Builds (or reuses) a target image with the docker CLI so build errors surface, then starts it with
 * testcontainers, handing it a certificate from the run's CA and the run's password as files.
 */
export async function startContainerTarget(ctx: ProvisionContext, options: ContainerTargetOptions): Promise<ProvisionedTarget> {
  await ensureEngine(ctx.log);
  configureTestcontainersEnv();
  // Without Ryuk, what a killed run left behind is found by label and removed by the next run.
  staleSweep ??= removeStaleContainers(ctx.log);
  await staleSweep;
  const base = await ensureBaseImage(ctx.log);
  const image = await buildTargetImage(options.name, options.contextDir, base, ctx.log);
  ctx.log(`${options.name}: image ${image.tag} ${image.built ? 'built' : 'reused'}`);
  const leaf = await ctx.ca.issueServer(BUILTIN_SERVERNAME);
  const relay = ctx.sink ? relayAddress(ctx.sink) : undefined;
  // The container is on Docker's default bridge, so the sink's address (the bridge gateway) is reachable.
  const container: StartedTestContainer = await new GenericContainer(image.tag)
    .withExposedPorts(IMPLICIT, STARTTLS)
    .withLabels(runLabels(ctx.runId))
    .withCopyContentToContainer([
      { content: leaf.cert, target: RUN_FILES.cert },
      { content: leaf.key, target: RUN_FILES.key, mode: 0o600 },
      { content: ctx.ca.pem, target: RUN_FILES.ca },
      { content: ctx.password, target: RUN_FILES.password, mode: 0o600 },
      ...(relay ? [{ content: `${relay}\n`, target: RUN_FILES.relay }] : []),
      { content: `${options.profile}\n`, target: RUN_FILES.profile },
    ])
    .withWaitStrategy(Wait.forLogMessage(options.ready))
    .withStartupTimeout(90_000)
    .start();
  const versions = await container.exec(['cat', '/etc/msaspec/versions']).catch(() => undefined);
  const name = `${options.name}:${options.profile}`;
  ctx.log(`${name}: started ${container.getId().slice(0, 12)}`);
  return {
    target: {
      name,
      kind: 'container',
      // Docker publishes on every host address; loopback is where the harness talks (never elsewhere).
      host: '127.0.0.1',
      ports: { implicit: container.getMappedPort(IMPLICIT), starttls: container.getMappedPort(STARTTLS) },
      servername: BUILTIN_SERVERNAME,
      ca: ctx.ca.pem,
      user: BUILTIN_USER,
      password: ctx.password,
      waivers: options.waivers,
      facts: {
        profile: options.profile,
        image: image.tag,
        imageId: image.imageId,
        ...(versions?.exitCode === 0 ? { packages: versions.output.trim().replace(/\s+/g, ' ') } : {}),
        relay: relay ?? 'none (accepted messages are discarded)',
      },
      ...(ctx.sink ? { sinkDir: ctx.sink.dir } : {}),
    },
    stop: async () => {
      await container.stop({ timeout: 2 });
    },
  };
}

/** A provisioner for a target in a container, marked so the run starts a sink it can relay to. */
export function containerProvisioner(options: ContainerTargetOptions): Provisioner {
  return Object.assign((ctx: ProvisionContext) => startContainerTarget(ctx, options), { inContainer: true as const });
}
