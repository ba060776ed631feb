import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docker } from '../../targets/engine/docker-cli.ts';
import { PID_LABEL } from '../../targets/engine/cleanup.ts';
import type { Report } from '../../reports/report-model.ts';
import { outputSchemaErrors } from '../reports/validators.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function runCli(args: string[]): Promise<{ code: number | null; pid: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/msaspec.js'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, pid: child.pid ?? 0, stdout, stderr }));
  });
}

/** The README's main job: `msaspec run` with no target runs the suite against Postfix. */
describe('msaspec run (default target)', () => {
  it('runs every case on both Postfix ports, writes the report, exits 0 and leaves no container', async () => {
    const out = mkdtempSync(join(tmpdir(), 'msaspec-default-'));
    const { code, pid, stdout, stderr } = await runCli(['run', '--out', out]);
    expect(code, stderr).toBe(0);
    // report.json (and the default index.html) as the schemas say, Postfix's facts included.
    expect(outputSchemaErrors(out)).toEqual([]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.targets.map((t) => t.name)).toEqual(['postfix:hardened']);
    expect(report.targets[0]?.facts.packages).toMatch(/^postfix \S+/);
    expect(new Set(report.results.map((r) => r.port))).toEqual(new Set(['465', '587', '465+587']));
    expect(report.results.filter((r) => !['PASS', 'NA', 'INFO', 'XFAIL'].includes(r.verdict))).toEqual([]);
    // XFAIL only where the hardened findings waive: Postfix 3.7.11 ends a command line at a bare LF whatever smtpd_forbid_bare_newline says.
    expect(report.results.filter((r) => r.verdict === 'XFAIL').map((r) => `${r.caseId} ${r.port}`).sort()).toEqual(['smuggling/2.3.8/bare-newlines-not-command-ends 465', 'smuggling/2.3.8/bare-newlines-not-command-ends 587']);
    // INFO records behaviour: Postfix refuses a client's renegotiation (OpenSSL's no_renegotiation alert).
    expect(report.results.filter((r) => r.verdict === 'INFO').map((r) => `${r.caseId} ${r.port}`).sort()).toEqual(['tls/renegotiation/client-initiated 465', 'tls/renegotiation/client-initiated 587']);
    expect(report.results.filter((r) => r.verdict === 'NA').map((r) => r.caseId)).toEqual(['rfc3207/4.2/envelope-forgotten', 'rfc3207/4.2/auth-forgotten']);
    expect(stdout).toContain('Exit code: 0');
    const left = await docker(['ps', '-aq', '--filter', `label=${PID_LABEL}=${pid}`]);
    expect(left.stdout.trim()).toBe('');
  }, 15 * 60_000);
});
