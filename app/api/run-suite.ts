import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { removeRunContainers } from '../../targets/engine/cleanup.ts';
import { buildReport } from '../../reports/build-report.ts';
import type { Report } from '../../reports/report-model.ts';
import { cutShortErrors } from '../../harness/run/cut-short.ts';
import { preflightExternal } from '../cli/preflight.ts';
import { toolVersion } from '../cli/project-root.ts';
import { UsageError } from '../cli/usage-error.ts';
import { PASSWORD_ENV } from '../provision/target-request.ts';
import { prepareRun, type PreparedRun, type RunOptions } from './run-options.ts';

/**
 * Runs a prepared run: checks that an external host answers, has vitest run every row (app/cli/run-suite.ts),
 * and makes the one report model of it. `logDir` receives vitest.log, the engine's own output.
 */
export async function executeRun(prepared: PreparedRun, logDir: string): Promise<Report> {
  const { plan, specs } = prepared;
  for (const spec of specs) if (spec.type === 'external') await preflightExternal(spec, plan.replyTimeoutMs);
  const outDir = resolve(logDir);
  // Node 20's recursive mkdir never returns for some paths under /proc and /sys.
  if (/^\/(proc|sys)(\/|$)/.test(outDir)) throw new UsageError(`--out ${logDir}: not a place for reports`);
  const startedAt = new Date();
  // The password reaches globalSetup (in this process) through the environment, never through the plan.
  const previousPassword = process.env[PASSWORD_ENV];
  if (prepared.password !== undefined) process.env[PASSWORD_ENV] = prepared.password;
  // vitest loads only when a run starts, so usage errors, --version and list stay fast.
  const { runSuite: runRows } = await import('../cli/run-suite.ts');
  const reporter = await runRows(plan, outDir).finally(async () => {
    if (previousPassword === undefined) delete process.env[PASSWORD_ENV];
    else process.env[PASSWORD_ENV] = previousPassword;
    // globalSetup's teardown removes the run's containers; this also covers a vitest that crashed.
    if (plan.needsContainers) await removeRunContainers(plan.runId);
  });
  const provided = reporter.provided;
  const runErrors = [...(provided?.errors ?? []), ...reporter.unhandled, ...cutShortErrors(reporter.results)];
  // Every row of every started target must come back with a verdict; a row lost on the way (a spec
  // that failed to load, a worker that died) is said, never silently missing.
  const rowsOf = (name: string) => plan.targets.find((t) => t.planned === name)?.rows.length ?? 0;
  const planned = (provided?.targets ?? []).reduce((n, t) => n + rowsOf(t.planned ?? t.name), 0);
  if (reporter.results.length < planned) runErrors.push(`${planned - reporter.results.length} of ${planned} planned row(s) produced no result; see ${resolve(outDir, 'vitest.log')}`);
  if (!provided && runErrors.length === 0) runErrors.push(`the run did not start; see ${resolve(outDir, 'vitest.log')}`);
  return buildReport({
    version: toolVersion(),
    plan,
    targets: provided?.targets ?? [],
    results: reporter.results,
    runErrors,
    startedAt,
  });
}

/** Where the API's run leaves vitest.log: `logDir`, else a fresh folder of its own under the system's temp dir. */
export interface RunSuiteSettings {
  logDir?: string;
}

/**
 * The suite as a function: the same options as `msaspec run` (README "Usage"), the same report model
 * as report.json (`Report`, reports/schema/report.schema.json). Bad options reject with a UsageError
 * (one line) before anything starts; a run that starts always resolves with a report, whose
 * `exitCode` is the CLI's. Progress lines (images, targets) go to stderr. One run at a time per process.
 *
 *   const report = await runSuite({ host: 'mail.example.org', user: 'alice', password, only: ['injection/'] });
 *   await writeReports(report, ['json', 'sarif'], 'msaspec-report');
 */
export async function runSuite(options: RunOptions = {}, settings: RunSuiteSettings = {}): Promise<Report> {
  const prepared = await prepareRun(options);
  const logDir = settings.logDir ?? mkdtempSync(join(tmpdir(), 'msaspec-run-'));
  return executeRun(prepared, logDir);
}
