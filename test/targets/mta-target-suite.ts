import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeRunContainers } from '../../targets/engine/cleanup.ts';
import { CONFIGURATIONS } from '../../targets/container-target.ts';
import type { MtaDescriptor } from '../../targets/mta.ts';
import { CURRENT_RELEASE, targetName, type Release } from '../../targets/releases.ts';
import type { PortKind } from '../../harness/model/port.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { awaitRelayed, topReceived } from '../../harness/run/relayed-message.ts';
import { planRun } from '../../app/plan/run-plan.ts';
import { resolveTargets, type ResolvedRun } from '../../app/provision/resolve-targets.ts';
import { describeExpectedVerdicts } from './expected-verdicts.ts';

const GRADING_PROFILES = CONFIGURATIONS;

/**
 * An MTA's end-to-end test (targets/<mta>/<mta>.test.ts, one file per MTA so that vitest runs
 * them side by side): both configurations started as a run starts them (in parallel, with the run's
 * sink); a real client (nodemailer) submits through each on both ports and the message reaches the
 * sink with the MTA's Received header; every case gives the verdict its findings.ts lists (PASS
 * unless listed), so the published table (docs/results.md) and a fresh run cannot drift apart.
 */
export function describeMtaTarget(mta: MtaDescriptor, received: { by: RegExp; tls: RegExp }, release: Release = CURRENT_RELEASE): void {
  const line = mta.lines.find((l) => l.release === release);
  if (!line) throw new Error(`${mta.name} has no ${release} line`);
  const { findings } = line;
  const runId = `test-${randomBytes(4).toString('hex')}`;
  let run: ResolvedRun;
  const targets: Partial<Record<(typeof GRADING_PROFILES)[number], ResolvedTarget>> = {};

  beforeAll(async () => {
    const plan = planRun({ runId, targets: GRADING_PROFILES.map((p) => ({ type: 'builtin' as const, name: targetName({ mta: mta.name, release, configuration: p }) })) });
    run = await resolveTargets(plan, () => undefined);
    expect(run.errors).toEqual([]);
    for (const [i, p] of GRADING_PROFILES.entries()) targets[p] = run.targets[i];
  }, 15 * 60_000);

  afterAll(async () => {
    await run?.stop();
    await removeRunContainers(runId);
  });

  describe(`a real client submits through ${mta.name}, and the message reaches the sink`, () => {
    it.each(GRADING_PROFILES.flatMap((p) => [[p, 'implicit', true] as const, [p, 'starttls', false] as const]))(
      'nodemailer, %s configuration, %s port',
      async (configuration, kind, secure) => {
        const target = targets[configuration]!;
        const messageId = `<${randomBytes(8).toString('hex')}@example.test>`;
        const transport = nodemailer.createTransport({
          host: target.host,
          port: target.ports[kind as PortKind],
          secure,
          requireTLS: !secure,
          auth: { user: target.user!, pass: target.password! },
          tls: { ca: target.ca!, servername: target.servername },
          connectionTimeout: 5_000,
          greetingTimeout: 5_000,
        });
        const info = await transport.sendMail({ from: 'alice@example.test', to: 'bob@example.test', subject: `msaspec ${kind}`, messageId, text: 'relayed\n.leading dot\n' });
        transport.close();
        expect(info.accepted).toEqual(['bob@example.test']);
        expect(info.response).toMatch(/^250 /);

        const message = await awaitRelayed(target.sinkDir!, messageId, 10_000);
        const header = topReceived(message);
        expect(header).toMatch(received.by);
        if (configuration === 'hardened') expect(header).toMatch(received.tls);
        expect(message).toMatch(/\r\n\r\nrelayed\r\n\.leading dot\r\n$/);
      },
    );
  });

  for (const configuration of GRADING_PROFILES) {
    describeExpectedVerdicts(`every case gives its expected verdict on ${mta.name}, ${configuration} configuration`, () => targets[configuration]!, findings.configurations[configuration]);
  }
}
