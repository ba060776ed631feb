// The GitHub Action (action.yml): its inputs reach action/run.mjs, which runs the npm package's
// `msaspec run --host`, appends summary.md to the job summary, sets the step's outputs and exits with
// the CLI's code. Run here as the Action's step runs it: INPUT_* in the environment, GITHUB_STEP_SUMMARY
// and GITHUB_OUTPUT files, the package given as a tarball of this clone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { startFlawed } from '../self-validation/flawed-target-fixture.ts';
import { nonEmptyLines, PROJECT_ROOT, readReport, runCli, tempDir, type CliResult } from '../cli/cli-process.ts';
import { packedPackage, type PackedPackage } from './packed.ts';

const SCRIPT = join(PROJECT_ROOT, 'action/run.mjs');
const ACTION = readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8');
/** The inputs issue 17 asks the Action for. */
const REQUIRED_INPUTS = ['host', 'ports', 'user', 'password', 'ca', 'servername', 'mail-from', 'rcpt-to', 'only', 'exclude', 'waivers', 'strict', 'formats'];

/** The names under `inputs:` of action.yml (two-space indent, up to the next top-level key). */
function actionInputs(): string[] {
  const block = /^inputs:\n((?: {2}.*\n|\n)+)/m.exec(ACTION)?.[1] ?? '';
  return [...block.matchAll(/^ {2}([a-z][a-z-]*):$/gm)].map((m) => m[1]!);
}

describe('the GitHub Action', () => {
  let pkg: PackedPackage;
  let host: ProvisionedTarget;
  const dir = tempDir('msaspec-action-');
  let ca = '';

  beforeAll(async () => {
    pkg = await packedPackage();
    host = await startFlawed(['inject']);
    ca = join(dir, 'ca.pem');
    writeFileSync(ca, host.target.ca ?? '');
  }, 900_000);
  afterAll(() => host?.stop());

  /** One step of the Action: the script with these inputs, in a workspace of its own. */
  async function step(name: string, inputs: Record<string, string>): Promise<{ result: CliResult; summary: string; outputs: Record<string, string>; out: string }> {
    const workspace = join(dir, name);
    const summaryFile = join(dir, `${name}.summary`);
    const outputFile = join(dir, `${name}.output`);
    writeFileSync(summaryFile, '# earlier step\n');
    writeFileSync(outputFile, '');
    const env: Record<string, string> = { GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile, INPUT_PACKAGE: pkg.tarball, INPUT_OUT: workspace };
    for (const [key, value] of Object.entries(inputs)) env[`INPUT_${key.replace(/-/g, '_').toUpperCase()}`] = value;
    const result = await runCli([], { command: [process.execPath, SCRIPT], cwd: dir, env, timeoutMs: 280_000 });
    expect(result.timedOut).toBe(false);
    const outputs = Object.fromEntries(nonEmptyLines(readFileSync(outputFile, 'utf8')).map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
    return { result, summary: readFileSync(summaryFile, 'utf8'), outputs, out: workspace };
  }

  const hostInputs = () => ({
    host: '127.0.0.1',
    ports: `${host.target.ports.implicit},${host.target.ports.starttls}`,
    ca,
    servername: host.target.servername,
    user: host.target.user ?? '',
    password: host.target.password ?? '',
    only: 'injection/1/\nrfc4954/4/',
  });

  it('declares the inputs the issue lists, hands each to its script, and runs the npm package', () => {
    const inputs = actionInputs();
    for (const name of REQUIRED_INPUTS) expect(inputs).toContain(name);
    for (const name of inputs) expect(ACTION).toContain(`INPUT_${name.replace(/-/g, '_').toUpperCase()}: \${{ inputs.${name} }}`);
    expect(ACTION).toMatch(/using: composite/);
    expect(ACTION).toContain('node "$GITHUB_ACTION_PATH/action/run.mjs"');
    expect(ACTION).toMatch(/if: always\(\) && inputs\.upload-sarif == 'true'[^\n]*\n\s+uses: github\/codeql-action\/upload-sarif@v3/);
    const script = readFileSync(SCRIPT, 'utf8');
    for (const name of inputs) expect(script, name).toMatch(new RegExp(`(input|list|isTrue)\\('${name}'\\)`));
    // The README's workflow uses the Action with the inputs it declares.
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const workflow = /```yaml\n(name: msaspec[\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(workflow, 'README shows the "test my MTA on every push" workflow').toMatch(/on:\s*\n\s+push:/);
    for (const used of workflow.matchAll(/^\s{10}([a-z-]+):/gm)) expect(inputs).toContain(used[1]);
  });

  it('a finding: exit 1 as the CLI, summary.md appended to the job summary, SARIF ready for upload', { timeout: 300_000 }, async () => {
    const { result, summary, outputs, out } = await step('finding', { ...hostInputs(), formats: 'json', 'upload-sarif': 'true' });
    const report = readReport(out);
    expect(report.exitCode).toBe(1);
    expect(result.code).toBe(1);
    expect(outputs).toEqual({ 'exit-code': '1', 'report-dir': out, 'sarif-file': join(out, 'report.sarif') });
    expect(summary).toBe(`# earlier step\n${readFileSync(join(out, 'summary.md'), 'utf8')}`);
    expect(existsSync(join(out, 'report.sarif'))).toBe(true);
    expect(report.results.some((r) => r.caseId.startsWith('injection/1/') && r.verdict === 'FAIL')).toBe(true);
    // Authenticated cases ran: the password went to msaspec through the environment, and is in no report.
    expect(report.results.some((r) => r.caseId.startsWith('rfc4954/4/') && r.verdict === 'PASS')).toBe(true);
    for (const file of ['report.json', 'summary.md', 'report.sarif']) expect(readFileSync(join(out, file), 'utf8')).not.toContain(host.target.password);
  });

  it('the same finding waived (a waivers file): XFAIL with the reason, exit 0', { timeout: 300_000 }, async () => {
    const waivers = join(dir, 'waivers.json');
    writeFileSync(waivers, JSON.stringify([{ case: 'injection/1/', port: '587', reason: 'bug 1234: pipelined commands after STARTTLS, fix in 2.1', expires: '2999-12-31' }]));
    const { result, summary, outputs, out } = await step('waived', { ...hostInputs(), waivers });
    const report = readReport(out);
    expect(result.code).toBe(0);
    expect(outputs['exit-code']).toBe('0');
    expect(outputs['sarif-file']).toBe('');
    const waived = report.results.filter((r) => r.caseId.startsWith('injection/1/') && r.port === '587');
    expect(waived.length).toBeGreaterThan(0);
    for (const r of waived) expect([r.verdict, r.waiver]).toEqual(['XFAIL', 'bug 1234: pipelined commands after STARTTLS, fix in 2.1']);
    expect(report.targets[0]?.waivers).toEqual([{ pattern: 'injection/1/', port: 'starttls', reason: 'bug 1234: pipelined commands after STARTTLS, fix in 2.1', expires: '2999-12-31', file: waivers }]);
    expect(summary).toContain('XFAIL');
  });

  it('bad inputs: one line, exit 3, no run', { timeout: 60_000 }, async () => {
    const noHost = await step('no-host', {});
    expect(noHost.result.code).toBe(3);
    expect(nonEmptyLines(noHost.result.stderr)).toEqual(['msaspec action: error: the host input is required: the server to test']);
    const badPorts = await step('bad-ports', { host: '127.0.0.1', ports: '465' });
    expect(badPorts.result.code).toBe(3);
    expect(nonEmptyLines(badPorts.result.stderr)[0]).toMatch(/^msaspec action: error: ports must be two values/);
  });
});
