// The npm package as a user installs it (issue 17): `npm pack`, `npm install <tarball>` in an empty
// folder, then the CLI and the API on plain Node, with no dev dependency and no TypeScript loader.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { startFlawed } from '../self-validation/flawed-target-fixture.ts';
import { nonEmptyLines, PROJECT_ROOT, readReport, runCli, tempDir } from '../cli/cli-process.ts';
import { packedPackage, type PackedPackage } from './packed.ts';

const VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SLOW = { timeout: 180_000 };

describe('the npm package, installed in an empty folder', () => {
  let pkg: PackedPackage;
  let host: ProvisionedTarget;
  let hostArgs: string[];
  const dir = tempDir('msaspec-package-');
  /** The installed package's own CLI, run by Node alone from the install folder. */
  const installed = (args: string[], env: Record<string, string> = {}) => runCli(args, { command: [process.execPath, pkg.bin], cwd: pkg.installDir, timeoutMs: 150_000, env });

  beforeAll(async () => {
    pkg = await packedPackage();
    host = await startFlawed(['inject']);
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, host.target.ca ?? '');
    hostArgs = ['--host', '127.0.0.1', '--implicit-port', String(host.target.ports.implicit), '--starttls-port', String(host.target.ports.starttls), '--ca', ca, '--servername', host.target.servername];
  }, 900_000);
  afterAll(() => host?.stop());

  it('holds the compiled code, its type declarations and the files read at run time; no tests, no sources, no .ci', () => {
    const files = pkg.manifest.files.map((f) => f.path);
    for (const file of files) expect(file, file).toMatch(/^(bin\/msaspec\.js|package\.json|README\.md|dist\/.+)$/);
    expect(files.filter((f) => /(^|\/)(test|\.ci)\/|\.test\.|(?<!\.d)\.ts$/.test(f))).toEqual([]);
    for (const needed of ['dist/app/api/index.js', 'dist/app/api/index.d.ts', 'dist/app/cli/main.js', 'dist/app/runner/case-rows.js', 'dist/targets/modules/index.d.ts', 'dist/targets/postfix/debian12/image/Dockerfile', 'dist/targets/postfix/debian13/image/Dockerfile', 'dist/targets/images/run-files.sh', 'dist/reports/schema/report.schema.json']) {
      expect(files).toContain(needed);
    }
    // Every case of the catalogue is in it, compiled.
    for (const c of ALL_CASES) expect(files).toContain(`dist/suites/${c.id.replace(/\/[^/]*$/, '')}/${c.id.split('/').at(-1)}.js`.replace(/\/\//g, '/'));
    expect(pkg.manifest.size, 'packed size in bytes').toBeLessThan(1_000_000);
  });

  it('brings its runtime dependencies and none of the dev ones (no tsx, no TypeScript)', () => {
    const modules = join(pkg.installDir, 'node_modules');
    for (const runtime of ['vitest', 'testcontainers', 'commander', 'ajv', 'ajv-formats', 'fast-check']) expect(existsSync(join(modules, runtime)), runtime).toBe(true);
    for (const dev of ['tsx', 'typescript', '@fast-check/vitest', 'nodemailer', 'playwright-core', '@microsoft/jest-sarif']) expect(existsSync(join(modules, dev)), dev).toBe(false);
  });

  it('msaspec --version', SLOW, async () => {
    const result = await installed(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(VERSION);
  });

  it('msaspec run --host: a live host, every case, the same report model', SLOW, async () => {
    const out = join(dir, 'cli-run');
    const result = await installed(['run', ...hostArgs, '--seed', '5', '--format', 'json,markdown', '--out', out]);
    expect(result.timedOut).toBe(false);
    const report = readReport(out);
    expect(result.code).toBe(report.exitCode);
    expect(report.exitCode).toBe(1);
    expect(report.runErrors).toEqual([]);
    expect(report.targets.map((t) => [t.name, t.kind])).toEqual([['host:127.0.0.1', 'external']]);
    expect(report.counts.ERROR).toBe(0);
    // The injection flaw is found, as from the sources.
    expect(report.results.filter((r) => r.caseId.startsWith('injection/1/') && r.port === '587').map((r) => r.verdict)).toContain('FAIL');
    expect(nonEmptyLines(result.stderr).at(-1)).toBe(`msaspec: reports written to ${out}: report.json, summary.md`);
  });

  it("import { runSuite, listCases, writeReports } from 'msaspec', and the testcontainers modules from 'msaspec/testcontainers'", SLOW, async () => {
    const script = join(pkg.installDir, 'api-check.mjs');
    writeFileSync(
      script,
      `import { runSuite, listCases, writeReports, validateReport } from 'msaspec';
import { SUBMISSION_CONTAINERS } from 'msaspec/testcontainers';
const args = JSON.parse(process.env.HOST_ARGS);
const report = await runSuite({ host: args.host, implicitPort: args.implicit, starttlsPort: args.starttls, ca: args.ca, servername: args.servername, only: ['injection/1/'], seed: 5 });
validateReport(report);
const files = await writeReports(report, ['json', 'sarif'], process.env.OUT);
let usage = '';
try { await runSuite({ host: args.host, implicitPort: 70000 }); } catch (err) { usage = err.name + ': ' + err.message; }
console.log(JSON.stringify({ cases: listCases().length, modules: Object.keys(SUBMISSION_CONTAINERS), exitCode: report.exitCode, verdicts: report.results.map((r) => r.verdict), files, usage }));
`,
    );
    const out = join(dir, 'api-run');
    const env = { OUT: out, HOST_ARGS: JSON.stringify({ host: '127.0.0.1', implicit: host.target.ports.implicit, starttls: host.target.ports.starttls, ca: hostArgs[hostArgs.indexOf('--ca') + 1], servername: host.target.servername }) };
    const result = await runCli([], { command: [process.execPath, script], cwd: pkg.installDir, timeoutMs: 150_000, env });
    expect(result.code, result.stderr).toBe(0);
    const seen = JSON.parse(nonEmptyLines(result.stdout).at(-1)!) as { cases: number; modules: string[]; exitCode: number; verdicts: string[]; files: string[]; usage: string };
    expect(seen.cases).toBe(ALL_CASES.length);
    expect(seen.modules).toContain('postfix');
    expect(seen.exitCode).toBe(1);
    expect(seen.verdicts).toContain('FAIL');
    expect(seen.files).toEqual([join(out, 'report.json'), join(out, 'report.sarif')]);
    expect(seen.usage).toBe('UsageError: --implicit-port must be a port number 1-65535 or "none", got "70000"');
    expect(readReport(out).exitCode).toBe(1);
  });

  it('msaspec merge checks its input against the report schema (ajv at run time) and names the wrong field', SLOW, async () => {
    const good = join(dir, 'cli-run', 'report.json');
    const broken = JSON.parse(readFileSync(good, 'utf8')) as { results: { verdict: string }[] };
    broken.results[0]!.verdict = 'MAYBE';
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const result = await installed(['merge', file, '--out', join(dir, 'merged')]);
    expect(result.code).toBe(3);
    expect(nonEmptyLines(result.stderr)).toEqual([`msaspec: error: ${file} is not a valid msaspec report: /results/0/verdict: must be one of "PASS", "FAIL", "WARN", "INFO", "NA", "ERROR", "XFAIL", "XPASS"`]);
  });
});
