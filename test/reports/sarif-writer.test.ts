// report.sarif: valid against the SARIF 2.1.0 JSON schema (rtm.5, the last release candidate, as the
// npm package @microsoft/jest-sarif ships it), one rule per requirement, one result per finding.
import { describe, expect, it } from 'vitest';
import { renderSarif } from '../../reports/sarif-writer.ts';
import { REQUIREMENTS } from '../../suites/requirements.ts';
import { caseResult, report } from './fixtures.ts';
import { sarifSchemaErrors } from './validators.ts';
import { HOSTILE_MARKUP, hostileReport } from './writer-fixtures.ts';

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('SARIF 2.1.0', () => {
  it('validates against the SARIF 2.1.0 schema, hostile text and an empty run included', () => {
    expect(sarifSchemaErrors(json(renderSarif(hostileReport())))).toEqual([]);
    expect(sarifSchemaErrors(json(renderSarif(report([]))))).toEqual([]);
  });

  it('the schema check is real: it refuses a result without a message', () => {
    const log = json(renderSarif(hostileReport()));
    delete log.runs[0].results[0].message;
    expect(sarifSchemaErrors(log).join('\n')).toMatch(/message/);
  });

  it('has one rule per requirement of the catalogue, with its level', () => {
    const run = renderSarif(hostileReport()).runs[0]!;
    const rules = run.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(REQUIREMENTS.map((r) => r.id));
    expect(rules.find((r) => r.id === 'R3207-4a')?.defaultConfiguration?.level).toBe('error');
    expect(rules.find((r) => r.id === 'R3207-4c')?.defaultConfiguration?.level).toBe('warning');
  });

  it('has one result per FAIL, WARN and XPASS, XFAIL suppressed, nothing for PASS, INFO, NA or ERROR', () => {
    const run = renderSarif(hostileReport()).runs[0]!;
    const results = run.results ?? [];
    const byVerdict = (v: string) => results.filter((r) => r.properties?.verdict === v);
    expect(byVerdict('FAIL')).toHaveLength(2);
    expect(byVerdict('WARN')).toHaveLength(1);
    expect(byVerdict('XPASS')).toHaveLength(1);
    expect(byVerdict('XFAIL')).toHaveLength(1);
    expect(results).toHaveLength(5);
    expect(byVerdict('XFAIL')[0]?.suppressions?.[0]?.kind).toBe('external');
    expect(byVerdict('WARN')[0]?.level).toBe('warning');
    expect(byVerdict('XPASS')[0]?.level).toBe('error');
    // ruleId is the primary requirement, ruleIndex points at it.
    const rules = run.tool.driver.rules ?? [];
    for (const r of results) expect(rules[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
    // ERROR rows and run errors are notifications of the invocation, not findings.
    const notes = run.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notes.map((n) => n.message.text)).toEqual([expect.stringMatching(/^run error: engine said /), expect.stringMatching(/^rfc5321\/quit\/closes on alpha port 587 could not conclude/)]);
    expect(run.invocations?.[0]?.executionSuccessful).toBe(false);
  });

  it('fingerprints a row the same way every run, and differently per target and port', () => {
    const a = renderSarif(report([caseResult({ verdict: 'FAIL' })])).runs[0]!.results![0]!;
    const b = renderSarif(report([caseResult({ verdict: 'FAIL', actual: 'other' })])).runs[0]!.results![0]!;
    const c = renderSarif(report([caseResult({ verdict: 'FAIL', port: '465' })])).runs[0]!.results![0]!;
    expect(a.partialFingerprints).toEqual(b.partialFingerprints);
    expect(a.partialFingerprints).not.toEqual(c.partialFingerprints);
  });

  it('keeps no raw control character; markup stays inert text in a plain-text message', () => {
    // No string in the log holds a control character or a lone surrogate (JSON would only escape them).
    const strings: string[] = [];
    JSON.stringify(renderSarif(hostileReport()), (_key, value: unknown) => (typeof value === 'string' && strings.push(value), value));
    const bad = /[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    expect(strings.filter((s) => bad.test(s))).toEqual([]);
    const messages = (renderSarif(hostileReport()).runs[0]!.results ?? []).map((r) => r.message);
    for (const m of messages) expect(m).not.toHaveProperty('markdown');
    expect(messages.some((m) => m.text?.includes(HOSTILE_MARKUP))).toBe(true);
  });
});
