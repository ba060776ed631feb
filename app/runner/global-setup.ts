import type { TestProject } from 'vitest/node';
import { removeRunContainers } from '../../targets/engine/cleanup.ts';
import { resolveTargets } from '../provision/resolve-targets.ts';
import './provided.ts';

/**
 * vitest globalSetup: provisions every target of the plan once, provides them to the case workers,
 * and stops them when the run ends. A target that cannot start becomes a run error, not a crash.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const plan = project.getProvidedContext().msaspecPlan;
  if (!plan) throw new Error('no run plan: run the suite through `msaspec run`');
  const log = (line: string) => process.stderr.write(`msaspec: ${line}\n`);
  // globalSetup runs in the CLI's own process: its terminal shows the images and targets as they come up.
  const terminal = process.stderr.isTTY && (process.stderr.columns ?? 0) >= 40;
  const run = await resolveTargets(plan, log, terminal ? 'tty' : 'lines');
  project.provide('msaspec', { targets: run.targets, errors: run.errors });
  return async () => {
    await run.stop();
    // Only container targets leave something for the docker CLI to remove (an external host, or the
    // flawed target in this process, do not).
    if (plan.needsContainers) await removeRunContainers(plan.runId);
  };
}
