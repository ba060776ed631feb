import type { TestProject } from 'vitest/node';
import { removeRunContainers } from '../../containers/engine/cleanup.ts';
import { BUILTIN_TARGETS, expandTargetName } from '../../containers/registry.ts';
import { resolveTargets } from '../provision/resolve-targets.ts';
import { PLAN_ENV, type RunPlan } from '../provision/target-spec.ts';
import './provided.ts';

/**
 * vitest globalSetup: provisions every target of the plan once, provides them to the case workers,
 * and stops them when the run ends. A target that cannot start becomes a run error, not a crash.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const raw = process.env[PLAN_ENV];
  if (!raw) throw new Error(`${PLAN_ENV} is not set: run the suite through \`msaspec run\``);
  const plan = JSON.parse(raw) as RunPlan;
  const log = (line: string) => process.stderr.write(`msaspec: ${line}\n`);
  // globalSetup runs in the CLI's own process: its terminal shows the images and targets as they come up.
  const terminal = process.stderr.isTTY && (process.stderr.columns ?? 0) >= 40;
  const run = await resolveTargets(plan, log, terminal ? 'tty' : 'lines');
  project.provide('msaspec', { plan, targets: run.targets, errors: run.errors });
  // Only container targets leave something for the docker CLI to remove (an external host, or the
  // flawed target in this process, do not).
  const inContainers = plan.targets.some((spec) => spec.type === 'builtin' && expandTargetName(spec.name).some((name) => BUILTIN_TARGETS[name]?.inContainer));
  return async () => {
    await run.stop();
    if (inContainers) await removeRunContainers(plan.runId);
  };
}
