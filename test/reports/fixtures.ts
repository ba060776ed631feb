import type { CaseResult } from '../../harness/model/result.ts';
import type { TargetSummary } from '../../harness/model/target.ts';
import { countVerdicts, exitCodeFor } from '../../reports/exit-code.ts';
import { REPORT_SCHEMA_VERSION, type Report } from '../../reports/report-model.ts';
import { REQUIREMENTS } from '../../suites/requirements.ts';

export function caseResult(overrides: Partial<CaseResult> = {}): CaseResult {
  return {
    caseId: 'rfc3207/starttls-advertised',
    title: 'STARTTLS is advertised on 587',
    requirements: ['R-3207-4'],
    level: 'MUST',
    category: 'conformance',
    source: { rfc: 'RFC 3207', section: '4', text: 'the server advertises STARTTLS in its EHLO reply' },
    target: 'postfix',
    port: '587',
    verdict: 'PASS',
    expected: ['EHLO reply lists STARTTLS'],
    actual: 'EHLO reply lists STARTTLS',
    durationMs: 12,
    transcript: [],
    ...overrides,
  };
}

export function targetSummary(overrides: Partial<TargetSummary> = {}): TargetSummary {
  return {
    name: 'postfix',
    kind: 'container',
    host: '127.0.0.1',
    ports: { implicit: 32768, starttls: 32769 },
    servername: 'mail.test',
    user: 'alice',
    waivers: [],
    facts: {},
    caProvided: true,
    ...overrides,
  };
}

export function report(results: CaseResult[], overrides: Partial<Report> = {}): Report {
  const runErrors = overrides.runErrors ?? [];
  const strict = overrides.options?.strict ?? false;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'msaspec', version: '0.1.0' },
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 1234,
    options: { strict, only: [], exclude: [], caseTimeoutMs: 10_000 },
    targets: [targetSummary()],
    requirements: REQUIREMENTS.map((r) => ({ ...r })),
    results,
    counts: countVerdicts(results),
    runErrors,
    exitCode: exitCodeFor(results, runErrors, strict),
    ...overrides,
  };
}
