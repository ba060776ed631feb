// The redaction and escaping promises of test/cli/redaction.test.ts, for every report format: with
// all formats written, the SASL password (in clear, base64, or inside the AUTH PLAIN blob) is in no
// file and on no console line, and a server's markup and terminal escapes come out as text in HTML,
// Markdown, JUnit and SARIF and stripped on the console.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlawedServer } from '../../targets/flawed/flawed-server.ts';
import { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import { filesUnder, loopbackServer, nonEmptyLines, readReport, reportsLine, runCli, tempDir, TERMINAL_CONTROL, type LoopbackServer } from './cli-process.ts';

const USER = 'alice';
const SERVERNAME = 'mail.example.test';
const ALL = ['--format', 'json,html,junit,sarif,markdown,console'];
const FILES = ['report.json', 'index.html', 'junit.xml', 'report.sarif', 'summary.md'];
const TIMEOUT = { timeout: 150_000 };
const CLI_TIMEOUT = 120_000;

const dir = tempDir();
const caFile = join(dir, 'ca.pem');
let identity: { cert: string; key: string };
let server: FlawedServer | undefined;
let hostile: LoopbackServer;

const MARKUP = '<img src=x onerror=alert(1)></script><b>bold</b>';
const ESCAPES = '\x1b]0;pwned\x07\x1b[2J';

beforeAll(async () => {
  const ca = await CertificateAuthority.create();
  identity = await ca.issueServer(SERVERNAME);
  writeFileSync(caFile, ca.pem);
  hostile = await loopbackServer((socket) => {
    socket.write(`220 mail.example.test ${MARKUP}${ESCAPES}GREETING\r\n`);
    let buffer = '';
    socket.on('data', (data: Buffer) => {
      buffer += data.toString('latin1');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const verb = (buffer.slice(0, end).split(' ')[0] ?? '').toUpperCase();
        buffer = buffer.slice(end + 2);
        if (verb === 'EHLO') socket.write(`250-mail.example.test ${MARKUP}\r\n250-AUTH PLAIN LOGIN ${ESCAPES}\r\n250 8BITMIME\r\n`);
        else if (verb === 'AUTH') socket.write(`235 2.7.0 ${MARKUP}${ESCAPES}HOSTILE-AUTH\r\n`);
        else if (verb === 'STARTTLS') socket.write(`454 4.7.0 ${MARKUP}\r\n`);
        else if (verb === 'QUIT') socket.end(`221 2.0.0 ${MARKUP}\r\n`);
        else socket.write(`250 2.0.0 ${MARKUP}${ESCAPES}\r\n`);
      }
    });
  });
});

afterAll(async () => {
  await server?.stop();
});

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe.concurrent('every report format', () => {
  it('holds no password in any form, nor does the console', TIMEOUT, async () => {
    // 24 characters, so its base64 has no padding and matches inside longer base64 too.
    const password = `Pw${randomBytes(11).toString('hex')}`;
    // inject: findings with transcripts; data-broken: a FAIL after a successful AUTH, whose
    // transcript holds the real AUTH exchange.
    server = await FlawedServer.start({ ...identity, user: USER, password, flaws: ['inject', 'data-broken'], hostname: SERVERNAME });
    const out = join(dir, 'password');
    const args = ['run', '--host', '127.0.0.1', '--implicit-port', String(server.ports.implicit), '--starttls-port', String(server.ports.starttls)];
    const result = await runCli([...args, '--servername', SERVERNAME, '--ca', caFile, '--user', USER, ...ALL, '--verbose', '--out', out], {
      env: { MSASPEC_PASSWORD: password },
      timeoutMs: CLI_TIMEOUT,
    });
    expect(result.timedOut).toBe(false);
    expect(nonEmptyLines(result.stderr).at(-1)).toBe(reportsLine(out, FILES));
    const report = readReport(out);
    // The password was really used: AUTH succeeded.
    expect(report.results.filter((r) => r.caseId === 'rfc4954/4/auth-plain-succeeds-after-tls').map((r) => r.verdict)).toEqual(['PASS', 'PASS']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('AUTH PLAIN [redacted]');

    const secrets = { password, 'base64(password)': b64(password), 'AUTH PLAIN blob': b64(`\0${USER}\0${password}`).replace(/=+$/, '') };
    const files = filesUnder(out);
    expect(files.map((f) => f.path.slice(out.length + 1)).sort()).toEqual([...FILES, 'vitest.log'].sort());
    const places: [string, string][] = [
      ['stdout', result.stdout],
      ['stderr', result.stderr],
      ...files.map((f): [string, string] => [f.path, f.bytes.toString('latin1')]),
    ];
    for (const [form, needle] of Object.entries(secrets)) for (const [where, text] of places) expect(text.includes(needle), `${form} in ${where}`).toBe(false);
  });

  it('server markup is text in HTML, Markdown, JUnit and SARIF; its escapes never reach the console', TIMEOUT, async () => {
    const out = join(dir, 'hostile');
    const args = ['run', '--host', '127.0.0.1', '--implicit-port', 'none', '--starttls-port', String(hostile.port), ...ALL, '--verbose', '--out', out];
    const result = await runCli(args, { timeoutMs: CLI_TIMEOUT });
    expect(result.timedOut).toBe(false);
    const report = readReport(out); // JUnit and SARIF valid despite the server's text
    expect(report.exitCode).toBe(1);

    expect(result.stdout).not.toMatch(TERMINAL_CONTROL);
    // The console is plain text: markup is harmless there, and transcripts show escapes as \xNN.
    expect(result.stdout).toMatch(/^ +S: 220 mail\.example\.test <img src=x onerror=alert\(1\)><\/script><b>bold<\/b>.*GREETING$/m);

    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold');
    expect(html).toContain('220 mail.example.test &lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;');
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).not.toMatch(/<(img|b|\/script)\b/);
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit).not.toContain('<img');
    expect(junit).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // No file holds a raw escape character: each shows it as \x1b text.
    for (const file of filesUnder(out)) expect(file.bytes.includes(0x1b), file.path).toBe(false);
    expect(html).toContain('\\x1b]0;pwned\\x07');
  });
});
