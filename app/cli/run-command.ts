import { resolve } from 'node:path';
import { removeRunContainers, removeRunContainersSync } from '../../targets/engine/cleanup.ts';
import { BUILTIN_TARGETS, DEFAULT_TARGET, expandTargetName } from '../../targets/registry.ts';
import { buildReport } from '../../reports/build-report.ts';
import { renderDryRun } from './dry-run.ts';
import { emitReport, parseFormats, parseShardFlag } from './report-flags.ts';
import { cutShortErrors } from '../../harness/run/cut-short.ts';
import { planRun } from '../plan/run-plan.ts';
import { PASSWORD_ENV, type TargetRequest } from '../provision/target-request.ts';
import { GRADING_PROFILES, type GradingProfile } from '../../harness/model/verdict.ts';
import { preflightExternal } from './preflight.ts';
import { parseEnvelope, parsePort, parsePositiveInt, parseSeed, readCaFile } from './parse-values.ts';
import { toolVersion } from './project-root.ts';
import { UsageError } from './usage-error.ts';

export interface RunFlags {
  target?: string[];
  flaw?: string[];
  host?: string;
  implicitPort?: string;
  starttlsPort?: string;
  user?: string;
  password?: string;
  ca?: string;
  servername?: string;
  out: string;
  only?: string[];
  exclude?: string[];
  strict?: boolean;
  dryRun?: boolean;
  format?: string[];
  shard?: string;
  profile?: string;
  caseTimeout?: string;
  replyTimeout?: string;
  seed?: string;
  runs?: string;
  connections?: string;
  deadline?: string;
  mailFrom?: string;
  rcptTo?: string;
  ehloName?: string;
  cleartextTestCredentials?: boolean;
  verbose?: boolean;
  color: boolean;
}

function targetSpecs(flags: RunFlags): TargetRequest[] {
  if (flags.host !== undefined) {
    if (flags.target?.length) throw new UsageError('--host and --target exclude each other');
    if (flags.host.startsWith('-')) throw new UsageError(`option '--host <host>' argument missing (got the flag ${flags.host})`);
    const password = flags.password ?? process.env[PASSWORD_ENV];
    if (flags.user && !password) throw new UsageError(`--user needs a password: --password or ${PASSWORD_ENV}`);
    if (flags.cleartextTestCredentials && !flags.user) throw new UsageError('--cleartext-test-credentials needs --user: the throwaway test account whose password may go in clear');
    const implicitPort = parsePort(flags.implicitPort ?? '465', '--implicit-port');
    const starttlsPort = parsePort(flags.starttlsPort ?? '587', '--starttls-port');
    return [
      {
        type: 'external',
        host: flags.host,
        ...(implicitPort !== undefined ? { implicitPort } : {}),
        ...(starttlsPort !== undefined ? { starttlsPort } : {}),
        ...(flags.user ? { user: flags.user } : {}),
        ...(flags.ca ? { ca: readCaFile(flags.ca) } : {}),
        servername: flags.servername ?? flags.host,
      },
    ];
  }
  for (const flag of ['implicitPort', 'starttlsPort', 'user', 'password', 'ca', 'servername', 'cleartextTestCredentials'] as const) {
    if (flags[flag] !== undefined) throw new UsageError(`--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --host`);
  }
  const names: string[] = [];
  for (const requested of flags.target?.length ? flags.target : [DEFAULT_TARGET]) {
    const expanded = expandTargetName(requested);
    if (expanded.length === 0) throw new UsageError(`unknown target "${requested}"; built-in targets: all, ${Object.keys(BUILTIN_TARGETS).join(', ')}`);
    for (const name of expanded) if (!names.includes(name)) names.push(name);
  }
  if (flags.flaw?.length && !names.includes('flawed')) throw new UsageError('--flaw applies to --target flawed only');
  return names.map((name) => ({ type: 'builtin', name, ...(name === 'flawed' ? { flaws: flags.flaw ?? [] } : {}) }));
}

/** `--profile strict|default`: how configuration findings (certificates) are graded. */
function parseProfile(value: string | undefined): GradingProfile {
  if (value === undefined) return 'default';
  if (!(GRADING_PROFILES as readonly string[]).includes(value)) throw new UsageError(`unknown profile "${value}"; profiles: ${GRADING_PROFILES.join(', ')}`);
  return value as GradingProfile;
}

export async function runCommand(flags: RunFlags): Promise<number> {
  const profile = parseProfile(flags.profile);
  const specs = targetSpecs(flags);
  const envelope = parseEnvelope(flags);
  if (flags.flaw?.length) {
    const { parseFlaws } = await import('../../targets/flawed/flawed-target.ts');
    try {
      parseFlaws(flags.flaw);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  if (flags.password !== undefined) process.env[PASSWORD_ENV] = flags.password;
  const plan = planRun({
    targets: specs,
    only: flags.only ?? [],
    exclude: flags.exclude ?? [],
    shard: parseShardFlag(flags.shard),
    strict: flags.strict ?? false,
    profile,
    caseTimeoutMs: flags.caseTimeout ? parsePositiveInt(flags.caseTimeout, '--case-timeout') : undefined,
    replyTimeoutMs: flags.replyTimeout ? parsePositiveInt(flags.replyTimeout, '--reply-timeout') : undefined,
    seed: flags.seed !== undefined ? parseSeed(flags.seed) : undefined,
    runs: flags.runs ? parsePositiveInt(flags.runs, '--runs') : undefined,
    connections: flags.connections ? parsePositiveInt(flags.connections, '--connections') : undefined,
    deadlineMs: flags.deadline ? parsePositiveInt(flags.deadline, '--deadline') * 1000 : undefined,
    envelope,
    cleartextTestCredentials: flags.cleartextTestCredentials ?? false,
  });
  const formats = parseFormats(flags.format);
  if (plan.caseIds.length === 0) {
    throw new UsageError(`no case matches --only ${plan.only.join(' ')}${plan.exclude.length ? ` minus --exclude ${plan.exclude.join(' ')}` : ''} (see msaspec list)`);
  }
  if (flags.dryRun) {
    process.stdout.write(`${renderDryRun(plan)}\n`);
    return 0;
  }
  for (const spec of specs) if (spec.type === 'external') await preflightExternal(spec, plan.replyTimeoutMs);
  if (plan.cleartextTestCredentials) {
    const host = specs.find((spec) => spec.type === 'external');
    process.stderr.write(`msaspec: --cleartext-test-credentials: the password of ${flags.user} may go to ${host?.type === 'external' ? host.host : 'the host'} before TLS (state-reset and injection probes); use a throwaway test account\n`);
  }

  const outDir = resolve(flags.out);
  // Node 20's recursive mkdir never returns for some paths under /proc and /sys.
  if (/^\/(proc|sys)(\/|$)/.test(outDir)) throw new UsageError(`--out ${flags.out}: not a place for reports`);
  const startedAt = new Date();
  const stopOnSignal = (signal: NodeJS.Signals) => {
    const removed = removeRunContainersSync(plan.runId);
    process.stderr.write(`\nmsaspec: ${signal}: run stopped, ${removed} container(s) removed\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  // vitest loads only when a run starts, so usage errors, --version and list stay fast.
  const { runSuite } = await import('./run-suite.ts');
  const reporter = await runSuite(plan, outDir).finally(async () => {
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
  const report = buildReport({
    version: toolVersion(),
    plan,
    targets: provided?.targets ?? [],
    results: reporter.results,
    runErrors,
    startedAt,
  });
  await emitReport(report, outDir, { formats, color: flags.color, verbose: flags.verbose ?? false });
  return report.exitCode;
}
