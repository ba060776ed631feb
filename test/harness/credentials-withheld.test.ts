import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCase } from '../../harness/model/case.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { startFlawed } from '../self-validation/flawed-target-fixture.ts';

/**
 * Over TLS whose certificate did not verify the harness observes the server but never sends the
 * target's credentials: CaseContext.authPlain refuses, and below it SmtpSession.write refuses any
 * bytes that carry them (a case that builds its own AUTH line). The case ends NA with the reason,
 * nothing of the credentials reaches the wire, and made-up probe credentials still go.
 */
const probe = (id: string, run: Parameters<typeof defineCase>[0]['run']) =>
  defineCase({ id, title: id, requirements: [], level: 'MUST', category: 'conformance', source: { rfc: '-', section: '-', text: '-' }, ports: ['implicit', 'starttls'], expected: ['-'], proof: { flaw: '-', verdict: 'FAIL' }, run, judge: (o) => ({ outcome: 'conforms', actual: String(o) }) });

const viaContext = probe('test/auth-plain', async (ctx) => {
  const { session } = await ctx.openSecure();
  return (await ctx.authPlain(session)).code;
});

const ownLine = probe('test/own-auth-line', async (ctx) => {
  const { session } = await ctx.openSecure();
  const blob = Buffer.from(`\0${ctx.credentials!.user}\0${ctx.credentials!.password}`).toString('base64');
  return (await session.command(`AUTH PLAIN ${blob}`, 'AUTH PLAIN [own line]')).code;
});

const madeUp = probe('test/probe-credentials', async (ctx) => {
  const { session } = await ctx.openSecure();
  return (await session.command(`AUTH PLAIN ${Buffer.from('\0msaspec-probe\0not-a-password').toString('base64')}`, 'AUTH PLAIN [probe credentials]')).code;
});

describe.each([
  { port: 'implicit' as const, label: '465' },
  { port: 'starttls' as const, label: '587' },
])('on $label', ({ port, label }) => {
  let expired: ProvisionedTarget;
  let sound: ProvisionedTarget;
  beforeAll(async () => {
    [expired, sound] = await Promise.all([startFlawed(['cert-expired']), startFlawed([])]);
  });
  afterAll(() => Promise.all([expired.stop(), sound.stop()]));

  it.each([viaContext, ownLine])('$id: NA with the reason over an expired certificate, nothing of the credentials sent', async (testCase) => {
    const result = await runCase(testCase, expired.target, port, DEFAULT_TIMEOUTS);
    expect(result.verdict).toBe('NA');
    expect(result.actual).toBe(`certificate did not verify on ${label} (CERT_HAS_EXPIRED): credentials are not sent over it`);
    expect(result.transcript.some((e) => e.dir === '*' && /TLS established: .*certificate did not verify \(CERT_HAS_EXPIRED\): observed only/.test(e.text))).toBe(true);
    expect(result.transcript.filter((e) => e.dir === 'C' && /^AUTH/.test(e.text))).toEqual([]);
  });

  it.each([viaContext, ownLine])('$id: sent over a verified certificate', async (testCase) => {
    const result = await runCase(testCase, sound.target, port, DEFAULT_TIMEOUTS);
    expect(result.verdict, result.actual).toBe('PASS');
    expect(result.actual).toBe('235');
  });

  it('made-up probe credentials still go over the unverified connection', async () => {
    const result = await runCase(madeUp, expired.target, port, DEFAULT_TIMEOUTS);
    expect(result.verdict, result.actual).toBe('PASS');
    expect(result.actual).toBe('535');
  });
});
