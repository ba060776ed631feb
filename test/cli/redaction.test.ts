// What the CLI writes must not leak the SASL password (in clear, in base64, or as the AUTH PLAIN
// blob) and must not pass a hostile server's terminal escapes through to the console.
//
// The built-in flawed target's password is generated per run and never printed, so these tests run
// the flawed server in this process and point the CLI at it as an external host: then the test knows
// the password it must not find.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlawedServer, type Flaw } from '../../targets/flawed/flawed-server.ts';
import { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import type { Report } from '../../reports/report-model.ts';
import {
  filesUnder,
  loopbackServer,
  nonEmptyLines,
  readReport,
  runCli,
  tempDir,
  TERMINAL_CONTROL,
  type CliResult,
  type LoopbackServer,
  expectReportLine,
} from './cli-process.ts';

const USER = 'alice';
const SERVERNAME = 'mail.example.test';
/** Generous bounds for a loaded two-core machine; a run takes ~5 s when the machine is idle. */
const RUN_TIMEOUT = { timeout: 120_000 };
const HARD_LIMIT = 100_000;

const dir = tempDir();
const caFile = join(dir, 'ca.pem');

let identity: { cert: string; key: string };
const servers: FlawedServer[] = [];

let hostile: LoopbackServer;

beforeAll(async () => {
  hostile = await hostileServer();
  const ca = await CertificateAuthority.create();
  identity = await ca.issueServer(SERVERNAME);
  writeFileSync(caFile, ca.pem);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function flawedServer(password: string, flaws: Flaw[]): Promise<FlawedServer> {
  const server = await FlawedServer.start({ ...identity, user: USER, password, flaws, hostname: SERVERNAME });
  servers.push(server);
  return server;
}

/** A password of 24 characters (a multiple of 3, so its base64 has no padding), unique per test. */
function newPassword(): string {
  return `Pw${randomBytes(11).toString('hex')}`;
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** Every form in which the password could leak: clear, base64 (AUTH LOGIN), the AUTH PLAIN blob. */
function secretForms(password: string): Record<string, string> {
  return {
    password,
    'base64(password)': b64(password),
    'base64(AUTH PLAIN blob)': b64(`\0${USER}\0${password}`).replace(/=+$/, ''),
  };
}

function expectNoTrace(password: string, result: CliResult, outDir: string): void {
  const files = filesUnder(outDir);
  expect(files.map((f) => f.path)).toContain(join(outDir, 'report.json'));
  const places: [string, string][] = [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
    ...files.map((f): [string, string] => [f.path, f.bytes.toString('utf8')]),
    ...files.map((f): [string, string] => [`${f.path} (latin1)`, f.bytes.toString('latin1')]),
  ];
  for (const [form, needle] of Object.entries(secretForms(password))) {
    for (const [where, text] of places) expect(text.includes(needle), `${form} found in ${where}`).toBe(false);
  }
}

function externalArgs(server: { ports: { implicit?: number; starttls?: number } }, out: string): string[] {
  return [
    'run',
    '--host',
    '127.0.0.1',
    '--implicit-port',
    String(server.ports.implicit ?? 'none'),
    '--starttls-port',
    String(server.ports.starttls ?? 'none'),
    '--servername',
    SERVERNAME,
    '--ca',
    caFile,
    '--user',
    USER,
    '--out',
    out,
  ];
}

const AUTH_SUCCEEDS = ['rfc4954/4/auth-plain-succeeds-after-tls', 'rfc4954/4/auth-login-succeeds-after-tls'];

const HOSTILE = '\x1b]0;pwned\x07\x1b[2J';

/**
 * A plaintext SMTP server (no TLS, accepts AUTH in clear) whose every reply carries an OSC (retitle the window) and a CSI (clear the
 * screen) sequence, followed by a marker that shows the text around them did reach the console.
 */
function hostileServer(): Promise<LoopbackServer> {
  return loopbackServer((socket) => {
    socket.write(`220 mail.example.test ${HOSTILE}HOSTILE-GREETING ESMTP\r\n`);
    let buffer = '';
    socket.on('data', (data: Buffer) => {
      buffer += data.toString('latin1');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        const verb = (line.split(' ')[0] ?? '').toUpperCase();
        buffer = buffer.slice(end + 2);
        if (verb === 'EHLO') {
          socket.write(`250-mail.example.test ${HOSTILE}HOSTILE-EHLO\r\n250-\x1b[31mPIPELINING\x1b[0m\r\n250-AUTH PLAIN LOGIN ${HOSTILE}\r\n250 8BITMIME\r\n`);
        } else if (line.toUpperCase().startsWith('STARTTLS ')) socket.write(`501 5.5.4 ${HOSTILE}HOSTILE-NOPARAM\r\n`);
        else if (verb === 'STARTTLS') socket.write(`454 4.7.0 ${HOSTILE}HOSTILE-NOTLS\r\n`);
        // Credentials accepted in clear: a MUST NOT violation whatever the oracle's details.
        else if (verb === 'AUTH') socket.write(`235 2.7.0 ${HOSTILE}HOSTILE-AUTH\r\n`);
        else if (verb === 'QUIT') socket.end(`221 2.0.0 ${HOSTILE}bye\r\n`);
        else socket.write(`250 2.0.0 ${HOSTILE}HOSTILE-OK\r\n`);
      }
    });
  });
}

// All three runs at once.
describe.concurrent('redaction and terminal safety', () => {
  describe.concurrent('no password in any output', () => {
    it('MSASPEC_PASSWORD, --verbose, findings with AUTH transcripts: the password is nowhere', RUN_TIMEOUT, async () => {
      const password = newPassword();
      // inject: VULNERABLE findings, printed with their transcripts (--verbose). data-broken: the
      // end-to-end submission FAILs after a successful AUTH, so a transcript holding the real AUTH
      // exchange is printed too. AUTH itself works, so the password is really used.
      const server = await flawedServer(password, ['inject', 'data-broken']);
      const out = join(dir, 'password');
      const result = await runCli([...externalArgs(server, out), '--verbose'], { env: { MSASPEC_PASSWORD: password }, timeoutMs: HARD_LIMIT });

      expect(result.timedOut).toBe(false);
      expect(result.code, result.stdout).toBe(1);
      const report = readReport(out);
      expect(report.exitCode).toBe(1);

      // The password was used: AUTH PLAIN and AUTH LOGIN succeed on both ports.
      const auth = report.results.filter((r) => AUTH_SUCCEEDS.includes(r.caseId));
      expect(auth.map((r) => r.port).sort()).toEqual(['465', '465', '587', '587']);
      for (const r of auth) expect(r.verdict, `${r.port} ${r.caseId}: ${r.actual}`).toBe('PASS');
      for (const r of report.results.filter((r) => r.caseId.startsWith('injection/1/'))) expect(r.verdict, r.caseId).toBe('FAIL');
      expect(report.results.filter((r) => r.caseId === 'rfc6409/submission/end-to-end').map((r) => r.verdict)).toEqual(['FAIL', 'FAIL']);

      const target = report.targets[0]!;
      expect(target.user).toBe(USER);
      expect(target).not.toHaveProperty('password');
      expect(target.caProvided).toBe(true);

      // Where the secret went, the report's transcripts show it masked (AUTH PLAIN's blob, and the
      // username and password lines of AUTH LOGIN).
      const sent = report.results.flatMap((r) => r.transcript).filter((e) => e.dir === 'C').map((e) => e.text);
      expect(sent).toContain('AUTH PLAIN [redacted]');
      expect(sent).toContain('AUTH LOGIN');
      expect(sent).toContain('[redacted]');

      // --verbose: the wire log of the findings is on stdout, a successful AUTH PLAIN in it, masked.
      expect(result.stdout).toContain('          Transcript:');
      expect(result.stdout).toMatch(/^ +C: AUTH PLAIN \[redacted\]$/m);
      expect(result.stdout).toMatch(/^ +S: 235 /m);
      expect(result.stdout).toMatch(/^Exit code: 1$/m);

      expectNoTrace(password, result, out);
    });
  });

  describe.concurrent('a server that sends terminal escape sequences', () => {
    for (const verbose of [false, true]) {
      it(`no control character reaches the console${verbose ? ' (--verbose)' : ''}`, RUN_TIMEOUT, async () => {
        const out = join(dir, verbose ? 'hostile-verbose' : 'hostile');
        const args = ['run', '--host', '127.0.0.1', '--implicit-port', 'none', '--starttls-port', String(hostile.port), '--out', out];
        const result = await runCli(verbose ? [...args, '--verbose'] : args, { timeoutMs: HARD_LIMIT });

        expect(result.timedOut).toBe(false);
        // AUTH accepted before TLS: MUST NOT-level FAILs.
        expect(result.code).toBe(1);
        expect(result.stdout).not.toContain('\x1b');
        expect(result.stdout).not.toMatch(TERMINAL_CONTROL);
        expect(result.stderr).not.toMatch(TERMINAL_CONTROL);
        expectReportLine(result.stderr, out);
        // The server's text did reach the console, only its escapes did not.
        expect(result.stdout).toMatch(/× VULNERABLE +rfc4954\/4\/auth-plain-refused-before-tls /);
        expect(result.stdout).toMatch(/^ +Actual: 235 2\.7\.0 .*HOSTILE-AUTH$/m);
        expect(result.stdout).toMatch(/^Exit code: 1$/m);
        if (verbose) {
          expect(result.stdout).toMatch(/^ +S: 220 mail\.example\.test .*HOSTILE-GREETING ESMTP$/m);
          expect(result.stdout).toMatch(/^ +S: 250-mail\.example\.test .*HOSTILE-EHLO$/m);
        } else {
          expect(result.stdout).not.toContain('Transcript:');
        }

        // The sequences did arrive: the report's transcripts keep them, written out as \xNN text.
        // (JSON escapes whatever raw control text the report holds, so no file has a raw ESC.)
        const report = readReport(out);
        expect(report.exitCode).toBe(1);
        const received = report.results.flatMap((r) => r.transcript).map((e) => e.text);
        expect(received).toContain('220 mail.example.test \\x1b]0;pwned\\x07\\x1b[2JHOSTILE-GREETING ESMTP');
        for (const file of filesUnder(out)) expect(file.bytes.includes(0x1b), file.path).toBe(false);
      });
    }
  });
});
