import { resolve } from 'node:path';
import { removeRunContainersSync } from '../../targets/engine/cleanup.ts';
import { renderDryRun } from './dry-run.ts';
import { emitReport, parseFormats } from './report-flags.ts';
import { executeRun } from '../api/run-suite.ts';
import { prepareRun } from '../api/run-options.ts';

/** `msaspec run`'s flags as commander hands them over: the API's options (app/api/run-options.ts), as text, plus the output flags. */
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
  waivers?: string;
  verbose?: boolean;
  color: boolean;
}

export async function runCommand(flags: RunFlags): Promise<number> {
  const { out, dryRun, format, verbose, color, ...options } = flags;
  const prepared = await prepareRun(options);
  const { plan } = prepared;
  const formats = parseFormats(format);
  if (dryRun) {
    process.stdout.write(`${renderDryRun(plan)}\n`);
    return 0;
  }
  if (plan.cleartextTestCredentials) {
    const host = prepared.specs.find((spec) => spec.type === 'external');
    process.stderr.write(`msaspec: --cleartext-test-credentials: the password of ${flags.user} may go to ${host?.type === 'external' ? host.host : 'the host'} before TLS (state-reset and injection probes); use a throwaway test account\n`);
  }
  const stopOnSignal = (signal: NodeJS.Signals) => {
    const removed = removeRunContainersSync(plan.runId);
    process.stderr.write(`\nmsaspec: ${signal}: run stopped, ${removed} container(s) removed\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  const outDir = resolve(out);
  const report = await executeRun(prepared, outDir);
  await emitReport(report, outDir, { formats, color, verbose: verbose ?? false });
  return report.exitCode;
}
