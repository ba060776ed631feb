import { Writable } from 'node:stream';
import { resolve } from 'node:path';
import { createWriteStream, mkdirSync } from 'node:fs';
import { startVitest } from 'vitest/node';
import { MsaspecReporter } from '../runner/msaspec-reporter.ts';
import type { RunPlan } from '../plan/run-plan.ts';
import { MODULE_EXTENSION, PROJECT_ROOT } from './project-root.ts';

/**
 * vitest starts every row at once; what bounds the load is each target's connection limit
 * (harness/run/connection-limiter.ts), where a case waits for a slot before its clock starts.
 */
const MAX_CONCURRENCY = 10_000;

/**
 * The project's own modules, which vitest hands to Node instead of transforming them with vite: the
 * CLI has loaded most of them already through tsx (globalSetup runs in its process and gets the same
 * instances), and the worker loads them through tsx too (app/runner/worker-setup.ts). Only the
 * files of app/runner/ (the rows, globalSetup, the worker's setup) go through vite. This saves about 2 s of every run's start.
 */
const NATIVE_MODULES = new RegExp(`^${escapeRegExp(PROJECT_ROOT)}/(suites|containers|reports|harness|app/(?!runner/))`);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Runs the case rows (app/runner/case-rows.ts) in vitest with the msaspec reporter only. vitest's own console output
 * goes to vitest.log in the report directory, so the user sees msaspec's report and nothing else.
 */
export async function runSuite(plan: RunPlan, outDir: string): Promise<MsaspecReporter> {
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
      // The rows are production code, not a test of the project: hence a name vitest would not collect by itself.
      include: [`app/runner/case-rows${MODULE_EXTENSION}`],
      // Installed, the package lives under node_modules/, which vitest's default exclude would skip.
      exclude: [],
      globalSetup: [`app/runner/global-setup${MODULE_EXTENSION}`],
      // From the sources the worker loads TypeScript through tsx; the compiled package needs no loader.
      setupFiles: MODULE_EXTENSION === '.ts' ? ['app/runner/worker-setup.ts'] : [],
      server: { deps: { external: [NATIVE_MODULES] } },
      // The plan goes to globalSetup and the worker through vitest's provide/inject: vitest hands the
      // same data to both, and no copy of it waits in the environment, in a file, or is worked out again.
      provide: { msaspecPlan: plan },
      reporters: [reporter],
      // runCase bounds every case by its budget; a row may first wait for its target's connection
      // slots, so vitest's own timeout is only a safety net for a harness that hangs outright.
      testTimeout: (plan.caseTimeoutMs + 5_000) * 100,
      hookTimeout: 30 * 60_000,
      maxConcurrency: MAX_CONCURRENCY,
      fileParallelism: false,
      // A worker thread, not a child process: a signal that ends the CLI ends the cases with it,
      // and no orphan keeps connections open (test/cli/interrupt.test.ts).
      pool: 'threads',
      passWithNoTests: true,
    },
    {},
    { stdout: sink, stderr: sink },
  );
  await vitest.close();
  await new Promise<void>((done) => logFile.end(done));
  return reporter;
}
