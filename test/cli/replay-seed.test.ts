// `msaspec run --seed N --runs N`: the property-based cases report their seed, and the printed seed
// replays a finding exactly, across processes (the flawed target runs in the CLI's process, the
// cases in a vitest worker).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../reports/report-model.ts';
import { INJECTION_RANDOM_RUNS } from '../../suites/injection/common/injection-property.ts';
import { junkCore } from '../../suites/injection/3/junk-instead-of-client-hello.ts';
import { sessionCore } from '../../suites/rfc3207/4.2/session-model.ts';
import { nonEmptyLines, readReport, runCli, tempDir } from './cli-process.ts';

const dir = tempDir();
const RUN = { timeout: 100_000 };

async function run(name: string, args: string[]): Promise<Report> {
  const out = join(dir, name);
  const result = await runCli(['run', '--target', 'flawed', ...args, '--out', out, '--format', 'json'], { timeoutMs: 90_000 });
  expect(result.timedOut, 'the CLI was killed after 90 s').toBe(false);
  return readReport(out);
}

describe.concurrent('--seed and --runs', () => {
  it('a finding printed with its seed is reproduced exactly by rerunning with that seed', RUN, async () => {
    const args = ['--flaw', 'inject-late', '--only', 'injection/2/'];
    const first = await run('first', args);
    const seed = first.options.seed as number;
    expect(Number.isInteger(seed)).toBe(true);
    const findings = first.results.filter((r) => r.caseId.startsWith('injection/2/'));
    expect(findings).toHaveLength(2);
    for (const r of findings) {
      expect(r.verdict, r.actual).toBe('FAIL');
      expect(r.replay).toMatchObject({ seed, runs: INJECTION_RANDOM_RUNS });
      expect(r.actual).toContain(`replay: --seed ${seed} --runs ${INJECTION_RANDOM_RUNS}`);
    }

    const again = await run('again', [...args, '--seed', String(seed), '--runs', String(INJECTION_RANDOM_RUNS)]);
    expect(again.options).toMatchObject({ seed, runs: INJECTION_RANDOM_RUNS });
    for (const r of findings) {
      const replayed = again.results.find((x) => x.caseId === r.caseId)!;
      expect(replayed.verdict).toBe('FAIL');
      expect(replayed.replay, r.caseId).toEqual(r.replay);
    }
  });

  it('--runs sets the random runs; the core still runs in full before them; a clean target stays PASS', RUN, async () => {
    const report = await run('runs', ['--only', 'injection/3/', '--only', 'rfc3207/4.2/session-model', '--seed', '5', '--runs', '3']);
    expect(report.results.map((r) => r.verdict)).toEqual(['PASS', 'PASS']);
    const core: Record<string, number> = { 'injection/3/junk-instead-of-client-hello': junkCore().length, 'rfc3207/4.2/session-model': sessionCore().length };
    for (const r of report.results) expect(r.replay, r.caseId).toEqual({ seed: 5, runs: 3, core: core[r.caseId], executed: core[r.caseId]! + 3 });
  });

  it('a seed outside 32 bits is a usage error', RUN, async () => {
    const result = await runCli(['run', '--target', 'flawed', '--seed', '4294967296', '--out', join(dir, 'bad')], { timeoutMs: 60_000 });
    expect(result.code).toBe(3);
    expect(nonEmptyLines(result.stderr)).toEqual(['msaspec: error: --seed must be an integer from -2147483648 to 2147483647, got "4294967296"']);
  });
});
