// --shard i/n: every row of a run lands in exactly one shard, the split is the same everywhere, and
// adding a case or a target moves no row that was already placed.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { plannedRows } from '../../app/plan/planned-rows.ts';
import { parseShard, plannedName, shardOf } from '../../app/plan/shard.ts';
import { ALL_CASES } from '../../suites/index.ts';

const rowsOf = (target: string, shard?: { index: number; total: number }) => plannedRows(ALL_CASES, target, shard).map((r) => `${r.testCase.id} ${r.label}`);

describe('sharding', () => {
  it('parses i/n and refuses what is not one', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
    for (const bad of ['0/2', '3/2', '1/0', '1', '1/2/3', 'a/b', '-1/2', ' 1/2', '1/99999']) expect(parseShard(bad), bad).toBeUndefined();
  });

  test.prop([fc.integer({ min: 1, max: 12 }), fc.constantFrom('flawed', 'postfix:hardened', 'host:mail.example.org')])(
    'the shards of n partition the rows of a target',
    (total, target) => {
      const all = rowsOf(target);
      const parts = Array.from({ length: total }, (_, i) => rowsOf(target, { index: i + 1, total }));
      expect(parts.flat().sort()).toEqual([...all].sort());
      expect(new Set(parts.flat()).size).toBe(all.length);
    },
  );

  test.prop([fc.string({ minLength: 1 }), fc.string(), fc.constantFrom('465', '587', '465+587'), fc.integer({ min: 1, max: 64 })])(
    'a row’s shard depends on its case, target and port alone',
    (caseId, target, port, total) => {
      const shard = shardOf(caseId, target, port, total);
      expect(shard).toBeGreaterThanOrEqual(1);
      expect(shard).toBeLessThanOrEqual(total);
      expect(shardOf(caseId, target, port, total)).toBe(shard);
    },
  );

  it('adding cases moves no existing row', () => {
    const before = plannedRows(ALL_CASES.slice(0, -5), 'flawed', { index: 1, total: 3 }).map((r) => r.testCase.id + r.label);
    const after = plannedRows(ALL_CASES, 'flawed', { index: 1, total: 3 }).map((r) => r.testCase.id + r.label);
    expect(after.filter((id) => !ALL_CASES.slice(-5).some((c) => id.startsWith(c.id)))).toEqual(before);
  });

  it('splits a real run roughly evenly (no shard empty at n = 2 or 3)', () => {
    for (const total of [2, 3]) {
      const sizes = Array.from({ length: total }, (_, i) => rowsOf('flawed', { index: i + 1, total }).length);
      for (const size of sizes) expect(size).toBeGreaterThan(rowsOf('flawed').length / (total * 2));
    }
  });

  it('names targets as the plan does, before anything starts', () => {
    expect(plannedName({ type: 'builtin', name: 'flawed', flaws: ['inject'] })).toBe('flawed');
    expect(plannedName({ type: 'external', host: 'mail.example.org', servername: 'mail.example.org' })).toBe('host:mail.example.org');
  });
});
