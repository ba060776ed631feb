// msaspec's own container image (the root Dockerfile, `npm run image`): built offline FROM the project's
// Debian 13 base image, it runs `msaspec run --host` on the host network and gives the verdicts the CLI
// gives, row for row, against the same live host with the same seed.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import type { Report } from '../../reports/report-model.ts';
import { MANAGED_LABEL, PID_LABEL } from '../../targets/engine/cleanup.ts';
import { startFlawed } from '../self-validation/flawed-target-fixture.ts';
import { PROJECT_ROOT, readReport, runCli, tempDir } from '../cli/cli-process.ts';
import { packedPackage } from './packed.ts';

const VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const IMAGE = `msaspec/msaspec:${VERSION}`;
/** The CLI tests point DOCKER_HOST nowhere; docker itself needs the real one. */
const DOCKER_ENV = { DOCKER_HOST: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock' };

const verdicts = (report: Report) => Object.fromEntries(report.results.map((r) => [`${r.caseId} ${r.port}`, r.verdict]));

describe('the msaspec container image', () => {
  let host: ProvisionedTarget;
  const dir = tempDir('msaspec-image-');

  beforeAll(async () => {
    const pkg = await packedPackage();
    const build = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts/container-image.ts')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, MSASPEC_PACKAGE: pkg.tarball },
      encoding: 'utf8',
      timeout: 20 * 60_000,
    });
    expect(build.status, build.stderr.slice(-3000)).toBe(0);
    // Two flaws, so that the comparison covers findings as well as passes.
    host = await startFlawed(['inject', 'auth-before-tls']);
    writeFileSync(join(dir, 'ca.pem'), host.target.ca ?? '');
  }, 25 * 60_000);
  afterAll(() => host?.stop());

  it('is built FROM the Debian 13 base image with Debian\'s Node.js 20, and runs msaspec', { timeout: 60_000 }, async () => {
    const dockerfile = readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG BASE=msaspec\/base:trixie$/m);
    expect(dockerfile).toMatch(/^FROM \$\{BASE\}$/m);
    expect(dockerfile).toMatch(/nodejs=20\.19\.[\d.+~a-z-]+/);
    const version = await runCli(['run', '--rm', IMAGE, '--version'], { command: ['docker'], env: DOCKER_ENV, timeoutMs: 50_000 });
    expect(version.stdout.trim()).toBe(VERSION);
    const node = await runCli(['run', '--rm', '--entrypoint', 'node', IMAGE, '--version'], { command: ['docker'], env: DOCKER_ENV, timeoutMs: 50_000 });
    expect(node.stdout.trim()).toMatch(/^v20\.19\./);
  });

  it('gives the same verdicts as the CLI against the same host (--host, host network)', { timeout: 300_000 }, async () => {
    const { ports, servername } = host.target;
    const args = (ca: string, out: string) => ['run', '--host', '127.0.0.1', '--implicit-port', String(ports.implicit), '--starttls-port', String(ports.starttls), '--ca', ca, '--servername', servername, '--seed', '11', '--format', 'json', '--out', out];

    const direct = await runCli(args(join(dir, 'ca.pem'), join(dir, 'direct')), { timeoutMs: 150_000 });
    const labels = ['--label', `${MANAGED_LABEL}=true`, '--label', `${PID_LABEL}=${process.pid}`];
    const inImage = await runCli(['run', '--rm', '--network', 'host', ...labels, '-v', `${dir}:/data`, IMAGE, ...args('/data/ca.pem', '/data/image')], { command: ['docker'], env: DOCKER_ENV, timeoutMs: 150_000 });

    const a = readReport(join(dir, 'direct'));
    const b = readReport(join(dir, 'image'));
    expect(inImage.code, inImage.stderr).toBe(b.exitCode);
    expect(direct.code).toBe(a.exitCode);
    expect(b.exitCode).toBe(1);
    expect(b.runErrors).toEqual([]);
    expect(b.results.length).toBe(a.results.length);
    expect(Object.values(verdicts(b))).toContain('FAIL');
    expect(verdicts(b)).toEqual(verdicts(a));
    expect(b.tool.version).toBe(VERSION);
  });
});
