// A target that dies in the middle of a run: the run still ends quickly, every row is accounted for,
// and the report says which cases the dead endpoint cut short.
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STOPPED_ANSWERING } from '../../harness/run/endpoint-health.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { startFlawed } from '../self-validation/flawed-target-fixture.ts';
import { readReport, startCli, tempDir, waitFor } from './cli-process.ts';

/**
 * Forwards to `to` until `liveConnections` connections were accepted on all its listeners together;
 * after that it accepts and never says a byte, like a paused container behind Docker's proxy.
 */
class DyingRelay {
  accepted = 0;
  diedAt: number | undefined;
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly liveConnections: number) {}

  async listen(to: number): Promise<number> {
    const server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('error', () => undefined);
      this.accepted += 1;
      if (this.accepted > this.liveConnections) {
        this.diedAt ??= Date.now();
        return;
      }
      const upstream = net.connect({ host: '127.0.0.1', port: to });
      this.sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    this.servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

describe('a target that stops answering mid-run', () => {
  const dir = tempDir();
  let flawed: ProvisionedTarget;
  let relay: DyingRelay;

  beforeAll(async () => {
    flawed = await startFlawed([]);
    // The preflight takes one connection per port; a handful of cases run before the relay dies.
    relay = new DyingRelay(14);
  });
  afterAll(async () => {
    await relay.close();
    await flawed.stop();
  });

  it('ends the remaining cases ERROR "target stopped answering" at once, and the report lists them', { timeout: 120_000 }, async () => {
    const t = flawed.target;
    const implicitPort = await relay.listen(t.ports.implicit ?? 0);
    const starttlsPort = await relay.listen(t.ports.starttls ?? 0);
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, t.ca ?? '');
    const out = join(dir, 'report');
    const replyTimeout = 2000;
    const cli = startCli(
      [
        'run', '--host', '127.0.0.1', '--implicit-port', String(implicitPort), '--starttls-port', String(starttlsPort),
        '--servername', t.servername, '--ca', caFile, '--user', t.user ?? '', '--connections', '4',
        '--reply-timeout', String(replyTimeout), '--case-timeout', '20000', '--seed', '1', '--runs', '2', '--out', out,
      ],
      { env: { MSASPEC_PASSWORD: t.password ?? '' }, timeoutMs: 110_000 },
    );
    await waitFor(() => relay.diedAt !== undefined, 90_000, 'the relay to go silent');
    const result = await cli.done;
    const afterDeath = Date.now() - (relay.diedAt ?? 0);
    expect(result.timedOut).toBe(false);

    const report = readReport(out);
    const cut = report.results.filter((r) => r.error?.startsWith(STOPPED_ANSWERING));
    const waited = report.results.filter((r) => r.verdict === 'ERROR' && !r.error?.startsWith(STOPPED_ANSWERING));
    const concluded = report.results.filter((r) => r.verdict !== 'ERROR');
    expect(concluded.length, 'cases ran before the relay died').toBeGreaterThan(0);
    expect(cut.length, 'cases cut short').toBeGreaterThan(report.results.length / 2);
    // Only the cases in flight when it died, and the few that confirmed it, waited out a timeout.
    expect(waited.length, waited.map((r) => `${r.caseId} [${r.port}]: ${r.error}`).join('\n')).toBeLessThanOrEqual(16);
    expect(cut.every((r) => r.durationMs < 1000)).toBe(true);
    // One line per dead endpoint names the cases it cut short.
    const lines = report.runErrors.filter((e) => e.includes(STOPPED_ANSWERING));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.join('\n')).toContain(cut[0]?.caseId ?? '?');
    expect(report.exitCode).toBe(3);
    // Waiting each row out would take (rows / 4 connections) × 2 s and more; the tracker ends it in a few timeouts.
    const unbounded = (report.results.length / 4) * replyTimeout;
    expect(afterDeath).toBeLessThan(Math.min(30_000, unbounded));
  });
});
