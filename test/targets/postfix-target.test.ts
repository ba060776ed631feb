import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeRunContainers } from '../../containers/engine/cleanup.ts';
import type { PortKind } from '../../harness/model/port.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import type { Verdict } from '../../harness/model/verdict.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { awaitRelayed, topReceived } from '../../harness/run/relayed-message.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { resolveTargets, type ResolvedRun } from '../../harness/targets/resolve-targets.ts';
import { ALL_CASES } from '../../suites/index.ts';

/**
 * Postfix from Debian in a real container, started as a run starts it (with the run's message sink):
 * a real client submits through it on both ports, the message reaches the sink with Postfix's
 * Received header, and every case gives the verdict below — PASS unless listed.
 */
const EXPECTED: Record<string, Verdict> = {
  // Postfix refuses MAIL and AUTH before TLS, so no pre-TLS state exists to carry over: NA is right.
  'rfc3207/4.2/envelope-forgotten': 'NA',
  'rfc3207/4.2/auth-forgotten': 'NA',
};

const runId = `test-${randomBytes(4).toString('hex')}`;
let run: ResolvedRun;
let postfix: ResolvedTarget;

beforeAll(async () => {
  const plan = { runId, targets: [{ type: 'builtin' as const, name: 'postfix:hardened' }], only: [], strict: false, caseTimeoutMs: 20_000, replyTimeoutMs: 5_000, quietMs: 400 };
  run = await resolveTargets(plan, () => undefined);
  expect(run.errors).toEqual([]);
  postfix = run.targets[0]!;
}, 15 * 60_000);

afterAll(async () => {
  await run?.stop();
  await removeRunContainers(runId);
});

describe('a real client submits through Postfix, and the message reaches the sink', () => {
  it.each([
    ['implicit', true],
    ['starttls', false],
  ] as const)('nodemailer on the %s port', async (kind, secure) => {
    const messageId = `<${randomBytes(8).toString('hex')}@example.test>`;
    const transport = nodemailer.createTransport({
      host: postfix.host,
      port: postfix.ports[kind as PortKind],
      secure,
      requireTLS: !secure,
      auth: { user: postfix.user!, pass: postfix.password! },
      tls: { ca: postfix.ca!, servername: postfix.servername },
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
    });
    const info = await transport.sendMail({ from: 'alice@example.test', to: 'bob@example.test', subject: `msaspec ${kind}`, messageId, text: 'relayed\n.leading dot\n' });
    transport.close();
    expect(info.accepted).toEqual(['bob@example.test']);
    expect(info.response).toMatch(/^250 /);

    const message = await awaitRelayed(postfix.sinkDir!, messageId, 10_000);
    const received = topReceived(message);
    expect(received).toMatch(/by mail\.example\.test \(Postfix\) with ESMTPSA id \w+/);
    expect(received).toMatch(/\(using TLSv1\.[23] with cipher \S+/);
    expect(message).toMatch(/\r\n\r\nrelayed\r\n\.leading dot\r\n$/);
  });
});

describe.concurrent('every case gives its expected verdict on Postfix', () => {
  for (const testCase of ALL_CASES) {
    const ports: readonly PortKind[] = testCase.scope === 'target' ? testCase.ports.slice(0, 1) : testCase.ports;
    for (const port of ports) {
      const expected = EXPECTED[testCase.id] ?? 'PASS';
      it(`${testCase.id} on ${port} is ${expected}`, async () => {
        const result = await runCase(testCase, postfix, port, DEFAULT_TIMEOUTS);
        expect(result.verdict, `${result.actual}${result.error ? ` (${result.error})` : ''}`).toBe(expected);
      });
    }
  }
});
