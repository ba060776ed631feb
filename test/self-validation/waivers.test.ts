import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { findWaiver, runCase } from '../../harness/run/run-case.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { exitCodeFor } from '../../reports/exit-code.ts';
import { pipelinedNoop } from '../../suites/injection/1/pipelined-noop.ts';
import { starttlsAdvertised } from '../../suites/rfc3207/4/starttls-advertised.ts';
import { startFlawed } from './flawed-target-fixture.ts';

/** A target configuration may waive a known deviation: XFAIL while it holds, XPASS (a failed run) once fixed. */
describe('waivers', () => {
  let flawed: ProvisionedTarget | undefined;
  afterEach(() => flawed?.stop());

  const waived = async (flaws: string[], pattern: string) => {
    flawed = await startFlawed(flaws);
    return { ...flawed.target, waivers: [{ pattern, reason: 'known deviation, tracked upstream' }] };
  };

  it('turns a FAIL of a waived case into XFAIL, with the reason, and the run passes', async () => {
    const result = await runCase(pipelinedNoop, await waived(['inject'], 'injection/'), 'starttls', DEFAULT_TIMEOUTS);
    expect(result.verdict).toBe('XFAIL');
    expect(result.waiver).toBe('known deviation, tracked upstream');
    expect(exitCodeFor([result], [], false)).toBe(0);
  });

  it('turns a PASS of a waived case into XPASS, which fails the run', async () => {
    const result = await runCase(pipelinedNoop, await waived([], 'INJ-1'), 'starttls', DEFAULT_TIMEOUTS);
    expect(result.verdict).toBe('XPASS');
    expect(exitCodeFor([result], [], false)).toBe(1);
  });

  it('a waiver scoped to one port leaves the other port alone', () => {
    const waiver = { pattern: 'INJ-1', reason: 'deviation of the STARTTLS service only', port: 'starttls' as const };
    expect(findWaiver([waiver], pipelinedNoop, 'starttls')).toBe(waiver);
    expect(findWaiver([waiver], pipelinedNoop, 'implicit')).toBeUndefined();
    expect(findWaiver([{ pattern: 'INJ-1', reason: 'both ports' }], pipelinedNoop, 'implicit')).toBeDefined();
  });

  it('waives a SHOULD-level WARN as XFAIL too', async () => {
    const result = await runCase(starttlsAdvertised, await waived(['no-starttls-advert'], 'rfc3207/4/starttls-advertised'), 'starttls', DEFAULT_TIMEOUTS);
    expect(result.verdict).toBe('XFAIL');
  });
});
