// reports/schema/report.schema.json: the reports the model makes validate, and the schema refuses what
// a report must never hold (a password, an unknown verdict, a missing count).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeTarget } from '../../harness/model/target.ts';
import { buildReport } from '../../reports/build-report.ts';
import { mergeReports } from '../../reports/merge-reports.ts';
import { REPORT_SCHEMA_VERSION, type Report } from '../../reports/report-model.ts';
import { caseResult, report, targetSummary } from './fixtures.ts';
import { REPORT_SCHEMA_FILE, reportSchemaErrors } from './validators.ts';
import { hostileReport } from './writer-fixtures.ts';

const clone = (r: Report): Record<string, any> => JSON.parse(JSON.stringify(r));

describe('report.schema.json', () => {
  it('is draft 2020-12 and pins the model’s schema version', () => {
    const schema = JSON.parse(readFileSync(REPORT_SCHEMA_FILE, 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.schemaVersion).toEqual({ const: REPORT_SCHEMA_VERSION });
  });

  it('accepts reports with every verdict, waivers, facts, run errors and hostile text', () => {
    expect(reportSchemaErrors(clone(hostileReport()))).toEqual([]);
    expect(reportSchemaErrors(clone(report([])))).toEqual([]);
  });

  it('accepts what buildReport makes from a plan with --exclude and --shard, and a merge', () => {
    const built = buildReport({
      version: '0.1.0',
      plan: { only: [], exclude: ['rfc5321/'], shard: { index: 1, total: 2 }, strict: true, caseTimeoutMs: 1000 },
      targets: [
        {
          name: 'postfix:hardened',
          planned: 'postfix:hardened',
          kind: 'container',
          host: '127.0.0.1',
          ports: { implicit: 1465, starttls: 1587 },
          servername: 'mail.example.test',
          user: 'alice',
          password: 'secret',
          ca: 'PEM',
          waivers: [],
          facts: { image: 'msaspec/postfix:abc', imageId: 'sha256:1', packages: 'postfix 3.7.11' },
        },
      ],
      results: [caseResult({ target: 'postfix:hardened', replay: { seed: 42, runs: 100, executed: 3, path: '2:1', counterexample: 'STARTTLS' } })],
      runErrors: [],
      startedAt: new Date(),
    });
    expect(reportSchemaErrors(clone(built))).toEqual([]);
    const second = { ...built, options: { ...built.options, shard: { index: 2, total: 2 } }, results: [caseResult({ target: 'postfix:hardened', port: '465' })] };
    expect(reportSchemaErrors(clone(mergeReports([{ label: 'a', report: built }, { label: 'b', report: second }])))).toEqual([]);
  });

  it('refuses a target that carries a password or CA text', () => {
    const withSecret = clone(report([], { targets: [targetSummary()] }));
    withSecret.targets[0].password = 'hunter2';
    expect(reportSchemaErrors(withSecret).join('\n')).toMatch(/additional properties.*password/);
    const full = { ...targetSummary(), ca: 'PEM' } as never;
    expect(reportSchemaErrors(clone(report([], { targets: [summarizeTarget(full)] })))).toEqual([]);
    const withCa = clone(report([], { targets: [targetSummary()] }));
    withCa.targets[0].ca = '-----BEGIN CERTIFICATE-----';
    expect(reportSchemaErrors(withCa).length).toBeGreaterThan(0);
  });

  it('refuses an unknown verdict, a missing count, a wrong schema version and an unknown top-level field', () => {
    const badVerdict = clone(report([caseResult()]));
    badVerdict.results[0].verdict = 'MAYBE';
    expect(reportSchemaErrors(badVerdict).join('\n')).toMatch(/results\/0\/verdict/);
    const noCount = clone(report([]));
    delete noCount.counts.XPASS;
    expect(reportSchemaErrors(noCount).join('\n')).toMatch(/XPASS/);
    expect(reportSchemaErrors({ ...clone(report([])), schemaVersion: 2 }).length).toBeGreaterThan(0);
    expect(reportSchemaErrors({ ...clone(report([])), password: 'x' }).length).toBeGreaterThan(0);
  });
});
