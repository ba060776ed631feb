import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeRunContainers } from '../../targets/engine/cleanup.ts';
import type { PortKind } from '../../harness/model/port.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { CaseContext, DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { WireLog } from '../../harness/smtp/wire-log.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { planRun } from '../../app/plan/run-plan.ts';
import { resolveTargets, type ResolvedRun } from '../../app/provision/resolve-targets.ts';
import { tripleDesRefused } from '../../suites/tls/suites/3des-refused.ts';
import { weakSuitesRefused } from '../../suites/tls/suites/weak-refused.ts';
import { ssl3Refused } from '../../suites/tls/versions/ssl3-refused.ts';
import { tls10Refused } from '../../suites/tls/versions/tls10-refused.ts';
import { tls11Refused } from '../../suites/tls/versions/tls11-refused.ts';
import { tls12Negotiated } from '../../suites/tls/versions/tls12-negotiated.ts';
import { tls13Supported } from '../../suites/tls/versions/tls13-supported.ts';
import { startFlawed } from '../self-validation/flawed-target-fixture.ts';
import { offered, runTestssl, TESTSSL } from './testssl.ts';

/** What msaspec's own cases say the port offers, in testssl.sh's categories. */
async function msaspecOffers(target: ResolvedTarget, port: PortKind): Promise<Record<string, boolean>> {
  const ctx = new CaseContext(target, port, DEFAULT_TIMEOUTS, new WireLog());
  try {
    const [ssl3, tls10, tls11, tls12, tls13, weak, tripleDes] = await Promise.all([
      ssl3Refused.run(ctx),
      tls10Refused.run(ctx),
      tls11Refused.run(ctx),
      tls12Negotiated.run(ctx),
      tls13Supported.run(ctx),
      weakSuitesRefused.run(ctx),
      tripleDesRefused.run(ctx),
    ]);
    const negotiatedAs = (o: typeof ssl3) => o.answer.answer === 'negotiated' && o.answer.version === o.offered;
    return {
      SSLv3: negotiatedAs(ssl3),
      TLS1: negotiatedAs(tls10),
      TLS1_1: negotiatedAs(tls11),
      TLS1_2: tls12.ok,
      TLS1_3: tls13.ok,
      NULL: weak.null.answer === 'negotiated',
      aNULL: weak.anonymous.answer === 'negotiated',
      'EXPORT+LOW': weak.export.answer === 'negotiated' || weak.rc4.answer === 'negotiated',
      '3DES': tripleDes.answer.answer === 'negotiated',
    };
  } finally {
    ctx.closeAll();
  }
}

function testsslOffers(findings: Record<string, string>): Record<string, boolean> {
  return {
    SSLv3: offered(findings.SSLv3),
    TLS1: offered(findings.TLS1),
    TLS1_1: offered(findings.TLS1_1),
    TLS1_2: offered(findings.TLS1_2),
    TLS1_3: offered(findings.TLS1_3),
    NULL: offered(findings.cipherlist_NULL),
    aNULL: offered(findings.cipherlist_aNULL),
    'EXPORT+LOW': offered(findings.cipherlist_EXPORT) || offered(findings.cipherlist_LOW),
    '3DES': offered(findings.cipherlist_3DES_IDEA),
  };
}

const PEER_TIMEOUT = 300_000;

/**
 * Peer agreement: on the same target and port, the protocol versions and cipher classes msaspec finds
 * offered are the ones testssl.sh finds offered. In CI testssl.sh must be there (.ci/run installs it).
 */
describe.skipIf(!TESTSSL && !process.env.CI)('msaspec and testssl.sh agree on what is offered', () => {
  describe('flawed target with TLS 1.0/1.1, anonymous and NULL suites', () => {
    let flawed: ProvisionedTarget;
    beforeAll(async () => {
      flawed = await startFlawed(['tls10', 'anon-ciphers', 'null-ciphers']);
    });
    afterAll(() => flawed?.stop());

    it.concurrent.each([['implicit'], ['starttls']] as const)('on %s', async (port) => {
      const findings = await runTestssl(flawed.target.ports[port]!, port === 'starttls');
      const ours = await msaspecOffers(flawed.target, port);
      expect(ours).toEqual(testsslOffers(findings));
      expect(ours).toMatchObject({ TLS1: true, TLS1_1: true, aNULL: true, NULL: true });
    }, PEER_TIMEOUT);
  });

  describe('stock Debian Postfix (postfix:stock)', () => {
    const runId = `peer-${randomBytes(4).toString('hex')}`;
    let run: ResolvedRun;
    let postfix: ResolvedTarget;
    beforeAll(async () => {
      const plan = planRun({ runId, targets: [{ type: 'builtin', name: 'postfix:stock' }] });
      run = await resolveTargets(plan, () => undefined);
      expect(run.errors).toEqual([]);
      postfix = run.targets[0]!;
    }, 15 * 60_000);
    afterAll(async () => {
      await run?.stop();
      await removeRunContainers(runId);
    });

    it.concurrent.each([['implicit'], ['starttls']] as const)('on %s', async (port) => {
      const findings = await runTestssl(postfix.ports[port]!, port === 'starttls');
      const ours = await msaspecOffers(postfix, port);
      expect(ours).toEqual(testsslOffers(findings));
    }, PEER_TIMEOUT);

    // The claim, measured: Debian's defaults offer TLS 1.0, TLS 1.1 and anonymous suites on both ports.
    it.concurrent.each([['implicit'], ['starttls']] as const)('msaspec reports TLS 1.0, TLS 1.1 and the weak suites as FAIL on %s', async (port) => {
      const verdicts = await Promise.all([tls10Refused, tls11Refused, weakSuitesRefused].map((c) => runCase(c, postfix, port, DEFAULT_TIMEOUTS)));
      expect(verdicts.map((r) => `${r.caseId} ${r.verdict}`)).toEqual([
        'tls/versions/tls10-refused FAIL',
        'tls/versions/tls11-refused FAIL',
        'tls/suites/weak-refused FAIL',
      ]);
    }, 60_000);
  });
});
