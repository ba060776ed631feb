import { Command, CommanderError } from 'commander';
import { collect } from './parse-values.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { coverage, renderCoverage } from './coverage.ts';
import { listCommand } from './list-command.ts';
import { toolVersion } from './project-root.ts';
import { runCommand, type RunFlags } from './run-command.ts';

const EXIT_HARNESS = 3;

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
  .description('run the suite against built-in targets (default: postfix) or an external host')
  .option('--target <name>', 'built-in target: postfix, flawed (repeatable)', collect)
  .option('--flaw <name>', 'switch on a flaw of the flawed target (repeatable)', collect)
  .option('--host <host>', 'test an external host instead of a built-in target')
  .option('--implicit-port <port>', 'implicit-TLS (submissions) port of --host, or "none"', '465')
  .option('--starttls-port <port>', 'STARTTLS (submission) port of --host, or "none"', '587')
  .option('--user <user>', 'SASL user for AUTH cases on --host')
  .option('--password <password>', 'SASL password (prefer the MSASPEC_PASSWORD environment variable)')
  .option('--ca <file>', 'PEM trust anchor for --host (default: the system store)')
  .option('--servername <name>', 'name expected in the certificate and sent as SNI (default: --host)')
  .option('--out <dir>', 'report directory', './msaspec-report')
  .option('--only <prefix>', 'only cases whose id starts with prefix, or that check a requirement ID (repeatable)', collect)
  .option('--strict', 'exit 2 when SHOULD-level findings (WARN) are the only findings')
  .option('--profile <name>', 'reserved for grading profiles (e.g. strict certificate findings); not available yet')
  .option('--case-timeout <ms>', 'budget of one case')
  .option('--reply-timeout <ms>', 'bound on each wait for the server')
  .option('--verbose', 'print the wire log under each finding')
  .option('--no-color', 'no ANSI colours')
  .action(async (flags: RunFlags, command: Command) => {
    // Commander gives option defaults even when --host is absent; only flags the user set count.
    const given = Object.fromEntries(Object.entries(flags).filter(([key]) => command.getOptionValueSource(key) !== 'default'));
    const merged = { ...given, out: flags.out, color: flags.color && process.stdout.isTTY === true } as RunFlags;
    process.exitCode = await runCommand(merged);
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
    fail(err.message.replace(/^error: /, ''));
  }
  if (process.env.MSASPEC_DEBUG) console.error(err);
  fail(err instanceof Error ? err.message : String(err));
}
