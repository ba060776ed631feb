// One run writes every format, each valid against its schema (readReport validates report.json,
// report.sarif and junit.xml); --format picks a subset; --exclude leaves cases out; --dry-run lists
// the rows and starts nothing, not even a connection to an external host.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plannedRows } from '../../app/plan/planned-rows.ts';
import { selectCases } from '../../suites/index.ts';
import { loopbackServer, nonEmptyLines, readReport, reportsLine, runCli, tempDir, TERMINAL_CONTROL } from './cli-process.ts';

const dir = tempDir();
// Generous: the machine is shared, and a loaded one runs a 5 s run in 40.
const RUN_TIMEOUT = { timeout: 120_000 };
const CLI_TIMEOUT = 100_000;
const ALL_FILES = ['report.json', 'index.html', 'junit.xml', 'report.sarif', 'summary.md'];
/** Several flaws at once: MUST, security and SHOULD findings in one run. */
const FLAWS = ['--flaw', 'inject', '--flaw', 'no-starttls-advert', '--flaw', 'starttls-args'];

describe('report formats', () => {
  it('--format all: every file, each valid, all telling the same verdicts', RUN_TIMEOUT, async () => {
    const out = join(dir, 'all');
    const result = await runCli(['run', '--target', 'flawed', ...FLAWS, '--format', 'json,html,junit', '--format', 'sarif,markdown,console', '--out', out], { timeoutMs: CLI_TIMEOUT });
    expect(result.timedOut).toBe(false);
    expect(nonEmptyLines(result.stderr).at(-1)).toBe(reportsLine(out, ALL_FILES));
    expect(result.stdout).not.toMatch(TERMINAL_CONTROL);
    expect(result.stdout).toMatch(/^Exit code: 1$/m);
    for (const file of ALL_FILES) expect(existsSync(join(out, file)), file).toBe(true);

    const report = readReport(out); // validates every file against its schema
    expect(result.code).toBe(report.exitCode);
    expect(report.counts.FAIL).toBeGreaterThanOrEqual(4);
    expect(report.counts.WARN).toBeGreaterThanOrEqual(1);

    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(report.results.length);
    expect(junit.match(/<failure /g)).toHaveLength(report.counts.FAIL + report.counts.XPASS);
    expect(junit.match(/<skipped /g) ?? []).toHaveLength(report.counts.NA + report.counts.XFAIL);

    const sarif = JSON.parse(readFileSync(join(out, 'report.sarif'), 'utf8'));
    const sarifResults = sarif.runs[0].results as { properties: { caseId: string; port: string; verdict: string } }[];
    const findings = report.results.filter((r) => ['FAIL', 'WARN', 'XPASS', 'XFAIL'].includes(r.verdict));
    expect(sarifResults.map((r) => `${r.properties.caseId} ${r.properties.port} ${r.properties.verdict}`).sort()).toEqual(
      findings.map((r) => `${r.caseId} ${r.port} ${r.verdict}`).sort(),
    );

    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toMatch(/^## msaspec \S+: exit code 1$/m);
    expect(md).toContain(`### Findings (${report.counts.FAIL + report.counts.WARN + report.counts.ERROR + report.counts.XPASS})`);

    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html.match(/<article class="detail"/g)).toHaveLength(report.results.length);
  });

  it('--format json: only report.json, nothing on stdout; --exclude leaves those cases out', RUN_TIMEOUT, async () => {
    const out = join(dir, 'json-only');
    // The inject flaw's line reader stops at a bare LF, as the servers it models did: it breaks the injection cases and SMUG-3, both left out.
    const args = ['run', '--target', 'flawed', '--flaw', 'inject', '--exclude', 'injection/', '--exclude', 'R3207-4a', '--exclude', 'SMUG-3', '--format', 'json', '--out', out];
    const result = await runCli(args, { timeoutMs: CLI_TIMEOUT });
    expect(result.stdout).toBe('');
    expect(nonEmptyLines(result.stderr).at(-1)).toBe(reportsLine(out, ['report.json']));
    expect(readdirSync(out).sort()).toEqual(['report.json', 'vitest.log']);
    const report = readReport(out);
    expect(report.options.exclude).toEqual(['injection/', 'R3207-4a', 'SMUG-3']);
    const ids = new Set(report.results.map((r) => r.caseId));
    expect(ids).toEqual(new Set(selectCases([], ['injection/', 'R3207-4a', 'SMUG-3']).map((c) => c.id)));
    expect([...ids].some((id) => id.startsWith('injection/'))).toBe(false);
    // The inject flaw breaks only what was left out.
    expect(report.counts.FAIL).toBe(0);
    expect(result.code).toBe(report.exitCode);
  });

  it('--dry-run lists case × target × port and starts nothing: no report, no connection', RUN_TIMEOUT, async () => {
    const host = await loopbackServer((socket) => socket.destroy());
    const out = join(dir, 'dry');
    const args = ['run', '--host', '127.0.0.1', '--implicit-port', 'none', '--starttls-port', String(host.port), '--only', 'rfc3207/', '--exclude', 'rfc3207/4.2/', '--shard', '1/2', '--dry-run', '--out', out];
    const result = await runCli(args, { timeoutMs: CLI_TIMEOUT });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(host.accepted).toBe(0);

    const expected = plannedRows(selectCases(['rfc3207/'], ['rfc3207/4.2/']), 'host:127.0.0.1', { index: 1, total: 2 });
    const lines = nonEmptyLines(result.stdout);
    expect(lines[0]).toMatch(/^CASE +TARGET +PORT$/);
    expect(lines.slice(1, -1).map((l) => l.split(/ +/).join(' '))).toEqual(expected.map((r) => `${r.testCase.id} host:127.0.0.1 ${r.label}`));
    expect(lines.at(-1)).toMatch(new RegExp(`^${expected.length} rows? in shard 1/2 \\(\\d+ cases? × 1 target\\); nothing was started$`));
  });

  it.concurrent.each([
    ['--format bogus', ['run', '--target', 'flawed', '--format', 'json,bogus'], /unknown --format "bogus"; formats: json, html, junit, sarif, markdown, console/],
    ['--shard 3/2', ['run', '--target', 'flawed', '--shard', '3/2'], /--shard must be i\/n with 1 <= i <= n, got "3\/2"/],
    ['--shard x', ['run', '--target', 'flawed', '--shard', 'x', '--dry-run'], /--shard must be i\/n/],
    ['merge of nothing readable', ['merge', '/nonexistent/msaspec-shard'], /cannot read \/nonexistent\/msaspec-shard: ENOENT/],
  ])('usage error: %s', RUN_TIMEOUT, async (_name, args, message) => {
    const out = join(dir, `usage-${_name.replace(/\W+/g, '-')}`);
    const result = await runCli([...args, '--out', out], { timeoutMs: CLI_TIMEOUT });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(nonEmptyLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});
