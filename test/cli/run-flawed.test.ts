// `msaspec run --target flawed`: the in-process target, clean and with flaws switched on. Proves the
// exit codes (0, 1, 2), report.json's shape, the console tree, --only and --strict end to end.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_VERSION, type Report } from '../../reports/report-model.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { expectReportLine, nonEmptyLines, PROJECT_ROOT, readReport, runCli, tempDir, TERMINAL_CONTROL, type CliResult } from './cli-process.ts';

const dir = tempDir();
const VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** Generous bounds for a loaded two-core machine; a run takes ~5 s when the machine is idle. */
const RUN_TIMEOUT = { timeout: 120_000 };

/** "<port>\t<caseId>" of every result a full run of these cases must produce. */
function expectedRows(cases = ALL_CASES): string[] {
  return cases
    .flatMap((c) => (c.scope === 'target' ? [`465+587\t${c.id}`] : c.ports.map((p) => `${p === 'implicit' ? '465' : '587'}\t${c.id}`)))
    .sort();
}

const rows = (report: Report): string[] => report.results.map((r) => `${r.port}\t${r.caseId}`).sort();

async function run(name: string, args: string[]): Promise<{ result: CliResult; report: Report; out: string }> {
  const out = join(dir, name);
  const result = await runCli(['run', ...args, '--out', out], { timeoutMs: 100_000 });
  expect(result.timedOut, 'the CLI was killed after 100 s').toBe(false);
  // Every run ends the same way: the tree on stdout, one line naming the report on stderr.
  expectReportLine(result.stderr, out);
  expect(result.stdout).not.toMatch(TERMINAL_CONTROL);
  const report = readReport(out);
  expect(result.stdout).toMatch(new RegExp(`^Exit code: ${report.exitCode}$`, 'm'));
  expect(nonEmptyLines(result.stdout).at(-1)).toBe(`Exit code: ${report.exitCode}`);
  expect(result.code).toBe(report.exitCode);
  return { result, report, out };
}

/** The console line of one case: glyph, label padded to "VULNERABLE", case id. */
function caseLine(label: string, caseId: string): RegExp {
  return new RegExp(`^ {6}\\S ${label} +${caseId.replace(/[/.]/g, '\\$&')}  `, 'm');
}

describe.concurrent('msaspec run --target flawed', () => {
  it('clean target: exit 0, every case PASS, a complete report', RUN_TIMEOUT, async () => {
    const { result, report } = await run('clean', ['--target', 'flawed']);
    expect(result.code).toBe(0);

    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(report.tool).toEqual({ name: 'msaspec', version: VERSION });
    expect(report.exitCode).toBe(0);
    expect(report.runErrors).toEqual([]);
    expect(report.options).toMatchObject({ strict: false, only: [] });

    expect(report.targets).toHaveLength(1);
    const target = report.targets[0]!;
    expect(target.name).toBe('flawed');
    expect(target.caProvided).toBe(true);
    expect(target).not.toHaveProperty('password');
    expect(target).not.toHaveProperty('ca');
    expect(Object.keys(target.ports).sort()).toEqual(['implicit', 'starttls']);

    // Every case ran on every one of its ports, and all of them conform (an INFO case only records).
    expect(rows(report)).toEqual(expectedRows());
    for (const r of report.results) expect(r.level === 'INFO' ? ['PASS', 'INFO'] : ['PASS', 'NA'], `${r.port} ${r.caseId}: ${r.actual}`).toContain(r.verdict);
    expect(report.counts.PASS).toBeGreaterThan(0);
    expect(report.counts.PASS + report.counts.NA + report.counts.INFO).toBe(report.results.length);

    // The console tree: header, target, ports, one line per result, the counts, the exit code.
    const out = result.stdout;
    expect(out.split('\n')[0]).toMatch(new RegExp(`^msaspec ${VERSION.replace(/\./g, '\\.')} — started \\S+, \\d+\\.\\d s$`));
    const heading = out.split('\n').find((line) => line.startsWith('flawed ('));
    expect(heading).toMatch(/^flawed \(local 127\.0\.0\.1; (starttls|implicit) :\d+, (starttls|implicit) :\d+\)$/);
    expect(heading).toContain(`starttls :${target.ports.starttls}`);
    expect(heading).toContain(`implicit :${target.ports.implicit}`);
    for (const heading of ['  Port 465', '  Port 587', '  Ports 465+587']) expect(out).toContain(`\n${heading}\n`);
    for (const r of report.results) expect(out).toMatch(caseLine(r.verdict, r.caseId));
    expect(out).toMatch(new RegExp(`^Verdicts: ${report.counts.PASS} PASS, 0 FAIL, 0 WARN, .*\\(${report.results.length} cases\\)$`, 'm'));
    expect(out).not.toMatch(/Expected:|Actual:|VULNERABLE/);
  });

  // One run (each costs seconds of start-up) for three things: --flaw inject makes the pipelined
  // STARTTLS injection cases FAIL, shown as VULNERABLE with their evidence; --only selects by case-id prefix and by
  // requirement ID. The results must be exactly the union of the two selections, so a selector that
  // picks too much or too little shows.
  it('--flaw inject --only injection/ --only R3207-4a: exit 1, VULNERABLE with evidence, exactly those cases', RUN_TIMEOUT, async () => {
    const { result, report } = await run('inject-only', ['--target', 'flawed', '--flaw', 'inject', '--only', 'injection/', '--only', 'R3207-4a']);
    expect(result.code).toBe(1);
    expect(report.exitCode).toBe(1);
    expect(report.targets[0]?.name).toBe('flawed(inject)');

    const byPrefix = ALL_CASES.filter((c) => c.id.startsWith('injection/'));
    const byRequirement = ALL_CASES.filter((c) => c.requirements.includes('R3207-4a'));
    expect(byPrefix.length).toBeGreaterThan(0);
    expect(byRequirement.length).toBeGreaterThan(0);
    expect(byRequirement.some((c) => c.id.startsWith('injection/'))).toBe(false);
    expect(report.options.only).toEqual(['injection/', 'R3207-4a']);
    expect(rows(report)).toEqual(expectedRows([...byPrefix, ...byRequirement]));

    // The pipelined-STARTTLS cases (injection/1/) are what the flaw breaks; other injection cases
    // may fail with it too. Every FAIL is a security finding; everything else conforms.
    const failed = report.results.filter((r) => r.verdict === 'FAIL');
    const pipelined = report.results.filter((r) => r.caseId.startsWith('injection/1/'));
    expect(pipelined.length).toBeGreaterThan(0);
    for (const r of pipelined) expect(r.verdict, r.caseId).toBe('FAIL');
    for (const r of failed) {
      expect(r.caseId, r.caseId).toMatch(/^injection\//);
      expect(r.category, r.caseId).toBe('security');
    }
    for (const r of report.results) if (r.verdict !== 'FAIL') expect(['PASS', 'NA'], `${r.caseId}: ${r.actual}`).toContain(r.verdict);
    expect(report.results.find((r) => r.caseId === 'rfc3207/4/starttls-with-parameter')?.verdict).toBe('PASS');

    // The console shows those cases and no other; each failed one VULNERABLE, with the evidence
    // block under it: the expected outcomes and what the server did.
    const lines = result.stdout.split('\n');
    expect(lines.filter((line) => /^ {6}\S /.test(line))).toHaveLength(report.results.length);
    for (const r of report.results) expect(result.stdout).toMatch(caseLine(r.verdict === 'FAIL' ? 'VULNERABLE' : r.verdict, r.caseId));
    for (const r of failed) {
      const at = lines.findIndex((line) => caseLine('VULNERABLE', r.caseId).test(`${line}\n`));
      expect(at, `no VULNERABLE line for ${r.caseId}`).toBeGreaterThan(0);
      const next = lines.findIndex((line, i) => i > at && /^ {6}\S /.test(line));
      const block = lines.slice(at + 1, next === -1 ? undefined : next);
      expect(block).toContain('          Expected:');
      expect(block.some((line) => line.startsWith('            - '))).toBe(true);
      expect(block.some((line) => /^ {10}Actual: \S/.test(line))).toBe(true);
    }
    expect(result.stdout).toMatch(new RegExp(`^Verdicts: \\d+ PASS, ${failed.length} FAIL, `, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^ {2}flawed\\(inject\\): (\\d+ passed, )?${failed.length} failed(, [^,]+)*$`, 'm'));
  });

  /**
   * no-starttls-advert only breaks SHOULD-level requirements: WARN findings and nothing worse. The
   * two runs keep to the RFC 3207 and RFC 8314 §3.3 cases, where those findings are, to save time.
   */
  const WARN_ONLY = ['--target', 'flawed', '--flaw', 'no-starttls-advert', '--only', 'rfc3207/', '--only', 'rfc8314/3.3/'];

  function expectOnlyShouldWarnings(report: Report): void {
    const warned = report.results.filter((r) => r.verdict === 'WARN');
    expect(warned.map((r) => r.caseId)).toContain('rfc3207/4/starttls-advertised');
    expect(report.results.filter((r) => r.verdict === 'PASS').length).toBeGreaterThan(0);
    for (const r of warned) expect(['SHOULD', 'SHOULD NOT'], r.caseId).toContain(r.level);
    for (const r of report.results) expect(['PASS', 'NA', 'WARN'], `${r.caseId}: ${r.actual}`).toContain(r.verdict);
  }

  it('--strict: SHOULD-level WARN findings alone exit 2', RUN_TIMEOUT, async () => {
    const { result, report } = await run('strict', [...WARN_ONLY, '--strict']);
    expectOnlyShouldWarnings(report);
    expect(report.options.strict).toBe(true);
    expect(report.exitCode).toBe(2);
    expect(result.code).toBe(2);
    expect(result.stdout.split('\n')[0]).toMatch(/, strict$/);
    expect(result.stdout).toMatch(caseLine('WARN', 'rfc3207/4/starttls-advertised'));
  });

  it('without --strict the same WARN findings exit 0', RUN_TIMEOUT, async () => {
    const { result, report } = await run('not-strict', WARN_ONLY);
    expectOnlyShouldWarnings(report);
    expect(report.options.strict).toBe(false);
    expect(report.exitCode).toBe(0);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(caseLine('WARN', 'rfc3207/4/starttls-advertised'));
  });
});
