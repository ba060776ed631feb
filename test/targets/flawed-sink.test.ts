import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { inSubnet } from '../../targets/engine/bridge-gateway.ts';
import { planRun } from '../../app/plan/run-plan.ts';
import { resolveTargets } from '../../app/provision/resolve-targets.ts';

/** The in-process flawed target gets its own sink folder; a run without containers starts no sink. */
describe('sink folders of a run without containers', () => {
  it('gives the flawed target a fresh sinkDir, starts no sink, and removes the folder at stop', async () => {
    const log: string[] = [];
    const plan = planRun({ runId: 'flawed-sink', targets: [{ type: 'builtin', name: 'flawed' }] });
    const run = await resolveTargets(plan, (line) => log.push(line));
    const [target] = run.targets;
    try {
      expect(run.errors).toEqual([]);
      expect(log.filter((line) => /sink/.test(line))).toEqual([]);
      const dir = target!.sinkDir!;
      expect(readdirSync(dir)).toEqual([]);
      const transport = nodemailer.createTransport({
        host: target!.host,
        port: target!.ports.implicit,
        secure: true,
        auth: { user: target!.user!, pass: target!.password! },
        tls: { ca: target!.ca!, servername: target!.servername },
      });
      await transport.sendMail({ from: 'alice@example.test', to: 'bob@example.test', subject: 'flawed sink', text: 'hi' });
      transport.close();
      const deadline = Date.now() + 5_000;
      while (readdirSync(dir).filter((n) => n.endsWith('.eml')).length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const [name] = readdirSync(dir).filter((n) => n.endsWith('.eml'));
      expect(name).toMatch(/^\d+-\d+\.eml$/);
      expect(readFileSync(join(dir, name!), 'utf8')).toMatch(/^Received: /);
    } finally {
      await run.stop();
    }
    expect(existsSync(target!.sinkDir!)).toBe(false);
  });

  it('knows which addresses are in a subnet', () => {
    expect(inSubnet('172.17.0.1', '172.17.0.0/16')).toBe(true);
    expect(inSubnet('172.18.0.1', '172.17.0.0/16')).toBe(false);
    expect(inSubnet('10.0.0.1', '0.0.0.0/0')).toBe(true);
    expect(inSubnet('fe80::1', '172.17.0.0/16')).toBe(false);
  });
});
