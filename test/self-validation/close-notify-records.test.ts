import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { closeNotifyBeforeClose } from '../../suites/rfc8314/3.4/close-notify.ts';
import { startFlawed } from './flawed-target-fixture.ts';

/**
 * On TLS 1.3 every protected record looks alike on the wire, so counting records after QUIT would
 * take a 221 split across two records for "221, then close_notify". The case opens the records again:
 * the split 221 with a close alert passes (variant split-221), and without the alert it is still the
 * finding (flaw no-close-notify on top). TLS 1.2 (no-tls13) shows the same through its record headers.
 */
const ROWS: { switches: string[]; verdict: 'PASS' | 'WARN'; actual: RegExp }[] = [
  { switches: ['split-221'], verdict: 'PASS', actual: /TLSv1\.3 records after QUIT: application_data \(4 octets\) \[\d+\], application_data \(11 octets\) \[\d+\], alert close_notify/ },
  { switches: ['split-221', 'no-close-notify'], verdict: 'WARN', actual: /TLSv1\.3 records after QUIT: application_data \(4 octets\) \[\d+\], application_data \(11 octets\) \[\d+\]; TCP FIN received/ },
  { switches: ['split-221', 'no-tls13'], verdict: 'PASS', actual: /TLSv1\.2 records after QUIT: application_data \[\d+\], application_data \[\d+\], alert \[\d+\]/ },
  { switches: ['split-221', 'no-tls13', 'no-close-notify'], verdict: 'WARN', actual: /TLSv1\.2 records after QUIT: application_data \[\d+\], application_data \[\d+\]; TCP FIN received/ },
];

describe.concurrent.each(ROWS)('close-notify on $switches', ({ switches, verdict, actual }) => {
  let target: ProvisionedTarget;
  beforeAll(async () => {
    target = await startFlawed(switches);
  });
  afterAll(() => target.stop());

  it(`is ${verdict}`, async () => {
    const result = await runCase(closeNotifyBeforeClose, target.target, 'implicit', DEFAULT_TIMEOUTS);
    expect(result.verdict, result.actual).toBe(verdict);
    expect(result.actual).toMatch(actual);
  });
});
