import { afterAll, describe, expect, it } from 'vitest';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { CaseContext } from '../../harness/run/case-context.ts';
import { ConnectionLimiter } from '../../harness/run/connection-limiter.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { STOPPED_ANSWERING, EndpointHealth } from '../../harness/run/endpoint-health.ts';
import { HarnessError } from '../../harness/smtp/errors.ts';
import { WireLog } from '../../harness/smtp/wire-log.ts';
import { starttlsAdvertised } from '../../suites/rfc3207/4/starttls-advertised.ts';
import { HostileServer } from './hostile-server.ts';

const timeout = (n: number) => new HarnessError(`timed out after 300 ms waiting for greeting (${n})`, 'timeout');

describe('EndpointHealth', () => {
  it('marks an endpoint down after three connections in a row got no answer, keeping the kind of failure', () => {
    const health = new EndpointHealth();
    const downs: string[] = [];
    health.onDown((endpoint) => downs.push(endpoint));
    health.failed('h:587', timeout(1));
    health.failed('h:587', timeout(2));
    expect(health.downError('h:587')).toBeUndefined();
    health.failed('h:587', timeout(3));
    const down = health.downError('h:587');
    expect(down?.message).toMatch(new RegExp(`^${STOPPED_ANSWERING}: h:587 failed 3 connections in a row \\(last: timed out .*\\(3\\)\\)$`));
    expect(down?.code).toBe('timeout');
    expect(downs).toEqual(['h:587']);
    expect(health.downEndpoints).toHaveLength(1);
  });

  it('starts counting again after any answer, and keeps endpoints apart', () => {
    const health = new EndpointHealth();
    health.failed('h:587', timeout(1));
    health.failed('h:587', timeout(2));
    health.answered('h:587');
    health.failed('h:587', timeout(3));
    health.failed('h:465', new HarnessError('TCP connect: connection refused', 'connect'));
    health.failed('h:465', new HarnessError('TCP connect: connection refused', 'connect'));
    expect(health.downError('h:587')).toBeUndefined();
    expect(health.downError('h:465')).toBeUndefined();
    health.failed('h:465', new HarnessError('TCP connect: connection refused', 'connect'));
    expect(health.downError('h:465')?.code).toBe('connect');
    expect(health.downError('h:587')).toBeUndefined();
  });
});

describe('a target that stops answering', () => {
  const servers: HostileServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  // A property run made ahead may still be connecting when its case ends: the case closes that
  // connection itself, which says nothing about the server (a CI run once marked Dovecot down so).
  it('does not count connections the ended case closed itself against the endpoint', async () => {
    const silent = await HostileServer.start(() => undefined);
    servers.push(silent);
    const target: ResolvedTarget = { name: 'silent', kind: 'local', host: '127.0.0.1', ports: { starttls: silent.port }, servername: 'mail.example.test', waivers: [], facts: {} };
    const health = new EndpointHealth();
    const ctx = new CaseContext(target, 'starttls', { replyMs: 2000, quietMs: 50, caseMs: 3000 }, new WireLog(), { health });
    const opening = Array.from({ length: 4 }, () => ctx.open().then(() => 'greeted', (err: HarnessError) => err.code));
    await new Promise((resolve) => setTimeout(resolve, 100));
    ctx.closeAll();
    expect(await Promise.all(opening)).toEqual(['closed', 'closed', 'closed', 'closed']);
    expect(health.downError(`127.0.0.1:${silent.port}`)).toBeUndefined();
  });

  it('ends its queued cases at once instead of letting each wait out its timeout', async () => {
    // Accepts and never greets, like a paused container behind Docker's proxy.
    const silent = await HostileServer.start(() => undefined);
    servers.push(silent);
    const target: ResolvedTarget = { name: 'silent', kind: 'local', host: '127.0.0.1', ports: { starttls: silent.port }, servername: 'mail.example.test', waivers: [], facts: {} };
    const controls = { limiter: new ConnectionLimiter(2), health: new EndpointHealth() };
    const timeouts = { replyMs: 300, quietMs: 50, caseMs: 3000 };
    const begun = Date.now();
    const results = await Promise.all(Array.from({ length: 20 }, () => runCase(starttlsAdvertised, target, 'starttls', timeouts, 'default', controls)));
    const elapsed = Date.now() - begun;

    expect(results.every((r) => r.verdict === 'ERROR')).toBe(true);
    const waited = results.filter((r) => /^timed out after 300 ms waiting for greeting/.test(r.error ?? ''));
    const cut = results.filter((r) => r.error?.startsWith(STOPPED_ANSWERING));
    expect(waited.length + cut.length).toBe(20);
    // Two waves of two cases reach three failures; everything queued behind them ends at once.
    expect(waited.length).toBeLessThanOrEqual(4);
    expect(cut.every((r) => r.durationMs < 100 && r.actual.startsWith(`harness could not conclude: ${STOPPED_ANSWERING}: 127.0.0.1:${silent.port}`))).toBe(true);
    // Without the tracker: 20 cases / 2 at a time × 300 ms = 3 s at least.
    expect(elapsed).toBeLessThan(2000);
  });

  it('does not cut short the other service of the same target', async () => {
    const silent = await HostileServer.start(() => undefined);
    const greets = await HostileServer.start((socket) => {
      socket.write('220 mail.example.test ESMTP\r\n');
      socket.on('data', () => socket.write('250-mail.example.test\r\n250 STARTTLS\r\n'));
    });
    servers.push(silent, greets);
    const health = new EndpointHealth();
    for (let i = 0; i < 3; i++) health.failed(`127.0.0.1:${silent.port}`, timeout(i));
    const target: ResolvedTarget = { name: 'half', kind: 'local', host: '127.0.0.1', ports: { starttls: greets.port, implicit: silent.port }, servername: 'mail.example.test', waivers: [], facts: {} };
    const result = await runCase(starttlsAdvertised, target, 'starttls', { replyMs: 1000, quietMs: 50, caseMs: 3000 }, 'default', { health });
    expect(result.verdict).toBe('PASS');
  });
});
