import { Writable } from 'node:stream';
import { resolve } from 'node:path';
import { createWriteStream, mkdirSync } from 'node:fs';
import { startVitest } from 'vitest/node';
import { MsaspecReporter } from '../runner/msaspec-reporter.ts';
import { PLAN_ENV, type RunPlan } from '../targets/target-spec.ts';
import { PROJECT_ROOT } from './project-root.ts';

/** Cases that may run at once on one run; real servers accept this many connections from one client. */
const MAX_CONCURRENCY = 6;

/**
 * Runs the conformance spec in vitest with the msaspec reporter only. vitest's own console output
 * goes to vitest.log in the report directory, so the user sees msaspec's report and nothing else.
 */
export async function runSuite(plan: RunPlan, outDir: string): Promise<MsaspecReporter> {
  process.env[PLAN_ENV] = JSON.stringify(plan);
  mkdirSync(outDir, { recursive: true });
  const logFile = createWriteStream(resolve(outDir, 'vitest.log'));
  const sink = new Writable({ write: (chunk, _enc, done) => logFile.write(chunk, done) });
  const reporter = new MsaspecReporter();
  const vitest = await startVitest(
    'test',
    [],
    {
      root: PROJECT_ROOT,
      config: false,
      watch: false,
      include: ['harness/runner/conformance.spec.ts'],
      globalSetup: ['harness/runner/global-setup.ts'],
      reporters: [reporter],
      testTimeout: plan.caseTimeoutMs + 5_000,
      hookTimeout: 30 * 60_000,
      maxConcurrency: MAX_CONCURRENCY,
      fileParallelism: false,
      passWithNoTests: true,
    },
    {},
    { stdout: sink, stderr: sink },
  );
  await vitest.close();
  await new Promise<void>((done) => logFile.end(done));
  return reporter;
}
