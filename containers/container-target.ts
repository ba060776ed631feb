import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { removeStaleContainers, runLabels } from './engine/cleanup.ts';
import { configureTestcontainersEnv, ensureDockerEngine } from './engine/docker-engine.ts';
import { ensureBaseImage } from './images/base-image.ts';
import { buildTargetImage } from './images/image-builder.ts';
import type { Waiver } from '../harness/model/target.ts';
import { BUILTIN_SERVERNAME, BUILTIN_USER, type ProvisionContext, type ProvisionedTarget } from '../harness/targets/provisioner.ts';

export interface ContainerTargetOptions {
  name: string;
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
};

let staleSweep: Promise<number> | undefined;

const IMPLICIT = 465;
const STARTTLS = 587;

/**
 * Builds (or reuses) a target image with the docker CLI so build errors surface, then starts it with
 * testcontainers, handing it a certificate from the run's CA and the run's password as files.
 */
export async function startContainerTarget(ctx: ProvisionContext, options: ContainerTargetOptions): Promise<ProvisionedTarget> {
  await ensureDockerEngine(ctx.log);
  configureTestcontainersEnv();
  // Without Ryuk, what a killed run left behind is found by label and removed by the next run.
  staleSweep ??= removeStaleContainers(ctx.log);
  await staleSweep;
  const base = await ensureBaseImage(ctx.log);
  const image = await buildTargetImage(options.name, options.contextDir, base, ctx.log);
  ctx.log(`${options.name}: image ${image.tag} ${image.built ? 'built' : 'reused'}`);
  const leaf = await ctx.ca.issueServer(BUILTIN_SERVERNAME);
  const container: StartedTestContainer = await new GenericContainer(image.tag)
    .withExposedPorts(IMPLICIT, STARTTLS)
    .withLabels(runLabels(ctx.runId))
    .withCopyContentToContainer([
      { content: leaf.cert, target: RUN_FILES.cert },
      { content: leaf.key, target: RUN_FILES.key, mode: 0o600 },
      { content: ctx.ca.pem, target: RUN_FILES.ca },
      { content: ctx.password, target: RUN_FILES.password, mode: 0o600 },
    ])
    .withWaitStrategy(Wait.forLogMessage(options.ready))
    .withStartupTimeout(90_000)
    .start();
  const versions = await container.exec(['cat', '/etc/msaspec/versions']).catch(() => undefined);
  ctx.log(`${options.name}: started ${container.getId().slice(0, 12)}`);
  return {
    target: {
      name: options.name,
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
        image: image.tag,
        imageId: image.imageId,
        ...(versions?.exitCode === 0 ? { packages: versions.output.trim().replace(/\s+/g, ' ') } : {}),
      },
    },
    stop: async () => {
      await container.stop({ timeout: 2 });
    },
  };
}
