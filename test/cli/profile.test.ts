// `msaspec run --profile strict|default`: configuration findings (certificates) are WARN by default
// and FAIL under strict, which fails the run (exit 1); an unknown profile is a usage error (exit 3).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReport, runCli, tempDir } from './cli-process.ts';

const dir = tempDir('msaspec-profile-');
const ARGS = ['run', '--target', 'flawed', '--flaw', 'cert-expired', '--only', 'certificates/time/'];

describe('--profile', () => {
  it.each([
    ['default', [], 'WARN', 0],
    ['strict', ['--profile', 'strict'], 'FAIL', 1],
  ] as const)('%s: an expired certificate is %s', async (name, extra, verdict, code) => {
    const out = join(dir, name);
    const result = await runCli([...ARGS, ...extra, '--out', out], { timeoutMs: 45_000 });
    expect(result.code).toBe(code);
    const report = readReport(out);
    expect(report.results.map((r) => r.verdict)).toEqual([verdict, verdict]);
  }, 50_000);

  it('an unknown profile is a usage error', async () => {
    const result = await runCli([...ARGS, '--profile', 'lenient', '--out', join(dir, 'bad')], { timeoutMs: 20_000 });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/unknown profile "lenient"; profiles: default, strict/);
  }, 25_000);
});
