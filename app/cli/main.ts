import { Command, CommanderError } from 'commander';
import { collect } from './parse-values.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { coverage, renderCoverage } from './coverage.ts';
import { listCommand } from './list-command.ts';
import { toolVersion } from './project-root.ts';
import { runCommand, type RunFlags } from './run-command.ts';
import { mergeCommand, type MergeFlags } from './merge-command.ts';
import { resultsCommand } from './results-command.ts';
import { FORMATS } from '../../reports/write-reports.ts';
import { DEFAULT_TARGET, MTA_TARGETS } from '../../targets/registry.ts';
import { RELEASES } from '../../targets/releases.ts';
import { DEFAULT_EHLO_NAME, DEFAULT_PROBE_ADDRESS, DEFAULT_RECIPIENT, DEFAULT_SENDER_DOMAIN } from '../../harness/model/envelope.ts';

const EXIT_HARNESS = 3;
const MTAS = [...new Set(MTA_TARGETS.map((name) => name.split(':')[0]))].join(', ');

function fail(message: string): never {
  process.stderr.write(`msaspec: error: ${message.split('\n')[0]}\n`);
  process.exit(EXIT_HARNESS);
}

const program = new Command('msaspec')
  .description('Conformance and security test suite for mail submission servers (ports 465 and 587)')
  .version(toolVersion())
  .exitOverride()
  .configureOutput({ writeErr: () => undefined, outputError: () => undefined });

program
  .command('run')
  .description(`run the suite against built-in targets (default: ${DEFAULT_TARGET}) or an external host`)
  .option('--target <name>', `built-in target (repeatable): <mta>:stock or <mta>:hardened for ${MTAS} on the current release line, <mta>@<release>:… on another (${RELEASES.join(', ')}) (<mta> alone: hardened; default ${DEFAULT_TARGET}), all (every MTA on the current line, both configurations), all@<release> (one line), everything (every line), or flawed`, collect)
  .option('--flaw <name>', 'switch on a flaw, or a conformant variant, of the flawed target (repeatable)', collect)
  .option('--host <host>', 'test an external host instead of a built-in target')
  .option('--implicit-port <port>', 'implicit-TLS (submissions) port of --host, or "none"', '465')
  .option('--starttls-port <port>', 'STARTTLS (submission) port of --host, or "none"', '587')
  .option('--user <user>', 'SASL user for AUTH cases on --host')
  .option('--password <password>', 'SASL password (prefer the MSASPEC_PASSWORD environment variable)')
  .option('--ca <file>', 'PEM trust anchor for --host (default: the system store)')
  .option('--servername <name>', 'name expected in the certificate and sent as SNI (default: --host)')
  .option('--out <dir>', 'report directory', './msaspec-report')
  .option('--only <prefix>', 'only cases whose id starts with prefix, or that check a requirement ID (repeatable)', collect)
  .option('--exclude <prefix>', 'leave out cases whose id starts with prefix, or that check a requirement ID (repeatable)', collect)
  .option('--strict', 'exit 2 when SHOULD-level findings (WARN) are the only findings')
  .option('--format <list>', `reports to write: ${FORMATS.join(',')} (comma-separated or repeated; default json,html,console)`, collect)
  .option('--shard <i/n>', 'run only part i of n of the case × target × port rows; `msaspec merge` joins the parts')
  .option('--dry-run', 'list the case × target × port rows that would run, start nothing')
  .option('--profile <name>', 'grading of configuration findings (certificates): default (WARN) or strict (FAIL)')
  .option('--case-timeout <ms>', 'budget of one case (default 20000)')
  .option('--reply-timeout <ms>', 'bound on each wait for the server (default 5000)')
  .option('--seed <n>', 'seed of the property-based cases (default: random, printed in the report); replays a finding')
  .option('--runs <n>', 'random runs per property-based case, after its systematic core, which always runs in full (default: each case\'s own, 6 to 63)')
  .option('--connections <n>', 'connections open at once to one target (default 6)')
  .option('--deadline <s>', 'whole-run budget in seconds: cases not finished by then end ERROR')
  .option('--mail-from <address>', `sender of the suite's transactions, on every target (default: --user when it is an address, else <user>@${DEFAULT_SENDER_DOMAIN}; ${DEFAULT_PROBE_ADDRESS} in probes without AUTH)`)
  .option('--rcpt-to <address>', `recipient of the suite's transactions, on every target (default ${DEFAULT_RECIPIENT}; ${DEFAULT_PROBE_ADDRESS} in probes without AUTH)`)
  .option('--ehlo-name <name>', `name the suite gives in EHLO, on every target (default ${DEFAULT_EHLO_NAME})`)
  .option('--waivers <file>', 'JSON file of known deviations to waive, on any target (on top of a built-in target\'s own): [{ "case": id, prefix or requirement ID, "port": "465"|"587" (optional), "reason": text, "expires": "YYYY-MM-DD" (optional) }]; a waived FAIL is XFAIL, a waived PASS is XPASS and fails the run, an expired waiver is an error')
  .option('--cleartext-test-credentials', 'with --host and --user: the state-reset and injection probes may send the real password before TLS; for a throwaway test account only')
  .option('--verbose', 'print the wire log under each finding')
  .option('--no-color', 'no ANSI colours')
  .action(async (flags: RunFlags, command: Command) => {
    // Commander gives option defaults even when --host is absent; only flags the user set count.
    const given = Object.fromEntries(Object.entries(flags).filter(([key]) => command.getOptionValueSource(key) !== 'default'));
    const merged = { ...given, out: flags.out, color: flags.color && process.stdout.isTTY === true } as RunFlags;
    process.exitCode = await runCommand(merged);
  });

program
  .command('merge')
  .description('merge report.json files into one report, in every chosen format: the shards of one run, runs of different targets side by side, or two runs of the same targets compared (the newer, with what changed on top)')
  .argument('<dir...>', 'report directories (or report.json files)')
  .option('--out <dir>', 'report directory', './msaspec-report')
  .option('--format <list>', `reports to write: ${FORMATS.join(',')} (default json,html,console)`, collect)
  .option('--verbose', 'print the wire log under each finding')
  .option('--no-color', 'no ANSI colours')
  .action(async (dirs: string[], flags: MergeFlags) => {
    process.exitCode = await mergeCommand(dirs, { ...flags, color: flags.color && process.stdout.isTTY === true });
  });

program
  .command('results')
  .description('publish a matrix run: docs/results.md (requirements × target × port, findings explained), docs/results.json and the verdict tables of docs/hardened/<mta>.md')
  .argument('<report>', 'report.json of a run of the MTA targets (or its directory), e.g. from `msaspec run --target all`; or a results.json to render again')
  .option('--out <dir>', 'where to write results.md and results.json (default: the project\'s docs/)')
  .action((report: string, flags: { out?: string }) => {
    process.exitCode = resultsCommand(report, flags);
  });

program
  .command('list')
  .description('print every case with its requirement IDs, level and ports')
  .option('--requirements', 'print each requirement with the cases that check it, and why uncovered ones are')
  .action((flags: { requirements?: boolean }) => {
    process.stdout.write(`${flags.requirements ? renderCoverage(coverage(ALL_CASES)) : listCommand()}\n`);
  });

try {
  await program.parseAsync(process.argv);
  process.exit(process.exitCode ?? 0);
} catch (err) {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) process.exit(0);
    if (err.code === 'commander.help') fail(`a command is required: ${program.commands.map((c) => c.name()).join(', ')} (see msaspec --help)`);
    fail(err.message.replace(/^error: /, ''));
  }
  if (process.env.MSASPEC_DEBUG) console.error(err);
  fail(err instanceof Error ? err.message : String(err));
}
