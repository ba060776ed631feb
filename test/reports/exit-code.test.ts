import { describe, expect, it } from 'vitest';
import { VERDICTS, type Verdict } from '../../harness/model/verdict.ts';
import { countVerdicts, exitCodeFor } from '../../reports/exit-code.ts';
import { caseResult } from './fixtures.ts';

const results = (...verdicts: Verdict[]) => verdicts.map((verdict) => caseResult({ verdict }));

describe('exitCodeFor', () => {
  it('is 0 when nothing needs attention', () => {
    expect(exitCodeFor(results('PASS', 'INFO', 'NA', 'XFAIL'), [], true)).toBe(0);
    expect(exitCodeFor([], [], true)).toBe(0);
  });

  it('is 1 for a FAIL', () => {
    expect(exitCodeFor(results('PASS', 'FAIL'), [], false)).toBe(1);
  });

  it('is 1 for an XPASS: the waiver no longer holds', () => {
    expect(exitCodeFor(results('PASS', 'XPASS'), [], false)).toBe(1);
  });

  it('is 3 for an ERROR', () => {
    expect(exitCodeFor(results('PASS', 'ERROR'), [], false)).toBe(3);
  });

  it('is 3 for run errors', () => {
    expect(exitCodeFor(results('PASS'), ['could not start container postfix'], false)).toBe(3);
  });

  it('is 2 for a WARN only when strict', () => {
    expect(exitCodeFor(results('PASS', 'WARN'), [], true)).toBe(2);
    expect(exitCodeFor(results('PASS', 'WARN'), [], false)).toBe(0);
  });

  it('lets a FAIL win over case ERRORs, so a security FAIL is never shown as a harness error', () => {
    expect(exitCodeFor(results('ERROR', 'FAIL'), [], false)).toBe(1);
    expect(exitCodeFor(results('ERROR', 'XPASS'), [], false)).toBe(1);
  });

  it('never masks a FAIL behind a run error', () => {
    expect(exitCodeFor(results('FAIL'), ['engine crashed'], false)).toBe(1);
    expect(exitCodeFor(results('PASS'), ['engine crashed'], false)).toBe(3);
  });

  it('lets FAIL and ERROR win over strict WARN', () => {
    expect(exitCodeFor(results('WARN', 'FAIL'), [], true)).toBe(1);
    expect(exitCodeFor(results('WARN', 'ERROR'), [], true)).toBe(3);
  });
});

describe('countVerdicts', () => {
  it('has every verdict key, zero when absent', () => {
    const counts = countVerdicts(results('PASS', 'PASS', 'FAIL', 'XFAIL'));
    expect(Object.keys(counts).sort()).toEqual([...VERDICTS].sort());
    expect(counts).toEqual({ PASS: 2, FAIL: 1, WARN: 0, INFO: 0, NA: 0, ERROR: 0, XFAIL: 1, XPASS: 0 });
  });

  it('is all zeros for no results', () => {
    expect(Object.values(countVerdicts([]))).toEqual(VERDICTS.map(() => 0));
  });
});
