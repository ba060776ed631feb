import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../harness/model/result.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { ConnectionLimiter, DEFAULT_CONNECTIONS_PER_TARGET } from '../../harness/run/connection-limiter.ts';
import { plannedRows } from '../../app/plan/planned-rows.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { EndpointHealth } from '../../harness/run/endpoint-health.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { verdictChanges } from '../../scripts/stability/verdict-changes.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { startFlawed } from '../self-validation/flawed-target-fixture.ts';

const row = (caseId: string, verdict: CaseResult['verdict'], actual: string = verdict): CaseResult =>
  ({ caseId, target: 't', port: '587', verdict, actual }) as CaseResult;

describe('verdictChanges', () => {
  it('reports a row whose verdict differs, with what each verdict saw, and a row missing from a run', () => {
    const changes = verdictChanges([
      [row('a', 'PASS'), row('b', 'FAIL', 'first'), row('c', 'PASS')],
      [row('a', 'PASS'), row('b', 'ERROR', 'second'), row('c', 'PASS')],
      [row('a', 'PASS'), row('b', 'FAIL', 'third')],
    ]);
    expect(changes).toEqual([
      { row: 't | b [587]', verdicts: ['FAIL', 'ERROR', 'FAIL'], actual: { FAIL: 'first', ERROR: 'second' } },
      { row: 't | c [587]', verdicts: ['PASS', 'PASS', '—'], actual: { PASS: 'PASS', '—': 'missing from run 3' } },
    ]);
  });

  it('reports nothing when every run agrees', () => {
    expect(verdictChanges([[row('a', 'WARN')], [row('a', 'WARN')]])).toEqual([]);
  });
});

// The smaller sibling of `npm run stability`: three passes of the whole catalogue, as a run runs
// them (connection limit, health tracker, one seed), against a flawed target with two flaws on.
describe('three passes against the flawed target give the same verdicts', () => {
  let flawed: ProvisionedTarget;
  beforeAll(async () => {
    flawed = await startFlawed(['inject', 'keep-ehlo']);
  });
  afterAll(async () => {
    await flawed.stop();
  });

  it('no row changes its verdict', { timeout: 180_000 }, async () => {
    const passes: CaseResult[][] = [];
    for (let i = 0; i < 3; i++) {
      const controls = { limiter: new ConnectionLimiter(DEFAULT_CONNECTIONS_PER_TARGET), health: new EndpointHealth() };
      const rows = plannedRows(ALL_CASES, 'flawed');
      passes.push(await Promise.all(rows.map(({ testCase, port }) => runCase(testCase, flawed.target, port, { ...DEFAULT_TIMEOUTS, seed: 1 }, 'default', controls))));
    }
    expect(verdictChanges(passes)).toEqual([]);
    // The flaws are seen: this is not three passes of nothing.
    expect(passes[0]?.filter((r) => r.verdict === 'FAIL').map((r) => r.caseId)).toEqual(expect.arrayContaining(['injection/1/pipelined-noop', 'rfc3207/4.2/ehlo-forgotten']));
    expect(passes[0]?.filter((r) => r.verdict === 'ERROR').map((r) => `${r.caseId} [${r.port}]: ${r.actual}`)).toEqual([]);
  });
});
