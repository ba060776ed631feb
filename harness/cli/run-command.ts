import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { removeRunContainersSync } from '../../containers/engine/cleanup.ts';
import { BUILTIN_TARGETS, DEFAULT_TARGET, expandTargetName } from '../../containers/registry.ts';
import { buildReport } from '../../reports/build-report.ts';
import { renderConsoleTree } from '../../reports/console-tree.ts';
import { writeJsonReport } from '../../reports/json-writer.ts';
import { DEFAULT_TIMEOUTS } from '../run/case-context.ts';
import { PASSWORD_ENV, type RunPlan, type TargetSpec } from '../targets/target-spec.ts';
import { preflightExternal } from './preflight.ts';
import { parsePort, parsePositiveInt, readCaFile } from './parse-values.ts';
import { toolVersion } from './project-root.ts';
import { runSuite } from './run-suite.ts';
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
  strict?: boolean;
  profile?: string;
  caseTimeout?: string;
  replyTimeout?: string;
  verbose?: boolean;
  color: boolean;
}

function targetSpecs(flags: RunFlags): TargetSpec[] {
  if (flags.host !== undefined) {
    if (flags.target?.length) throw new UsageError('--host and --target exclude each other');
    const password = flags.password ?? process.env[PASSWORD_ENV];
    if (flags.user && !password) throw new UsageError(`--user needs a password: --password or ${PASSWORD_ENV}`);
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
  for (const flag of ['implicitPort', 'starttlsPort', 'user', 'password', 'ca', 'servername'] as const) {
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

export async function runCommand(flags: RunFlags): Promise<number> {
  if (flags.profile !== undefined) throw new UsageError('--profile is reserved for a later version; use --strict to fail on SHOULD-level findings');
  const specs = targetSpecs(flags);
  if (flags.flaw?.length) {
    const { parseFlaws } = await import('../../containers/flawed/flawed-target.ts');
    try {
      parseFlaws(flags.flaw);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  if (flags.password !== undefined) process.env[PASSWORD_ENV] = flags.password;
  const plan: RunPlan = {
    runId: randomBytes(6).toString('hex'),
    targets: specs,
    only: flags.only ?? [],
    strict: flags.strict ?? false,
    caseTimeoutMs: flags.caseTimeout ? parsePositiveInt(flags.caseTimeout, '--case-timeout') : DEFAULT_TIMEOUTS.caseMs,
    replyTimeoutMs: flags.replyTimeout ? parsePositiveInt(flags.replyTimeout, '--reply-timeout') : DEFAULT_TIMEOUTS.replyMs,
    quietMs: DEFAULT_TIMEOUTS.quietMs,
  };
  for (const spec of specs) if (spec.type === 'external') await preflightExternal(spec, plan.replyTimeoutMs);

  const outDir = resolve(flags.out);
  const startedAt = new Date();
  const stopOnSignal = (signal: NodeJS.Signals) => {
    const removed = removeRunContainersSync(plan.runId);
    process.stderr.write(`\nmsaspec: ${signal}: run stopped, ${removed} container(s) removed\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  const reporter = await runSuite(plan, outDir);
  const provided = reporter.provided;
  const runErrors = [...(provided?.errors ?? []), ...reporter.unhandled];
  if (!provided && runErrors.length === 0) runErrors.push(`the run did not start; see ${resolve(outDir, 'vitest.log')}`);
  const report = buildReport({
    version: toolVersion(),
    plan,
    targets: provided?.targets ?? [],
    results: reporter.results,
    runErrors,
    startedAt,
  });
  const path = await writeJsonReport(report, outDir);
  process.stdout.write(`${renderConsoleTree(report, { color: flags.color, verbose: flags.verbose ?? false })}\n`);
  process.stderr.write(`msaspec: report written to ${path}\n`);
  return report.exitCode;
}
