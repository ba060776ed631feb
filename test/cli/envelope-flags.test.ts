// `--mail-from`, `--rcpt-to`, `--ehlo-name` and `--cleartext-test-credentials` end to end: the values
// reach the wire (the transcript shows them), the report's options record them, and the opt-in lets
// the state-reset probes use the real password before TLS on a live host, while the password still
// appears nowhere in what the CLI writes.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_DOMAIN } from '../../targets/flawed/address-policy.ts';
import { FlawedServer, type Flaw } from '../../targets/flawed/flawed-server.ts';
import { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import type { Report } from '../../reports/report-model.ts';
import { expectReportLine, filesUnder, readReport, runCli, tempDir, type CliResult } from './cli-process.ts';

const dir = tempDir();
const caFile = join(dir, 'ca.pem');
const USER = 'alice';
const SERVERNAME = 'mail.example.test';
/** Generous bounds for a loaded two-core machine; a run takes a few seconds when the machine is idle. */
const RUN_TIMEOUT = { timeout: 120_000 };

let identity: { cert: string; key: string };
const servers: FlawedServer[] = [];

beforeAll(async () => {
  const ca = await CertificateAuthority.create();
  identity = await ca.issueServer(SERVERNAME);
  writeFileSync(caFile, ca.pem);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function run(name: string, args: string[], env: Record<string, string> = {}): Promise<{ result: CliResult; report: Report; out: string }> {
  const out = join(dir, name);
  const result = await runCli(['run', ...args, '--format', 'json', '--out', out], { timeoutMs: 100_000, env });
  expect(result.timedOut, 'the CLI was killed after 100 s').toBe(false);
  expectReportLine(result.stderr, out);
  return { result, report: readReport(out), out };
}

/** Lines the client sent, in every row of the report. */
const sent = (report: Report): string[] => report.results.flatMap((r) => r.transcript.filter((e) => e.dir === 'C').map((e) => e.text));

describe.concurrent('envelope flags on the built-in flawed target', () => {
  it('--ehlo-name, --mail-from and --rcpt-to reach the wire and the report options', RUN_TIMEOUT, async () => {
    const envelope = ['--ehlo-name', 'submit.example.org', '--mail-from', 'carol@example.org', '--rcpt-to', 'dave@example.org'];
    const { report } = await run('own-envelope', ['--target', 'flawed', '--only', 'rfc6409/submission/end-to-end', '--only', 'rfc2920/', ...envelope]);
    expect(report.options).toMatchObject({ ehloName: 'submit.example.org', mailFrom: 'carol@example.org', rcptTo: 'dave@example.org' });
    expect(report.options).not.toHaveProperty('cleartextTestCredentials');
    const lines = sent(report);
    expect(lines).toContain('EHLO submit.example.org');
    expect(lines).toContain('MAIL FROM:<carol@example.org>');
    expect(lines).toContain('RCPT TO:<dave@example.org>');
    expect(lines.join('\n')).not.toMatch(/example\.test|client\.msaspec\.test/);
    for (const r of report.results) expect(r.verdict, `${r.caseId} ${r.port}: ${r.actual}`).toBe('PASS');
  });

  it('a host that takes only its own addresses: NA naming the flags by default, PASS with them', RUN_TIMEOUT, async () => {
    const only = ['--target', 'flawed', '--flaw', 'local-addresses-only', '--only', 'rfc6409/submission/end-to-end'];
    const refused = await run('policy-default', only);
    expect(refused.report.results).toHaveLength(2);
    for (const r of refused.report.results) {
      expect(r.verdict, r.actual).toBe('NA');
      expect(r.actual).toMatch(/550 5\.7\.1 .*RFC 6409 §6\.1.*--mail-from/);
    }
    expect(refused.result.code).toBe(0);
    const own = await run('policy-own', [...only, '--mail-from', `alice@${LOCAL_DOMAIN}`, '--rcpt-to', `bob@${LOCAL_DOMAIN}`]);
    for (const r of own.report.results) expect(r.verdict, r.actual).toBe('PASS');
  });
});

describe.concurrent('--cleartext-test-credentials on a live host', () => {
  async function host(flaws: Flaw[]): Promise<{ server: FlawedServer; password: string; args: string[] }> {
    const password = `Pw${randomBytes(11).toString('hex')}`;
    const server = await FlawedServer.start({ ...identity, user: USER, password, flaws, hostname: SERVERNAME });
    servers.push(server);
    const args = ['--host', '127.0.0.1', '--implicit-port', String(server.ports.implicit), '--starttls-port', String(server.ports.starttls)];
    return { server, password, args: [...args, '--servername', SERVERNAME, '--ca', caFile, '--user', USER, '--only', 'rfc3207/4.2/auth-forgotten'] };
  }

  it('without it the probe stops before the real password and its NA names the flag; with it the kept authentication is found', RUN_TIMEOUT, async () => {
    const { password, args } = await host(['auth-before-tls', 'keep-auth']);
    const env = { MSASPEC_PASSWORD: password };

    const without = await run('no-opt-in', args, env);
    const [na] = without.report.results;
    expect(na?.verdict, na?.actual).toBe('NA');
    expect(na?.actual).toMatch(/real password in clear \(--cleartext-test-credentials allows it, for a throwaway test account\)/);
    expect(na?.transcript.filter((e) => e.dir === 'C' && !e.tls && /^AUTH /.test(e.text)).map((e) => e.text)).toEqual(['AUTH PLAIN [probe credentials]']);

    const withOptIn = await run('opt-in', [...args, '--cleartext-test-credentials'], env);
    expect(withOptIn.report.options).toMatchObject({ cleartextTestCredentials: true });
    expect(withOptIn.result.stderr).toMatch(/^msaspec: --cleartext-test-credentials: the password of alice may go to 127\.0\.0\.1 before TLS/m);
    const [kept] = withOptIn.report.results;
    expect(kept?.verdict, kept?.actual).toBe('FAIL');
    expect(kept?.seen).toBe('pre-TLS authentication kept');
    // The real AUTH went in clear, as asked, and is masked in the transcript.
    expect(kept?.transcript.some((e) => e.dir === 'C' && !e.tls && e.text === 'AUTH PLAIN [redacted]')).toBe(true);

    const forms = [password, Buffer.from(password).toString('base64'), Buffer.from(`\0${USER}\0${password}`).toString('base64').replace(/=+$/, '')];
    for (const { path, bytes } of [...filesUnder(without.out), ...filesUnder(withOptIn.out)]) {
      for (const form of forms) expect(bytes.toString('utf8').includes(form), `${form} in ${path}`).toBe(false);
    }
    for (const form of forms) expect(`${withOptIn.result.stdout}${withOptIn.result.stderr}`.includes(form)).toBe(false);
  });

  it('with it, a host that forgets the authentication at the handshake passes', RUN_TIMEOUT, async () => {
    const { password, args } = await host(['auth-before-tls']);
    const { report } = await run('opt-in-conforming', [...args, '--cleartext-test-credentials'], { MSASPEC_PASSWORD: password });
    const [row] = report.results;
    expect(row?.verdict, row?.actual).toBe('PASS');
  });
});
