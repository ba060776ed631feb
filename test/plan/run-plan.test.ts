// app/plan/run-plan.ts: the run is worked out once, as plain data, and every reader (the CLI, the
// dry run, globalSetup, the rows in the vitest worker, the report) takes it from there.
import { describe, expect, it } from 'vitest';
import { caseById } from '../../app/plan/case-lookup.ts';
import { plannedRows } from '../../app/plan/planned-rows.ts';
import { planRun } from '../../app/plan/run-plan.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { DEFAULT_CONNECTIONS_PER_TARGET } from '../../harness/run/connection-limiter.ts';
import { ALL_CASES, selectCases } from '../../suites/index.ts';

const external = { type: 'external' as const, host: 'mail.example.org', servername: 'mail.example.org', implicitPort: 465 };

describe('the run plan', () => {
  it('names every target, and lists its rows (this shard’s) by case id in catalogue order', () => {
    const shard = { index: 2, total: 3 };
    const plan = planRun({ targets: [{ type: 'builtin', name: 'flawed', flaws: ['inject'] }, external], only: ['rfc3207/', 'injection/'], exclude: ['R3207-4a'], shard });
    const cases = selectCases(['rfc3207/', 'injection/'], ['R3207-4a']);
    expect(plan.caseIds).toEqual(cases.map((c) => c.id));
    expect(plan.targets.map((t) => t.planned)).toEqual(['flawed', 'host:mail.example.org']);
    expect(plan.targets[0]).toMatchObject({ type: 'builtin', name: 'flawed', flaws: ['inject'] });
    for (const target of plan.targets) {
      const expected = plannedRows(cases, target.planned, shard).map((r) => ({ caseId: r.testCase.id, port: r.port, label: r.label }));
      expect(target.rows).toEqual(expected);
      expect(target.rows.length).toBeGreaterThan(0);
    }
  });

  it('decides once whether the run needs containers', () => {
    expect(planRun({ targets: [{ type: 'builtin', name: 'flawed' }, external] }).needsContainers).toBe(false);
    expect(planRun({ targets: [{ type: 'builtin', name: 'flawed' }, { type: 'builtin', name: 'postfix:hardened' }] }).needsContainers).toBe(true);
  });

  it('fills in the defaults of every setting the user left out', () => {
    const plan = planRun({ targets: [external] });
    expect(plan).toMatchObject({
      only: [],
      exclude: [],
      strict: false,
      profile: 'default',
      caseTimeoutMs: DEFAULT_TIMEOUTS.caseMs,
      replyTimeoutMs: DEFAULT_TIMEOUTS.replyMs,
      quietMs: DEFAULT_TIMEOUTS.quietMs,
      connections: DEFAULT_CONNECTIONS_PER_TARGET,
    });
    expect(plan.runId).toMatch(/^[0-9a-f]{12}$/);
    expect(Number.isInteger(plan.seed)).toBe(true);
    for (const absent of ['shard', 'runs', 'deadlineAt', 'envelope', 'cleartextTestCredentials']) expect(plan, absent).not.toHaveProperty(absent);
    expect(plan.caseIds).toEqual(ALL_CASES.map((c) => c.id));
  });

  it('keeps what the user set', () => {
    const before = Date.now();
    const plan = planRun({ targets: [external], runId: 'r1', seed: 42, runs: 5, connections: 2, deadlineMs: 60_000, profile: 'strict', strict: true, envelope: { rcptTo: 'a@b.example' }, cleartextTestCredentials: true });
    expect(plan).toMatchObject({ runId: 'r1', seed: 42, runs: 5, connections: 2, profile: 'strict', strict: true, envelope: { rcptTo: 'a@b.example' }, cleartextTestCredentials: true });
    expect(plan.deadlineAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(planRun({ targets: [external], envelope: {} })).not.toHaveProperty('envelope');
  });

  it('is plain data, which crosses into vitest as it is, and its case ids lead back to the definitions', () => {
    const plan = planRun({ targets: [{ type: 'builtin', name: 'flawed' }, external] });
    expect(structuredClone(plan)).toEqual(plan);
    for (const id of plan.caseIds) expect(caseById(id)?.id).toBe(id);
    expect(caseById('no/such/case')).toBeUndefined();
  });
});
