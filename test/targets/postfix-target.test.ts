import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeRunContainers } from '../../containers/engine/cleanup.ts';
import { provisionPostfix } from '../../containers/postfix/postfix-target.ts';
import type { PortKind } from '../../harness/model/port.ts';
import { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import type { ProvisionedTarget } from '../../harness/targets/provisioner.ts';
import { ALL_CASES } from '../../suites/index.ts';

/**
 * Postfix from Debian in a real container: a real client submits through it on both ports, and the
 * suite finds no deviation in the configuration the project ships (every case PASS, no ERROR).
 */
const runId = `test-${randomBytes(4).toString('hex')}`;
let postfix: ProvisionedTarget;

beforeAll(async () => {
  const ca = await CertificateAuthority.create();
  postfix = await provisionPostfix({ runId, ca, password: randomBytes(12).toString('base64url'), log: () => undefined }, []);
}, 15 * 60_000);

afterAll(async () => {
  await postfix?.stop();
  await removeRunContainers(runId);
});

describe('a real client submits through Postfix', () => {
  it.each([
    ['implicit', true],
    ['starttls', false],
  ] as const)('nodemailer on the %s port', async (kind, secure) => {
    const { target } = postfix;
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
    const info = await transport.sendMail({
      from: 'alice@example.test',
      to: 'bob@example.test',
      subject: `msaspec ${kind}`,
      text: 'submitted by a real client',
    });
    transport.close();
    expect(info.accepted).toEqual(['bob@example.test']);
    expect(info.response).toMatch(/^250 /);
  });
});

describe.concurrent('every case passes on Postfix', () => {
  for (const testCase of ALL_CASES) {
    const ports: readonly PortKind[] = testCase.scope === 'target' ? testCase.ports.slice(0, 1) : testCase.ports;
    for (const port of ports) {
      it(`${testCase.id} on ${port}`, async () => {
        const result = await runCase(testCase, postfix.target, port, DEFAULT_TIMEOUTS);
        expect(result.verdict, `${result.actual}${result.error ? ` (${result.error})` : ''}`).toBe('PASS');
      });
    }
  }
});
