import { afterAll, describe, expect, it } from 'vitest';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { ConnectionLimiter } from '../../harness/run/connection-limiter.ts';
import { DEADLINE_REACHED, runCase } from '../../harness/run/run-case.ts';
import { starttlsAdvertised } from '../../suites/rfc3207/4/starttls-advertised.ts';
import { HostileServer } from './hostile-server.ts';

describe('the run deadline (--deadline)', () => {
  const servers: HostileServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  async function silentTarget(): Promise<ResolvedTarget> {
    const silent = await HostileServer.start(() => undefined);
    servers.push(silent);
    return { name: 'silent', kind: 'local', host: '127.0.0.1', ports: { starttls: silent.port }, servername: 'mail.example.test', waivers: [], facts: {} };
  }

  it('ends a case that has not started as ERROR, without connecting', async () => {
    const target = await silentTarget();
    const result = await runCase(starttlsAdvertised, target, 'starttls', { replyMs: 5000, quietMs: 50, caseMs: 20_000 }, 'default', { deadlineAt: Date.now() - 1 });
    expect(result.verdict).toBe('ERROR');
    expect(result.error).toBe(DEADLINE_REACHED);
    expect(result.actual).toBe(`harness could not conclude: ${DEADLINE_REACHED}`);
    expect(result.durationMs).toBeLessThan(100);
    expect(result.connections).toBeUndefined();
  });

  it('stops running and queued cases when it passes, long before their own timeouts', async () => {
    const target = await silentTarget();
    const limiter = new ConnectionLimiter(1);
    const begun = Date.now();
    const controls = { limiter, deadlineAt: begun + 400 };
    const results = await Promise.all([1, 2, 3].map(() => runCase(starttlsAdvertised, target, 'starttls', { replyMs: 5000, quietMs: 50, caseMs: 20_000 }, 'default', controls)));
    expect(Date.now() - begun).toBeLessThan(2000);
    expect(results.map((r) => r.error)).toEqual([DEADLINE_REACHED, DEADLINE_REACHED, DEADLINE_REACHED]);
    // The running case held the only slot; the queued ones never ran.
    expect(results.filter((r) => r.connections === 1)).toHaveLength(1);
    expect(limiter.used).toBe(0);
  });
});
