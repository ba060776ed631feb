// Bad input to `msaspec`: every mistake is one line on stderr, exit code 3, no stack trace, no
// report directory; a server that never answers ends in ERROR verdicts, never in a hang.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  nonEmptyLines,
  PROJECT_ROOT,
  readReport,
  runCli,
  silentServer,
  tempDir,
  type CliResult,
  type LoopbackServer,
  expectReportLine,
} from './cli-process.ts';

const dir = tempDir();
/** Hard bound of a quick invocation; generous, for a loaded machine (a usage error takes ~2 s of CPU). */
const QUICK = 60_000;
const QUICK_TEST = { timeout: QUICK + 10_000 };
const notPem = join(dir, 'not-a-cert.pem');
writeFileSync(notPem, 'this is not a certificate\n');

let closed = 0;
let silent: LoopbackServer;
beforeAll(async () => {
  closed = await closedPort();
  silent = await silentServer();
});

/** The one-line contract of a usage error (app/cli/usage-error.ts, main.ts fail()). */
function expectUsageError(result: CliResult, message: RegExp): void {
  expect(result.timedOut).toBe(false);
  expect(result.stdout).toBe('');
  const lines = nonEmptyLines(result.stderr);
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^msaspec: error: \S/);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).toMatch(/\n$/);
  // No stack frames, no error class dumps.
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/[A-Z]\w*Error\b/);
  expect(result.stderr).not.toMatch(/node:internal|\.ts:\d+/);
  expect(result.code).toBe(3);
}

interface BadInput {
  name: string;
  /** Arguments; out is a report directory that must not be created. */
  args: (out: string) => string[];
  message: RegExp;
}

const BAD_INPUTS: BadInput[] = [
  { name: 'unknown flag', args: (out) => ['run', '--out', out, '--bogus'], message: /unknown option '--bogus'/ },
  { name: 'missing option value', args: (out) => ['run', '--out', out, '--host'], message: /'--host <host>' argument missing/ },
  { name: 'unknown command', args: () => ['frobnicate'], message: /unknown command 'frobnicate'/ },
  { name: 'no command', args: () => [], message: /a command is required: run, .*list/ },
  { name: 'a filter that selects nothing', args: (out) => ['run', '--out', out, '--target', 'flawed', '--only', 'nosuchcase'], message: /no case matches --only nosuchcase/ },
  { name: 'a flag where the host should be', args: (out) => ['run', '--out', out, '--host', '--verbose'], message: /'--host <host>' argument missing/ },
  { name: 'a report directory in /proc', args: () => ['run', '--out', '/proc/1/nope', '--target', 'flawed'], message: /--out \/proc\/1\/nope: not a place for reports/ },
  {
    name: 'port out of range',
    args: (out) => ['run', '--host', '127.0.0.1', '--starttls-port', '99999', '--out', out],
    message: /--starttls-port must be a port number 1-65535 or "none", got "99999"/,
  },
  {
    name: 'port not a number',
    args: (out) => ['run', '--host', '127.0.0.1', '--starttls-port', 'abc', '--out', out],
    message: /--starttls-port must be a port number .* got "abc"/,
  },
  {
    name: 'unreadable CA file',
    args: (out) => ['run', '--host', '127.0.0.1', '--ca', '/nonexistent.pem', '--out', out],
    message: /cannot read CA file \/nonexistent\.pem: ENOENT/,
  },
  {
    name: 'CA file that is not PEM',
    args: (out) => ['run', '--host', '127.0.0.1', '--ca', notPem, '--out', out],
    message: /holds no PEM certificate/,
  },
  {
    name: 'closed port',
    args: (out) => ['run', '--host', '127.0.0.1', '--implicit-port', 'none', '--starttls-port', String(closed), '--out', out],
    message: /cannot connect to 127\.0\.0\.1:\d+: connection refused/,
  },
  {
    name: '--user without a password',
    args: (out) => ['run', '--host', '127.0.0.1', '--user', 'alice', '--out', out],
    message: /--user needs a password: --password or MSASPEC_PASSWORD/,
  },
  {
    name: '--flaw without --target flawed',
    args: (out) => ['run', '--flaw', 'inject', '--out', out],
    message: /--flaw applies to --target flawed only/,
  },
  {
    name: 'unknown --flaw',
    args: (out) => ['run', '--target', 'flawed', '--flaw', 'bogus', '--out', out],
    message: /unknown flaw "bogus"; known flaws: inject,/,
  },
  {
    name: 'unknown --target',
    args: (out) => ['run', '--target', 'bogus', '--out', out],
    message: /unknown target "bogus"; built-in targets: .*\bflawed\b/,
  },
  {
    name: '--host together with --target',
    args: (out) => ['run', '--host', '127.0.0.1', '--target', 'flawed', '--out', out],
    message: /--host and --target exclude each other/,
  },
  {
    name: '--mail-from that is not an address',
    args: (out) => ['run', '--target', 'flawed', '--mail-from', 'alice', '--out', out],
    message: /--mail-from must be an address local-part@domain .*got "alice"/,
  },
  {
    name: '--rcpt-to in angle brackets',
    args: (out) => ['run', '--target', 'flawed', '--rcpt-to', '<bob@example.org>', '--out', out],
    message: /--rcpt-to must be an address local-part@domain .*got "<bob@example.org>"/,
  },
  {
    name: '--ehlo-name that is not a domain name',
    args: (out) => ['run', '--target', 'flawed', '--ehlo-name', 'my host', '--out', out],
    message: /--ehlo-name must be a domain name .*got "my host"/,
  },
  {
    name: '--ehlo-name smuggling a command line',
    args: (out) => ['run', '--target', 'flawed', '--ehlo-name', 'a.example.org\r\nRSET', '--out', out],
    message: /--ehlo-name must be a domain name .*got "a\.example\.org\\r\\nRSET"/,
  },
  {
    name: '--cleartext-test-credentials without --host',
    args: (out) => ['run', '--target', 'flawed', '--cleartext-test-credentials', '--out', out],
    message: /--cleartext-test-credentials needs --host/,
  },
  {
    name: '--cleartext-test-credentials without --user',
    args: (out) => ['run', '--host', '127.0.0.1', '--cleartext-test-credentials', '--out', out],
    message: /--cleartext-test-credentials needs --user: the throwaway test account/,
  },
];

// One concurrent suite: the long run against the silent server starts first, the quick usage errors
// share the remaining slots.
describe.concurrent('msaspec with bad input', () => {
  describe('a server that accepts and never speaks', () => {
    // The bound is loose on purpose: a hang is unbounded, while a loaded two-core machine can make
    // even a run of a few seconds slow (node start-up alone took 15 s at load 20). Every case also
    // stays within its own --case-timeout budget.
    it('ends in bounded time with ERROR verdicts and exit 3', { timeout: 110_000 }, async () => {
      const out = join(dir, 'silent');
      const args = ['run', '--host', '127.0.0.1', '--implicit-port', 'none', '--starttls-port', String(silent.port)];
      const result = await runCli([...args, '--reply-timeout', '500', '--case-timeout', '2000', '--out', out], { timeoutMs: 90_000 });

      expect(result.timedOut, 'the CLI hung and was killed after 90 s').toBe(false);
      expect(result.durationMs).toBeLessThan(90_000);
      expect(result.code).toBe(3);
      // It did connect: the preflight and then the cases.
      expect(silent.accepted).toBeGreaterThan(1);

      const report = readReport(out);
      expect(report.exitCode).toBe(3);
      // Run errors may summarise what happened (e.g. that the target stopped answering): one line each.
      for (const error of report.runErrors) expect(error).not.toContain('\n');
      expect(report.results.length).toBeGreaterThan(0);
      const errored = report.results.filter((r) => r.verdict === 'ERROR');
      expect(errored.length).toBeGreaterThan(0);
      for (const r of report.results) {
        // 465 is "none": its cases are not applicable; everything that ran could not conclude.
        if (r.port === '465') expect(r.verdict, r.caseId).toBe('NA');
        else if (r.verdict !== 'NA') {
          expect(r.verdict, `${r.port} ${r.caseId}`).toBe('ERROR');
          // Either its own wait timed out, or the harness had already given up on the target.
          expect(r.error, r.caseId).toMatch(/timed out after 500 ms|stopped answering/);
          expect(r.durationMs, r.caseId).toBeLessThan(2_000 + 5_000);
        }
      }
      // --reply-timeout is what bounded the waits.
      expect(errored.some((r) => /timed out after 500 ms waiting for greeting/.test(r.error ?? ''))).toBe(true);
      expect(report.results.filter((r) => r.port === '587').every((r) => r.verdict === 'ERROR' || r.verdict === 'NA')).toBe(true);

      expect(result.stdout).toMatch(/! ERROR +rfc3207\/4\/starttls-advertised/);
      expect(result.stdout).toMatch(/^Exit code: 3$/m);
      expectReportLine(result.stderr, out);
    });
  });

  describe.concurrent('usage errors: exit 3 and one line on stderr', () => {
    it.each(BAD_INPUTS.map((c, i) => ({ ...c, index: i })))('$name', QUICK_TEST, async ({ args, message, index }) => {
      const out = join(dir, `usage-${index}`);
      const result = await runCli(args(out), { timeoutMs: QUICK });
      expectUsageError(result, message);
      // Bad input is caught before anything runs: no report directory appears.
      expect(existsSync(out)).toBe(false);
    });
  });

  describe.concurrent('help and version exit 0', () => {
    it('--help prints usage on stdout', QUICK_TEST, async () => {
      const result = await runCli(['--help'], { timeoutMs: QUICK });
      expect(result.stdout).toMatch(/^Usage: msaspec /);
      expect(result.stdout).toMatch(/\brun \[options\]/);
      expect(result.stdout).toMatch(/\blist\b/);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    });

    it('--version prints the package version', QUICK_TEST, async () => {
      const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
      const result = await runCli(['--version'], { timeoutMs: QUICK });
      expect(result.stdout).toBe(`${version}\n`);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    });
  });
});
