// README "In CI", followed end to end: a user's own MTA (here the aiosmtpd test host's Dockerfile,
// taken as a foreign image: built with plain `docker build`, started with plain `docker run`, nothing
// of msaspec's provisioning), then the documented steps against it: the npm package's CLI with
// `--host`, and the Action's script with a waivers file for the server's known findings.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import type { PortKind } from '../../harness/model/port.ts';
import { MANAGED_LABEL, PID_LABEL } from '../../targets/engine/cleanup.ts';
import { TEST_HOST_FINDINGS } from '../../targets/hosts/index.ts';
import { expectedVerdict } from '../../targets/target-findings.ts';
import { nonEmptyLines, PROJECT_ROOT, readReport, runCli, tempDir } from '../cli/cli-process.ts';
import { packedPackage, type PackedPackage } from './packed.ts';

const IMAGE = 'msaspec-recipe/my-mta:test';
const USER = 'alice@aiosmtpd.test';
const SERVERNAME = 'mail.example.test';
/** The rows the recipe runs: the server's three known findings and the cases around them. */
const ONLY = ['rfc3207/4.2/', 'rfc4954/4/auth-plain-succeeds-after-tls', 'rfc8314/'];
const FINDINGS = TEST_HOST_FINDINGS.aiosmtpd.expected;

function docker(args: string[], timeoutMs = 120_000): string {
  const result = spawnSync('docker', args, { encoding: 'utf8', timeout: timeoutMs });
  if (result.status !== 0) throw new Error(`docker ${args.slice(0, 2).join(' ')} failed: ${(result.stderr || result.error?.message || '').slice(-2000)}`);
  return result.stdout.trim();
}

describe('recipe: test my own MTA (README "In CI")', () => {
  const dir = tempDir('msaspec-recipe-');
  const password = randomBytes(12).toString('base64url');
  let pkg: PackedPackage;
  let container = '';
  let ports: Record<PortKind, number>;
  const caFile = join(dir, 'ca.pem');

  beforeAll(async () => {
    pkg = await packedPackage();
    // My MTA's build: its Dockerfile and files, built on Debian 12 by plain docker build.
    const context = join(dir, 'my-mta');
    cpSync(join(PROJECT_ROOT, 'targets/aiosmtpd/image'), context, { recursive: true });
    cpSync(join(PROJECT_ROOT, 'targets/images/run-files.sh'), join(context, 'run-files.sh'));
    docker(['build', '-q', '--build-arg', 'BASE=msaspec/base:bookworm', '-t', IMAGE, context], 15 * 60_000);
    // Its test certificate and account, handed over as files at start, as a CI job would.
    const ca = await CertificateAuthority.create('my MTA test CA');
    const leaf = await ca.issueServer(SERVERNAME);
    writeFileSync(caFile, ca.pem);
    const run = join(dir, 'run');
    mkdirSync(join(run, 'tls'), { recursive: true });
    writeFileSync(join(run, 'tls/cert.pem'), leaf.cert);
    writeFileSync(join(run, 'tls/key.pem'), leaf.key, { mode: 0o600 });
    writeFileSync(join(run, 'password'), `${password}\n`, { mode: 0o600 });
    writeFileSync(join(run, 'user'), `${USER}\n`);
    chmodSync(run, 0o755);
    container = docker(['run', '-d', '--rm', '--label', `${MANAGED_LABEL}=true`, '--label', `${PID_LABEL}=${process.pid}`, '-p', '127.0.0.1::465', '-p', '127.0.0.1::587', '-v', `${run}:/run/msaspec`, IMAGE]);
    const logs = () => {
      const result = spawnSync('docker', ['logs', container], { encoding: 'utf8' });
      return `${result.stdout}${result.stderr}`;
    };
    const deadline = Date.now() + 60_000;
    while (!/msaspec: listening on 587 and 465/.test(logs())) {
      if (Date.now() > deadline) throw new Error(`my MTA did not start: ${logs().slice(-2000)}`);
      await new Promise((done) => setTimeout(done, 250));
    }
    const mapped = (port: number) => Number(/:(\d+)$/.exec(docker(['port', container, `${port}/tcp`]).split('\n')[0] ?? '')?.[1]);
    ports = { implicit: mapped(465), starttls: mapped(587) };
  }, 25 * 60_000);

  afterAll(() => {
    if (container) spawnSync('docker', ['rm', '-f', container], { stdio: 'ignore' });
  });

  /** "<case> <port>" → the verdict aiosmtpd's findings expect, for the rows of a report. */
  const expectedOf = (rows: { caseId: string; port: string }[]) =>
    Object.fromEntries(rows.map((r) => [`${r.caseId} ${r.port}`, expectedVerdict(FINDINGS, r.caseId, r.port === '587' ? 'starttls' : 'implicit')]));

  it('the CLI of the npm package: npx msaspec run --host …, the server\'s findings, exit 1', { timeout: 300_000 }, async () => {
    const out = join(dir, 'cli');
    const args = ['run', '--host', '127.0.0.1', '--implicit-port', String(ports.implicit), '--starttls-port', String(ports.starttls), '--ca', caFile, '--servername', SERVERNAME, '--user', USER, '--seed', '42', '--format', 'json,markdown', '--out', out];
    for (const prefix of ONLY) args.push('--only', prefix);
    const result = await runCli(args, { command: [process.execPath, pkg.bin], cwd: dir, env: { MSASPEC_PASSWORD: password }, timeoutMs: 280_000 });
    expect(result.timedOut).toBe(false);
    const report = readReport(out);
    expect(result.code).toBe(1);
    expect(report.runErrors).toEqual([]);
    const seen = Object.fromEntries(report.results.map((r) => [`${r.caseId} ${r.port}`, r.verdict]));
    expect(seen).toEqual(expectedOf(report.results));
    expect(seen['rfc3207/4.2/second-starttls-refused 587']).toBe('FAIL');
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).not.toContain(password);
  });

  it("the Action's script with a waivers file: the known findings XFAIL with their reasons, the step passes", { timeout: 300_000 }, async () => {
    const waivers = join(dir, 'msaspec-waivers.json');
    const known = Object.entries(FINDINGS).flatMap(([caseId, [verdict, reason]]) =>
      (typeof verdict === 'string' ? [[undefined, verdict] as const] : Object.entries(verdict).map(([port, v]) => [port as PortKind, v] as const))
        .filter(([, v]) => v === 'FAIL' && ONLY.some((prefix) => caseId.startsWith(prefix)))
        .map(([port]) => ({ case: caseId, ...(port ? { port: port === 'implicit' ? '465' : '587' } : {}), reason, expires: '2999-12-31' })),
    );
    expect(known.length).toBeGreaterThanOrEqual(3);
    writeFileSync(waivers, JSON.stringify(known, null, 2));
    const summaryFile = join(dir, 'step-summary.md');
    const outputFile = join(dir, 'step-output');
    writeFileSync(summaryFile, '');
    writeFileSync(outputFile, '');
    const out = join(dir, 'action');
    const env = {
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      INPUT_HOST: '127.0.0.1',
      INPUT_PORTS: `${ports.implicit},${ports.starttls}`,
      INPUT_SERVERNAME: SERVERNAME,
      INPUT_CA: caFile,
      INPUT_USER: USER,
      INPUT_PASSWORD: password,
      INPUT_ONLY: ONLY.join('\n'),
      INPUT_WAIVERS: waivers,
      INPUT_FORMATS: 'json,html,junit',
      INPUT_UPLOAD_SARIF: 'true',
      INPUT_OUT: out,
      INPUT_PACKAGE: pkg.tarball,
    };
    const result = await runCli([], { command: [process.execPath, join(PROJECT_ROOT, 'action/run.mjs')], cwd: dir, env, timeoutMs: 280_000 });
    expect(result.timedOut).toBe(false);
    const report = readReport(out);
    expect(result.code, result.stderr).toBe(0);
    expect(nonEmptyLines(readFileSync(outputFile, 'utf8'))).toContain('exit-code=0');
    expect(readFileSync(summaryFile, 'utf8')).toBe(readFileSync(join(out, 'summary.md'), 'utf8'));
    const xfail = report.results.filter((r) => r.verdict === 'XFAIL');
    expect(xfail.map((r) => `${r.caseId} ${r.port}`).sort()).toEqual(known.map((k) => `${k.case} ${k.port ?? '465+587'}`).sort());
    for (const r of xfail) expect(r.waiver).toBe(FINDINGS[r.caseId]![1]);
    expect(report.results.filter((r) => r.verdict === 'FAIL' || r.verdict === 'XPASS' || r.verdict === 'ERROR')).toEqual([]);
  });
});
