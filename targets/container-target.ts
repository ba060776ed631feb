import { isIPv6 } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StartedTestContainer } from 'testcontainers';
import { removeStaleContainers, runLabels } from './engine/cleanup.ts';
import { configureTestcontainersEnv, ensureDockerEngine } from './engine/docker-engine.ts';
import { ensureBaseImage } from './images/base-image.ts';
import { lineName, RELEASE_CODENAME, targetName, type Release } from './releases.ts';
import { buildTargetImage, type BuiltImage } from './images/image-builder.ts';
import type { CertificateAuthority } from '../harness/pki/certificate-authority.ts';
import type { Waiver } from '../harness/model/target.ts';
import { bridgeGateway } from './engine/bridge-gateway.ts';
import {
  BUILTIN_SERVERNAME,
  BUILTIN_USER,
  type ProvisionContext,
  type ProvisionedTarget,
  type Provisioner,
} from '../harness/model/provisioner.ts';

/**
 * "stock": the distribution's defaults plus the minimum its documentation asks for to open both
 * submission ports; "hardened": what RFC 8314 and BCP 195 ask (TLS 1.2+, no weak suites, AUTH only
 * after TLS, MAIL only after AUTH). One image serves both; the entrypoint applies the configuration.
 */
export type Configuration = (typeof CONFIGURATIONS)[number];

/** Every configuration of an MTA, in the order the registry lists its targets. */
export const CONFIGURATIONS = ['stock', 'hardened'] as const;

/** An MTA's image: what every configuration of it shares. */
export interface ImageSpec {
  /** The MTA, e.g. "postfix"; the image is msaspec/<name>:<hash> and the target "<name>[@<release>]:<configuration>". */
  name: string;
  /** The Debian release line it installs its packages from (targets/releases.ts): FROM msaspec/base:<codename>. */
  release: Release;
  /** Build context: a Dockerfile that starts `ARG BASE` / `FROM ${BASE}`. */
  contextDir: string;
  /** Log line that says the MTA listens. */
  ready: RegExp;
  /** Extra `docker build --build-arg`s, made when the image is built; they do not count in its hash. */
  buildArgs?: () => Record<string, string>;
}

/**
 * The image of the `image/` folder beside `moduleUrl` (a module's `import.meta.url`), keeping its
 * name as a literal type: `imageBeside(import.meta.url, { name: 'postfix', release: 'debian13', ready: /daemon started/ })`.
 */
export function imageBeside<const Name extends string>(moduleUrl: string, spec: Omit<ImageSpec, 'contextDir'> & { name: Name }): ImageSpec & { name: Name } {
  return { ...spec, contextDir: join(dirname(fileURLToPath(moduleUrl)), 'image') };
}

export interface ContainerTargetOptions extends ImageSpec {
  configuration: Configuration;
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
  configuration: '/run/msaspec/configuration',
  /** The SASL user, one line; absent: "alice". Every image's entrypoint reads it. */
  user: '/run/msaspec/user',
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

/** Builds in flight, by build context: the configurations of one MTA share one image and one build. */
const building = new Map<string, Promise<BuiltImage>>();

/**
 * The Docker Engine, the base image and the MTA's image under its content hash: built with the docker
 * CLI (so build errors surface) unless an image of that hash exists. Runs before any target starts, so
 * a run builds all its images at once (app/provision/prepare-targets.ts).
 */
export function prepareContainerImage(options: Pick<ImageSpec, 'name' | 'release' | 'contextDir' | 'buildArgs'>, log: (line: string) => void): Promise<BuiltImage> {
  const inFlight = building.get(options.contextDir);
  if (inFlight) return inFlight;
  const build = (async () => {
    await ensureEngine(log);
    const base = await ensureBaseImage(log, { codename: RELEASE_CODENAME[options.release] });
    return buildTargetImage(options.name, options.contextDir, base, log, options.buildArgs?.());
  })().finally(() => building.delete(options.contextDir));
  building.set(options.contextDir, build);
  return build;
}

/** What one MTA container needs to start: its image, configuration, the run's files, and where to relay. */
export interface TargetContainerRequest {
  image: ImageSpec;
  configuration: Configuration;
  /** Issues the server certificate (SAN mail.example.test); its PEM is handed over as the CA file. */
  ca: CertificateAuthority;
  user: string;
  password: string;
  /** Where to relay every accepted message; absent: the MTA discards (or keeps) it. */
  relay?: { host: string; port: number };
  labels: Record<string, string>;
  log: (line: string) => void;
  startupTimeoutMs?: number;
}

export interface StartedTargetContainer {
  container: StartedTestContainer;
  image: BuiltImage;
  ports: { implicit: number; starttls: number };
  /** "package version" pairs from /etc/msaspec/versions, when the image has them. */
  packages?: string;
  /** The relay as the MTA was told it, `[address]:port`. */
  relay?: string;
}

/**
 * Starts an MTA image with testcontainers (building it first unless it is up to date), handing it a
 * certificate from the CA, the user's password and the configuration as files (RUN_FILES): what a run and
 * the testcontainers modules (targets/modules/) both stand on.
 */
export async function startTargetContainer(req: TargetContainerRequest): Promise<StartedTargetContainer> {
  await ensureEngine(req.log);
  configureTestcontainersEnv();
  // Without Ryuk, what a killed run left behind is found by label and removed by the next run.
  staleSweep ??= removeStaleContainers(req.log);
  await staleSweep;
  const image = await prepareContainerImage(req.image, req.log);
  req.log(`${lineName(req.image.name, req.image.release)}: image ${image.tag} ${image.built ? 'built' : 'reused'}`);
  const leaf = await req.ca.issueServer(BUILTIN_SERVERNAME);
  const relay = req.relay ? relayAddress(req.relay) : undefined;
  // The container is on Docker's default bridge, so the sink's address (the bridge gateway) is reachable.
  // Loaded on first use: testcontainers takes a second or two to import, and runs without a
  // container target (flawed, --host) never need it.
  const { GenericContainer, Wait } = await import('testcontainers');
  const container: StartedTestContainer = await new GenericContainer(image.tag)
    .withExposedPorts(IMPLICIT, STARTTLS)
    .withLabels(req.labels)
    .withCopyContentToContainer([
      { content: leaf.cert, target: RUN_FILES.cert },
      { content: leaf.key, target: RUN_FILES.key, mode: 0o600 },
      { content: req.ca.pem, target: RUN_FILES.ca },
      { content: req.password, target: RUN_FILES.password, mode: 0o600 },
      ...(req.user !== BUILTIN_USER ? [{ content: `${req.user}\n`, target: RUN_FILES.user }] : []),
      ...(relay ? [{ content: `${relay}\n`, target: RUN_FILES.relay }] : []),
      { content: `${req.configuration}\n`, target: RUN_FILES.configuration },
    ])
    .withWaitStrategy(Wait.forLogMessage(req.image.ready))
    .withStartupTimeout(req.startupTimeoutMs ?? 90_000)
    .start();
  const versions = await container.exec(['cat', '/etc/msaspec/versions']).catch(() => undefined);
  req.log(`${targetName({ mta: req.image.name, release: req.image.release, configuration: req.configuration })}: started ${container.getId().slice(0, 12)}`);
  return {
    container,
    image,
    ports: { implicit: container.getMappedPort(IMPLICIT), starttls: container.getMappedPort(STARTTLS) },
    ...(versions?.exitCode === 0 ? { packages: versions.output.trim().replace(/\s+/g, ' ') } : {}),
    ...(relay ? { relay } : {}),
  };
}

/** Starts a target of a run: the run's CA, password and sink. */
export async function startContainerTarget(ctx: ProvisionContext, options: ContainerTargetOptions): Promise<ProvisionedTarget> {
  const started = await startTargetContainer({
    image: options,
    configuration: options.configuration,
    ca: ctx.ca,
    user: BUILTIN_USER,
    password: ctx.password,
    ...(ctx.sink ? { relay: ctx.sink } : {}),
    labels: runLabels(ctx.runId),
    log: ctx.log,
  });
  const { container, image } = started;
  return {
    target: {
      name: targetName({ mta: options.name, release: options.release, configuration: options.configuration }),
      kind: 'container',
      // Docker publishes on every host address; loopback is where the harness talks (never elsewhere).
      host: '127.0.0.1',
      ports: started.ports,
      servername: BUILTIN_SERVERNAME,
      ca: ctx.ca.pem,
      user: BUILTIN_USER,
      password: ctx.password,
      waivers: options.waivers,
      facts: {
        release: options.release,
        configuration: options.configuration,
        image: image.tag,
        imageId: image.imageId,
        ...(started.packages ? { packages: started.packages } : {}),
        relay: started.relay ?? 'none (accepted messages are discarded)',
      },
      ...(ctx.sink ? { sinkDir: ctx.sink.dir } : {}),
    },
    stop: async () => {
      await container.stop({ timeout: 2 });
    },
  };
}

/**
 * A provisioner for a target in a container, marked so the run starts a sink it can relay to, with the
 * image it runs so the run can build every image before it starts any target.
 */
export function containerProvisioner(options: ContainerTargetOptions): Provisioner {
  return Object.assign((ctx: ProvisionContext) => startContainerTarget(ctx, options), {
    inContainer: true as const,
    // One image per line: "postfix" (the current line) and "postfix@debian12" are built side by side.
    image: { name: lineName(options.name, options.release), prepare: (log: (line: string) => void) => prepareContainerImage(options, log) },
  });
}
