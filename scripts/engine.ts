// `npm run engine` (and the first step of `npm test`): makes sure a Docker
// Engine answers and the base image exists, and removes containers left by
// killed runs. Exits 3 with a one-line message when it cannot.
import { ensureDockerEngine, seconds } from '../targets/engine/docker-engine.ts';
import { removeStaleContainers } from '../targets/engine/cleanup.ts';
import { ensureBaseImage } from '../targets/images/base-image.ts';

const log = (line: string): void => console.log(`[engine] ${line}`);

async function main(): Promise<void> {
  const t0 = Date.now();
  await ensureDockerEngine(log);
  const t1 = Date.now();
  const base = await ensureBaseImage(log);
  const t2 = Date.now();
  await removeStaleContainers(log);
  log(`ready: engine ${seconds(t1 - t0)}, base image ${base} ${seconds(t2 - t1)}, total ${seconds(Date.now() - t0)}`);
}

main().catch((e: unknown) => {
  const msg = e instanceof Error ? e.message : String(e);
  console.error(`[engine] error: ${msg.split('\n')[0]}`);
  process.exit(3);
});
