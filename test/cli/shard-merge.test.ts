// --shard i/n on several machines, then `msaspec merge`: the merged report has exactly the rows and
// verdicts of one unsharded run of the same plan (the flawed target with a few flaws, so it is fast
// and has findings of every level), and merge writes every format, each valid.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../reports/report-model.ts';
import { startFlawed } from '../self-validation/flawed-target-fixture.ts';
import { nonEmptyLines, readReport, reportsLine, runCli, tempDir } from './cli-process.ts';

const dir = tempDir();
const TIMEOUT = { timeout: 240_000 };
const CLI_TIMEOUT = 100_000;
const PLAN = ['--target', 'flawed', '--flaw', 'inject', '--flaw', 'no-starttls-advert', '--flaw', 'auth-before-tls'];

const verdicts = (report: Report): Record<string, string> =>
  Object.fromEntries(report.results.map((r) => [`${r.caseId} ${r.target} ${r.port}`, r.verdict]));

async function run(name: string, args: string[]): Promise<Report> {
  const out = join(dir, name);
  const result = await runCli(['run', ...PLAN, ...args, '--out', out], { timeoutMs: CLI_TIMEOUT });
  expect(result.timedOut, `${name} was killed`).toBe(false);
  const report = readReport(out);
  expect(result.code, name).toBe(report.exitCode);
  return report;
}

describe('shards merged equal an unsharded run', () => {
  it('merge of --shard 1/2 and 2/2 has the unsharded run’s verdicts; merge refuses a missing shard', TIMEOUT, async () => {
    // Two at a time at most: the machine has two cores.
    const [whole, first] = await Promise.all([run('whole', ['--format', 'json']), run('shard-1', ['--shard', '1/2', '--format', 'json'])]);
    const second = await run('shard-2', ['--shard', '2/2', '--format', 'json']);

    expect(first.options.shard).toEqual({ index: 1, total: 2 });
    expect(first.results.length).toBeGreaterThan(0);
    expect(second.results.length).toBeGreaterThan(0);
    expect(first.results.length + second.results.length).toBe(whole.results.length);
    expect(whole.counts.FAIL).toBeGreaterThan(0);
    expect(whole.counts.WARN).toBeGreaterThan(0);

    const out = join(dir, 'merged');
    const merge = await runCli(['merge', join(dir, 'shard-2'), join(dir, 'shard-1', 'report.json'), '--format', 'json,html,junit,sarif,markdown,console', '--out', out], {
      timeoutMs: CLI_TIMEOUT,
    });
    expect(nonEmptyLines(merge.stderr)).toEqual([reportsLine(out, ['report.json', 'index.html', 'junit.xml', 'report.sarif', 'summary.md'])]);
    const merged = readReport(out); // every format valid
    expect(merge.code).toBe(merged.exitCode);
    expect(merge.stdout).toMatch(new RegExp(`^Exit code: ${merged.exitCode}$`, 'm'));

    expect(verdicts(merged)).toEqual(verdicts(whole));
    expect(merged.counts).toEqual(whole.counts);
    expect(merged.exitCode).toBe(whole.exitCode);
    expect(merged.results.map((r) => `${r.target} ${r.port} ${r.caseId}`)).toEqual(whole.results.map((r) => `${r.target} ${r.port} ${r.caseId}`));
    expect(merged.options).not.toHaveProperty('shard');
    expect(merged.merged?.inputs.map((i) => i.shard)).toEqual([
      { index: 2, total: 2 },
      { index: 1, total: 2 },
    ]);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('merged from 2 reports');

    const missing = await runCli(['merge', join(dir, 'shard-1'), '--out', join(dir, 'not-merged')], { timeoutMs: CLI_TIMEOUT });
    expect(missing.code).toBe(3);
    expect(nonEmptyLines(missing.stderr)).toEqual(['msaspec: error: missing shard 2/2']);
    expect(existsSync(join(dir, 'not-merged'))).toBe(false);
  });

  it('merge of two runs of the same host, before and after a fix, shows what changed in every format', TIMEOUT, async () => {
    // One live host (name "host:127.0.0.1") run twice: first injectable, then fixed.
    const hostRun = async (name: string, flaws: string[]): Promise<Report> => {
      const host = await startFlawed(flaws);
      try {
        const { target } = host;
        const ca = join(dir, `${name}-ca.pem`);
        writeFileSync(ca, target.ca ?? '');
        const args = ['run', '--host', '127.0.0.1', '--implicit-port', String(target.ports.implicit), '--starttls-port', String(target.ports.starttls), '--ca', ca, '--servername', target.servername];
        const result = await runCli([...args, '--only', 'injection/1/', '--format', 'json', '--out', join(dir, name)], { timeoutMs: CLI_TIMEOUT });
        expect(result.timedOut).toBe(false);
        return readReport(join(dir, name));
      } finally {
        await host.stop();
      }
    };
    const before = await hostRun('before-fix', ['inject']);
    const after = await hostRun('after-fix', []);
    const out = join(dir, 'compared');
    // The newer run is the report whichever order the two are given in.
    const merge = await runCli(['merge', join(dir, 'after-fix'), join(dir, 'before-fix'), '--format', 'json,html,markdown,console', '--out', out], { timeoutMs: CLI_TIMEOUT });
    const compared = readReport(out); // valid against the schema
    expect(merge.code).toBe(compared.exitCode);
    expect(compared.results).toEqual(after.results);
    const fixed = before.results.filter((r) => r.verdict === 'FAIL').map((r) => `${r.caseId} ${r.port}`);
    expect(fixed.length).toBeGreaterThan(0);
    expect(compared.compared?.changes.map((c) => `${c.caseId} ${c.port} ${c.kind} ${c.before}→${c.after}`)).toEqual(
      fixed.map((row) => `${row} finding resolved FAIL→PASS`),
    );
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`<h2>What changed</h2>\n<p>${fixed.length} rows changed since the run of ${before.startedAt}`);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('### What changed');
    expect(merge.stdout).toMatch(new RegExp(`What changed since the run of ${before.startedAt.replace(/\./g, '\\.')}: ${fixed.length} rows`));
  });
});
