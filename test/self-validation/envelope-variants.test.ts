import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_DOMAIN } from '../../targets/flawed/address-policy.ts';
import type { Variant } from '../../targets/flawed/variants.ts';
import type { AnyCase } from '../../harness/model/case.ts';
import type { PortKind } from '../../harness/model/port.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { pipelinedRepliesInOrder } from '../../suites/rfc2920/3.2/replies-in-order.ts';
import { authForgottenAfterTls } from '../../suites/rfc3207/4.2/auth-forgotten.ts';
import { ehloForgottenAfterTls } from '../../suites/rfc3207/4.2/ehlo-forgotten.ts';
import { noAuthAfterAuth } from '../../suites/rfc4954/4/no-auth-after-auth.ts';
import { ehloResetsTransaction } from '../../suites/rfc5321/4.1.4/ehlo-resets-transaction.ts';
import { submitsEndToEnd } from '../../suites/rfc6409/submission/end-to-end.ts';
import { receivedRecordsTls } from '../../suites/rfc8314/4.3/received-records-tls.ts';
import { startFlawed } from './flawed-target-fixture.ts';

/**
 * A live host's address policy (targets/flawed/address-policy.ts): with the suite's default
 * addresses the cases that need a transaction say why they could not go on and name the flag to set
 * (NA), never FAIL; with --mail-from and --rcpt-to in the host's own domain they pass.
 */
const TRANSACTION_CASES: readonly AnyCase[] = [submitsEndToEnd, ehloResetsTransaction, receivedRecordsTls];
const PORTS: readonly PortKind[] = ['implicit', 'starttls'];
const OWN = { mailFrom: `alice@${LOCAL_DOMAIN}`, rcptTo: `bob@${LOCAL_DOMAIN}`, ehloName: 'submit-client.example.net' };

describe.each<Variant>(['local-addresses-only', 'refusals-at-rcpt'])('variant %s', (variant) => {
  let flawed: ProvisionedTarget;
  beforeAll(async () => {
    flawed = await startFlawed([variant]);
  });
  afterAll(() => flawed.stop());
  const own = (): ResolvedTarget => ({ ...flawed.target, envelope: OWN });

  for (const testCase of TRANSACTION_CASES) {
    for (const port of PORTS) {
      // With the refusal deferred to RCPT, the reset check sees it only where a reset is due: its RCPT
      // after EHLO gets 503 either way, so the case concludes.
      const concludes = variant === 'refusals-at-rcpt' && testCase === ehloResetsTransaction;
      it(`${testCase.id} on ${port}: ${concludes ? 'PASS' : 'NA naming the flag'} with the default addresses, PASS with --mail-from and --rcpt-to`, async () => {
        const refused = await runCase(testCase, flawed.target, port, DEFAULT_TIMEOUTS);
        expect(refused.verdict, refused.actual).toBe(concludes ? 'PASS' : 'NA');
        if (!concludes) expect(refused.actual).toMatch(/--mail-from|--rcpt-to/);
        const accepted = await runCase(testCase, own(), port, DEFAULT_TIMEOUTS);
        expect(accepted.verdict, accepted.actual).toBe('PASS');
        const sent = accepted.transcript.filter((e) => e.dir === 'C').map((e) => e.text);
        expect(sent).toContain(`MAIL FROM:<${OWN.mailFrom}>`);
        expect(sent).toContain(`EHLO ${OWN.ehloName}`);
      });
    }
  }

  it('replies-in-order: in order with the default addresses (the refusals are replies too), a whole transaction with the own ones', async () => {
    const refused = await runCase(pipelinedRepliesInOrder, flawed.target, 'starttls', DEFAULT_TIMEOUTS);
    expect(refused.verdict, refused.actual).toBe('PASS');
    expect(refused.seen).toMatch(/transaction refused/);
    expect(refused.actual).toMatch(variant === 'refusals-at-rcpt' ? /--rcpt-to/ : /--mail-from/);
    const accepted = await runCase(pipelinedRepliesInOrder, own(), 'starttls', DEFAULT_TIMEOUTS);
    expect(accepted.verdict, accepted.actual).toBe('PASS');
    expect(accepted.actual).toMatch(/DATA → 354/);
  });

  it('the other transactions are judged for what they check, whatever the addresses', async () => {
    for (const target of [flawed.target, own()]) {
      for (const testCase of [noAuthAfterAuth, ehloForgottenAfterTls, authForgottenAfterTls]) {
        const result = await runCase(testCase, target, 'starttls', DEFAULT_TIMEOUTS);
        expect(['PASS', 'NA'], `${testCase.id}: ${result.verdict} ${result.actual}`).toContain(result.verdict);
      }
    }
  });
});
