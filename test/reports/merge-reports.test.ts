// msaspec merge: shards of one run become one report with recomputed counts and exit code; inputs
// that would make a dishonest report are refused.
import { describe, expect, it } from 'vitest';
import { MergeError, mergeReports } from '../../reports/merge-reports.ts';
import type { CaseResult } from '../../harness/model/result.ts';
import type { Report } from '../../reports/report-model.ts';
import { caseResult, report, targetSummary } from './fixtures.ts';

function shard(index: number, total: number, results = [caseResult({ caseId: `case-${index}` })], extra: Partial<Report> = {}): { label: string; report: Report } {
  return { label: `dir${index}`, report: report(results, { options: { strict: false, only: [], exclude: [], shard: { index, total }, caseTimeoutMs: 1000 }, ...extra }) };
}

describe('mergeReports', () => {
  it('joins every shard once: rows, counts, exit code, targets, inputs', () => {
    const merged = mergeReports([
      shard(2, 2, [caseResult({ caseId: 'b', verdict: 'FAIL' })], { startedAt: '2025-01-01T00:00:05.000Z', durationMs: 1000, runErrors: ['engine hiccup'] }),
      shard(1, 2, [caseResult({ caseId: 'a' })], { startedAt: '2025-01-01T00:00:00.000Z', durationMs: 2000 }),
    ]);
    expect(merged.results.map((r) => r.caseId).sort()).toEqual(['a', 'b']);
    expect(merged.counts.PASS).toBe(1);
    expect(merged.counts.FAIL).toBe(1);
    expect(merged.exitCode).toBe(1);
    expect(merged.options).not.toHaveProperty('shard');
    expect(merged.runErrors).toEqual(['shard 2/2: engine hiccup']);
    expect(merged.startedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(merged.durationMs).toBe(6000);
    expect(merged.targets.map((t) => t.name)).toEqual(['postfix']);
    expect(merged.merged?.inputs.map((i) => i.shard?.index)).toEqual([2, 1]);
  });

  it('recomputes the exit code rather than taking the worst input’s', () => {
    const merged = mergeReports([shard(1, 2, [caseResult({ caseId: 'a', verdict: 'ERROR' })]), shard(2, 2, [caseResult({ caseId: 'b', verdict: 'FAIL' })])]);
    expect(merged.exitCode).toBe(1);
  });

  it('merges unsharded runs of different targets into one comparison', () => {
    const a = { label: 'a', report: report([caseResult({ target: 'postfix' })]) };
    const b = { label: 'b', report: report([caseResult({ target: 'exim' })], { targets: [targetSummary({ name: 'exim' })] }) };
    expect(mergeReports([a, b]).targets.map((t) => t.name)).toEqual(['postfix', 'exim']);
  });

  describe('two runs of the same targets: the newer compared with the older', () => {
    const run = (startedAt: string, rows: [caseId: string, verdict: CaseResult['verdict']][], version = '0.1.0') => {
      const results = rows.map(([caseId, verdict]) => caseResult({ caseId, verdict }));
      return report(results, { startedAt, tool: { name: 'msaspec', version } });
    };
    const old = run('2025-01-01T00:00:00.000Z', [['same', 'PASS'], ['breaks', 'PASS'], ['fixed', 'FAIL'], ['moves', 'WARN'], ['gone', 'PASS']]);
    const now = run('2025-02-01T00:00:00.000Z', [['same', 'PASS'], ['breaks', 'FAIL'], ['fixed', 'PASS'], ['moves', 'FAIL'], ['new', 'WARN'], ['added', 'INFO']], '0.2.0');

    it('keeps the newer run as it is and lists what changed, new findings first, whichever order they are given in', () => {
      for (const inputs of [[{ label: 'old', report: old }, { label: 'now', report: now }], [{ label: 'now', report: now }, { label: 'old', report: old }]]) {
        const compared = mergeReports(inputs);
        expect(compared.results).toEqual(now.results);
        expect(compared.exitCode).toBe(now.exitCode);
        expect(compared.counts).toEqual(now.counts);
        expect(compared.compared?.baseline).toEqual({ startedAt: old.startedAt, durationMs: old.durationMs, exitCode: old.exitCode, toolVersion: '0.1.0' });
        expect(compared.compared?.changes.map((c) => [c.kind, c.caseId, c.before, c.after])).toEqual([
          ['new finding', 'breaks', 'PASS', 'FAIL'],
          ['new finding', 'new', undefined, 'WARN'],
          ['finding resolved', 'fixed', 'FAIL', 'PASS'],
          ['verdict moved', 'moves', 'WARN', 'FAIL'],
          ['new row', 'added', undefined, 'INFO'],
          ['row gone', 'gone', 'PASS', undefined],
        ]);
      }
    });

    it('says so when nothing changed', () => {
      expect(mergeReports([{ label: 'a', report: old }, { label: 'b', report: { ...old, startedAt: '2025-03-01T00:00:00.000Z' } }]).compared?.changes).toEqual([]);
    });

    it('still joins runs of the same target that share no row (other --only), and refuses three runs that overlap', () => {
      const tls = run('2025-01-02T00:00:00.000Z', [['tls/x', 'PASS']]);
      expect(mergeReports([{ label: 'a', report: old }, { label: 'b', report: tls }]).compared).toBeUndefined();
      expect(() => mergeReports([{ label: 'a', report: old }, { label: 'b', report: { ...old, startedAt: '2025-03-01T00:00:00.000Z' } }, { label: 'c', report: tls }])).toThrow(/is in both a and b \(two runs of the same targets are compared two at a time\)/);
    });
  });

  it.each([
    ['a missing shard', () => [shard(1, 3), shard(3, 3)], /missing shard 2\/3/],
    ['a shard given twice', () => [shard(1, 2), shard(1, 2, [caseResult({ caseId: 'z' })]), shard(2, 2)], /shard 1\/2 given twice: dir1 and dir1/],
    ['shards of different totals', () => [shard(1, 2), shard(2, 3)], /is shard 2\/3, the others are of 2/],
    ['sharded with unsharded', () => [shard(1, 1), { label: 'plain', report: report([caseResult({ caseId: 'q' })]) }], /cannot mix sharded and unsharded/],
    ['the same row twice', () => [shard(1, 2, [caseResult()]), shard(2, 2, [caseResult()])], /rfc3207\/starttls-advertised on postfix port 587 is in both dir1 and dir2/],
    ['other options', () => [shard(1, 2), { label: 'strict', report: { ...shard(2, 2).report, options: { strict: true, only: [], exclude: [], shard: { index: 2, total: 2 }, caseTimeoutMs: 1 } } }], /other options/],
    ['another suite version', () => [shard(1, 2), { label: 'old', report: { ...shard(2, 2).report, tool: { name: 'msaspec' as const, version: '0.0.9' } } }], /made by msaspec 0\.0\.9/],
    ['nothing', () => [], /no report to merge/],
  ])('refuses %s', (_name, inputs, message) => {
    expect(() => mergeReports(inputs())).toThrow(MergeError);
    expect(() => mergeReports(inputs())).toThrow(message);
  });
});
