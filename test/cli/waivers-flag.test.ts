// `msaspec run --waivers FILE` on an external host (a live server, no built-in waivers): a known FAIL
// becomes XFAIL with its reason and the run passes; a waiver of a case that passes is XPASS and fails
// the run; an expired waiver stops the run with one line; the waivers are in every report.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { startFlawed } from '../self-validation/flawed-target-fixture.ts';
import { nonEmptyLines, readReport, runCli, tempDir } from './cli-process.ts';

const RUN = { timeout: 120_000 };
const REASON = 'bug 77: commands pipelined after STARTTLS run inside TLS; fix due in 3.2';

describe.concurrent('--waivers on an external host', () => {
  let host: ProvisionedTarget;
  const dir = tempDir('msaspec-waivers-');
  let hostArgs: string[];
  const waiversFile = (name: string, entries: unknown[]) => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(entries));
    return file;
  };
  const run = async (name: string, waivers: string, extra: string[] = []) => {
    const out = join(dir, name);
    const result = await runCli(['run', ...hostArgs, '--only', 'injection/1/', '--waivers', waivers, '--format', 'json,junit,sarif,markdown,html,console', '--out', out, ...extra], { timeoutMs: 100_000 });
    expect(result.timedOut).toBe(false);
    return { result, out };
  };

  beforeAll(async () => {
    host = await startFlawed(['inject']);
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, host.target.ca ?? '');
    hostArgs = ['--host', '127.0.0.1', '--implicit-port', String(host.target.ports.implicit), '--starttls-port', String(host.target.ports.starttls), '--ca', ca, '--servername', host.target.servername];
  });
  afterAll(() => host?.stop());

  it('a known FAIL of the host is XFAIL with the reason, the run passes, and every report names the waiver', RUN, async () => {
    const waivers = waiversFile('known', [{ case: 'injection/1/', port: '587', reason: REASON, expires: '2999-12-31' }]);
    const { result, out } = await run('known', waivers);
    const report = readReport(out);
    expect(result.code).toBe(0);
    expect(report.exitCode).toBe(0);
    const on587 = report.results.filter((r) => r.port === '587');
    expect(on587.length).toBeGreaterThan(0);
    for (const r of on587) expect([r.caseId, r.verdict, r.waiver]).toEqual([r.caseId, 'XFAIL', REASON]);
    expect(report.targets[0]!.waivers).toEqual([{ pattern: 'injection/1/', port: 'starttls', reason: REASON, expires: '2999-12-31', file: waivers }]);
    const line = `injection/1/ on 587 until 2999-12-31 (${waivers}): ${REASON}`;
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('### Waivers (1)');
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain(`<property name="waiver" value="${line}"/>`);
    expect(JSON.parse(readFileSync(join(out, 'report.sarif'), 'utf8')).runs[0].properties.targets[0].waivers).toEqual([line]);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('(until 2999-12-31)');
    expect(result.stdout).toContain(`  Waiver: ${line}`);
  });

  it('a waiver of a case the host passes is XPASS, and fails the run', RUN, async () => {
    // The host parses STARTTLS's parameter correctly: a waiver of that case is stale.
    const waivers = waiversFile('stale', [{ case: 'injection/1/', port: '587', reason: REASON }, { case: 'R3207-4a', reason: 'thought broken' }]);
    const { result, out } = await run('stale', waivers, ['--only', 'rfc3207/4/starttls-with-parameter']);
    const report = readReport(out);
    expect(result.code).toBe(1);
    expect(report.exitCode).toBe(1);
    expect(report.results.map((r) => `${r.caseId} ${r.verdict}`).sort()).toEqual([
      'injection/1/pipelined-ehlo XFAIL',
      'injection/1/pipelined-noop XFAIL',
      'injection/1/pipelined-rset XFAIL',
      'rfc3207/4/starttls-with-parameter XPASS',
    ]);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/XPASS\*\* rfc3207\/4\/starttls-with-parameter/);
  });

  it('an expired waiver is an error: one line, exit 3, nothing run', RUN, async () => {
    const waivers = waiversFile('expired', [{ case: 'injection/1/', reason: REASON, expires: '2020-01-31' }]);
    const { result } = await run('expired', waivers);
    expect(result.code).toBe(3);
    expect(nonEmptyLines(result.stderr)).toEqual([`msaspec: error: ${waivers}: waiver 1 ("injection/1/"): expired: it held until 2020-01-31; renew it with a new date, or remove it`]);
    expect(result.stdout).toBe('');
  });

  it('works on a built-in target too (the flawed one), and a missing file is one line', RUN, async () => {
    const out = join(dir, 'builtin');
    const waivers = waiversFile('builtin', [{ case: 'injection/1/pipelined-noop', reason: REASON }]);
    const result = await runCli(['run', '--target', 'flawed', '--flaw', 'inject', '--only', 'injection/1/pipelined-noop', '--waivers', waivers, '--format', 'json', '--out', out], { timeoutMs: 100_000 });
    const report = readReport(out);
    expect(result.code).toBe(0);
    expect(report.results.map((r) => r.verdict)).toEqual(['XFAIL']);
    const missing = await runCli(['run', '--target', 'flawed', '--waivers', join(dir, 'nope.json')], { timeoutMs: 60_000 });
    expect(missing.code).toBe(3);
    expect(nonEmptyLines(missing.stderr)).toEqual([`msaspec: error: cannot read waivers file ${join(dir, 'nope.json')}: ENOENT`]);
  });
});
