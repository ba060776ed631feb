// `msaspec merge` and `msaspec results` check their input reports against report.schema.json before
// using them, and say which field is wrong, in one line (issue 17): never a crash further on.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateReport } from '../../reports/validate-report.ts';
import { nonEmptyLines, readReport, runCli, tempDir } from './cli-process.ts';

const CLI = { timeout: 120_000 };

describe.concurrent('input reports are checked against the schema', () => {
  const dir = tempDir('msaspec-input-schema-');
  let good: Record<string, unknown>;

  beforeAll(async () => {
    const out = join(dir, 'good');
    await runCli(['run', '--target', 'flawed', '--only', 'injection/1/pipelined-noop', '--format', 'json', '--out', out], { timeoutMs: 100_000 });
    readReport(out);
    good = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Record<string, unknown>;
  }, 110_000);

  /** The good report with one change, written to a file of its own. */
  const broken = (name: string, change: (report: any) => void): string => {
    const report = structuredClone(good);
    change(report);
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(report));
    return file;
  };

  it('merge: a verdict that does not exist, a missing member, an unknown one, another schema version', CLI, async () => {
    const cases: [string, (r: any) => void, string][] = [
      ['verdict', (r) => (r.results[0].verdict = 'MAYBE'), '/results/0/verdict: must be one of "PASS", "FAIL", "WARN", "INFO", "NA", "ERROR", "XFAIL", "XPASS"'],
      ['missing', (r) => delete r.counts, '(top level): member "counts" is missing'],
      ['extra', (r) => (r.targets[0].password = 'x'), '/targets/0: member "password" is not allowed'],
    ];
    for (const [name, change, message] of cases) {
      const file = broken(name, change);
      const result = await runCli(['merge', file, '--out', join(dir, `merged-${name}`)], { timeoutMs: 60_000 });
      expect(result.code).toBe(3);
      expect(nonEmptyLines(result.stderr)).toEqual([`msaspec: error: ${file} is not a valid msaspec report: ${message}`]);
    }
    const future = broken('future', (r) => (r.schemaVersion = 2));
    const result = await runCli(['merge', future, '--out', join(dir, 'merged-future')], { timeoutMs: 60_000 });
    expect(nonEmptyLines(result.stderr)).toEqual([`msaspec: error: ${future}: schemaVersion 2 is not 1, the version this msaspec reads`]);
  });

  it('results: the same check, the same line', CLI, async () => {
    const file = broken('results-input', (r) => (r.results[0].port = 465));
    const result = await runCli(['results', file, '--out', join(dir, 'published')], { timeoutMs: 60_000 });
    expect(result.code).toBe(3);
    expect(nonEmptyLines(result.stderr)).toEqual([`msaspec: error: ${file} is not a valid msaspec report: /results/0/port: must be string`]);
  });

  it('validateReport passes a valid report through and lists every problem of a bad one', () => {
    expect(validateReport(good)).toBe(good);
    const bad = structuredClone(good) as any;
    bad.results[0].verdict = 'MAYBE';
    delete bad.exitCode;
    expect(() => validateReport(bad, 'x.json')).toThrow(/^x\.json is not a valid msaspec report: .* \(and 1 more\)$/);
  });
});
