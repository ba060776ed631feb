// --deadline: when the whole-run budget is spent, the cases still waiting or running end ERROR "run
// deadline reached", and the run still finishes and writes its reports.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEADLINE_REACHED } from '../../harness/run/run-case.ts';
import { nonEmptyLines, readReport, runCli, silentServer, tempDir } from './cli-process.ts';

describe.concurrent('--deadline and --connections take positive integers', () => {
  for (const [flag, value] of [['--deadline', 'soon'], ['--deadline', '0'], ['--connections', '0'], ['--connections', '2.5']] as const) {
    it(`${flag} ${value} is a usage error`, { timeout: 70_000 }, async () => {
      const result = await runCli(['run', '--target', 'flawed', flag, value, '--out', join(tempDir(), 'never')], { timeoutMs: 60_000 });
      expect(result.code).toBe(3);
      expect(nonEmptyLines(result.stderr)).toEqual([`msaspec: error: ${flag} must be a positive integer, got "${value}"`]);
    });
  }
});

describe('--deadline', () => {
  it('ends what is left ERROR "run deadline reached" and writes the report', { timeout: 90_000 }, async () => {
    const server = await silentServer();
    const out = join(tempDir(), 'report');
    const deadlineS = 8;
    const args = ['run', '--host', '127.0.0.1', '--implicit-port', 'none', '--starttls-port', String(server.port)];
    const result = await runCli([...args, '--reply-timeout', '30000', '--case-timeout', '60000', '--deadline', String(deadlineS), '--out', out], { timeoutMs: 80_000 });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(3);
    // Without the deadline a silent server holds every case for its 30 s reply timeout.
    expect(result.durationMs).toBeLessThan(deadlineS * 1000 + 20_000);
    const report = readReport(out);
    expect(report.options.deadlineAt).toBeTypeOf('string');
    const cut = report.results.filter((r) => r.error === DEADLINE_REACHED);
    expect(cut.length).toBeGreaterThan(0);
    expect(report.results.filter((r) => r.verdict !== 'ERROR' && r.verdict !== 'NA')).toEqual([]);
    expect(report.runErrors.some((e) => e.includes(DEADLINE_REACHED) && e.includes(cut[0]!.caseId))).toBe(true);
  });
});
