import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeRunContainers, runLabels } from '../../targets/engine/cleanup.ts';
import { TEST_HOST_FINDINGS, TEST_HOSTS, TestHostContainer, type StartedTestHost } from '../../targets/hosts/index.ts';
import { expectedVerdict } from '../../targets/target-findings.ts';
import type { PortKind } from '../../harness/model/port.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import { BUILTIN_SERVERNAME } from '../../harness/model/provisioner.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { ConnectionLimiter, DEFAULT_CONNECTIONS_PER_TARGET } from '../../harness/run/connection-limiter.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { EndpointHealth } from '../../harness/run/endpoint-health.ts';
import { ALL_CASES } from '../../suites/index.ts';

/**
 * Real servers the suite does not ship as targets, each set up as its own documentation says
 * (targets/<host>/image/), tested the way a user tests a live host: `--host` with the server's own
 * CA, the server name mail.example.test and a user whose name is an address. Every case of the
 * catalogue runs on both ports and gives the verdict the host's findings.ts lists (PASS unless
 * listed): only the servers' real findings, each explained, no ERROR. A server nobody here
 * configured is the best test of an oracle.
 */
const runId = `test-hosts-${randomBytes(4).toString('hex')}`;
const hosts = Object.keys(TEST_HOSTS) as (keyof typeof TEST_HOSTS)[];
const started = new Map<string, StartedTestHost>();
/** Property-based cases replay one seed, so that the table holds run after run. */
/** Seed 42, and twice the reply timeout for the same reason as the MTAs' tests (test/targets/expected-verdicts.ts). */
const TIMEOUTS = { ...DEFAULT_TIMEOUTS, seed: 42, replyMs: 2 * DEFAULT_TIMEOUTS.replyMs };

beforeAll(async () => {
  const ca = await CertificateAuthority.create('msaspec test hosts CA');
  const password = randomBytes(18).toString('base64url');
  await Promise.all(
    hosts.map(async (name) => {
      const spec = TEST_HOSTS[name];
      const host = await new TestHostContainer(spec).withCa(ca).withUser(spec.defaultUser, password).withLabels(runLabels(runId)).start();
      started.set(name, host);
    }),
  );
}, 20 * 60_000);

afterAll(async () => {
  await Promise.all([...started.values()].map((host) => host.stop()));
  await removeRunContainers(runId);
});

const ports = (portsOf: readonly PortKind[], scope: 'port' | 'target' | undefined): readonly PortKind[] => (scope === 'target' ? portsOf.slice(0, 1) : portsOf);

describe.each(hosts)('%s as an external host', (name) => {
  const findings = TEST_HOST_FINDINGS[name];
  const target = (): ResolvedTarget => started.get(name)!.toTarget();
  const controls = { limiter: new ConnectionLimiter(DEFAULT_CONNECTIONS_PER_TARGET), health: new EndpointHealth() };

  it('is what `msaspec run --host` makes of it: external, both ports, the CA given, a user that is an address', () => {
    const t = target();
    expect(t).toMatchObject({ kind: 'external', host: '127.0.0.1', servername: BUILTIN_SERVERNAME });
    expect(t.ca).toMatch(/BEGIN CERTIFICATE/);
    expect(t.user).toBe(TEST_HOSTS[name].defaultUser);
    expect(t.user).toMatch(/^[^@]+@[^@]+$/);
    expect(Object.keys(t.ports).sort()).toEqual(['implicit', 'starttls']);
  });

  it('lists only cases of the catalogue, each with a reason', () => {
    const ids = new Set(ALL_CASES.map((c) => c.id));
    expect(Object.keys(findings.expected).filter((id) => !ids.has(id))).toEqual([]);
    expect(Object.values(findings.expected).filter(([, reason]) => reason.trim() === '')).toEqual([]);
  });

  describe.concurrent('every case gives its listed verdict', () => {
    for (const testCase of ALL_CASES) {
      for (const port of ports(testCase.ports, testCase.scope)) {
        const want = expectedVerdict(findings.expected, testCase.id, port);
        it(`${testCase.id} on ${port} is ${want}`, async () => {
          const result = await runCase(testCase, target(), port, TIMEOUTS, 'default', controls);
          const detail = `${result.verdict}: ${result.actual}${result.error ? ` (${result.error})` : ''}`;
          expect(result.verdict, detail).not.toBe('ERROR');
          expect(result.verdict, detail).toBe(want);
        });
      }
    }
  });
});
