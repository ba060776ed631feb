import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CourierContainer } from '../../targets/courier/index.ts';
import { DovecotSubmissionContainer } from '../../targets/dovecot/index.ts';
import { EximContainer } from '../../targets/exim/index.ts';
import { HarakaContainer } from '../../targets/haraka/index.ts';
import { SUBMISSION_CONTAINERS, type StartedSubmissionContainer } from '../../targets/modules/index.ts';
import { MTAS } from '../../targets/mtas.ts';
import { CURRENT_RELEASE } from '../../targets/releases.ts';
import { PostfixContainer } from '../../targets/postfix/index.ts';
import { SendmailContainer } from '../../targets/sendmail/index.ts';
import { expectedVerdict } from '../../targets/target-findings.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { mailRequiresAuthentication } from '../../suites/rfc6409/4.3/mail-requires-auth.ts';

/**
 * The testcontainers modules as another project uses them: configure, start, submit with a real
 * client on both ports trusting only the module's CA, and stop. Each MTA of targets/mtas.ts runs
 * with a user of the test's choosing (never the image's default "alice"), Postfix stock, the others
 * hardened; Dovecot without a relay (its own sink takes the messages). Each also gives its configuration's
 * verdict, as its findings.ts lists it, on one case: MAIL without AUTH, which no waiver of theirs
 * touches (Dovecot's hardened waivers are about EHLO inside a transaction, the Received header and
 * STARTTLS on 465).
 */
const password = () => `pw-${randomBytes(6).toString('hex')}`;
/** Names of every shape the modules take (dots, dashes, underscores, capitals); an MTA not listed runs hardened as "zoe". */
const CHOSEN: Record<string, readonly ['stock' | 'hardened', string]> = {
  postfix: ['stock', 'carol'],
  exim: ['hardened', 'dave'],
  opensmtpd: ['hardened', 'erin.ops'],
  sendmail: ['hardened', 'frank-2'],
  dovecot: ['hardened', 'grace'],
  courier: ['hardened', 'heidi_3'],
  haraka: ['hardened', 'Ivan'],
};
const MAIL_WITHOUT_AUTH = mailRequiresAuthentication.id;
const modules = MTAS.map((mta) => {
  const [configuration, user] = CHOSEN[mta.name] ?? (['hardened', 'zoe'] as const);
  const create = () => new SUBMISSION_CONTAINERS[mta.name]().withConfiguration(configuration).withUser(user, password());
  const current = mta.lines.find((l) => l.release === CURRENT_RELEASE)!;
  return [mta.container.name, create, user, expectedVerdict(current.findings.configurations[configuration], MAIL_WITHOUT_AUTH, 'implicit')] as const;
});

describe.each(modules)('%s', (_name, create, user, mailWithoutAuth) => {
  let mta: StartedSubmissionContainer;

  beforeAll(async () => {
    mta = await create().start();
  }, 10 * 60_000);

  afterAll(async () => {
    await mta?.stop();
  });

  it('tells where it listens and how to trust it', () => {
    expect(mta.getHost()).toBe('127.0.0.1');
    expect(mta.getImplicitPort()).toBeGreaterThan(0);
    expect(mta.getStartTlsPort()).toBeGreaterThan(0);
    expect(mta.getImplicitPort()).not.toBe(mta.getStartTlsPort());
    expect(mta.getCaPem()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(mta.getServername()).toBe('mail.example.test');
    expect(mta.getUser()).toBe(user);
    expect(mta.getPassword().length).toBeGreaterThan(0);
  });

  it.each([
    ['implicit', true],
    ['starttls', false],
  ] as const)('accepts a message from a real client on the %s port', async (kind, secure) => {
    const transport = nodemailer.createTransport({
      host: mta.getHost(),
      port: kind === 'implicit' ? mta.getImplicitPort() : mta.getStartTlsPort(),
      secure,
      requireTLS: !secure,
      auth: { user: mta.getUser(), pass: mta.getPassword() },
      tls: { ca: mta.getCaPem(), servername: mta.getServername() },
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
    });
    const info = await transport.sendMail({ from: `${mta.getUser()}@example.test`, to: 'bob@example.test', subject: 'module', text: 'hello\n' });
    transport.close();
    expect(info.accepted).toEqual(['bob@example.test']);
  });

  it('refuses a wrong password', async () => {
    const transport = nodemailer.createTransport({
      host: mta.getHost(),
      port: mta.getImplicitPort(),
      secure: true,
      auth: { user: mta.getUser(), pass: `${mta.getPassword()}x` },
      tls: { ca: mta.getCaPem(), servername: mta.getServername() },
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
    });
    await expect(transport.verify()).rejects.toThrow(/535|auth/i);
    transport.close();
  });

  it(`gives its configuration's verdict to an msaspec case (MAIL without AUTH: ${mailWithoutAuth})`, async () => {
    const result = await runCase(mailRequiresAuthentication, mta.toTarget(), 'implicit', DEFAULT_TIMEOUTS);
    expect(result.verdict, result.actual).toBe(mailWithoutAuth);
  });

  // Last: the ports may change with the restart.
  it('keeps its user and password across a restart', async () => {
    await mta.restart();
    const transport = nodemailer.createTransport({
      host: mta.getHost(),
      port: mta.getImplicitPort(),
      secure: true,
      auth: { user: mta.getUser(), pass: mta.getPassword() },
      tls: { ca: mta.getCaPem(), servername: mta.getServername() },
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
    });
    await expect(transport.verify()).resolves.toBe(true);
    transport.close();
  }, 120_000);
});

describe('configuration errors', () => {
  it('refuses a user name the entrypoints could not take, and an empty password', () => {
    expect(() => new PostfixContainer().withUser('a b', 'pw')).toThrow(/user name/);
    expect(() => new DovecotSubmissionContainer().withUser('x'.repeat(65), 'pw')).toThrow(/user name/);
    expect(() => new EximContainer().withUser('alice', '')).toThrow(/password/);
    expect(() => new SendmailContainer().withUser('alice', 'a\0b')).toThrow(/NUL/);
  });

  it('refuses names one MTA cannot hold, which the others take', () => {
    expect(() => new CourierContainer().withUser('-carol', 'pw')).toThrow(/cannot start with "-"/);
    expect(() => new HarakaContainer().withUser('constructor', 'pw')).toThrow(/cannot hold/);
    expect(() => new PostfixContainer().withUser('-carol', 'pw')).not.toThrow();
    expect(() => new CourierContainer().withUser('constructor', 'pw')).not.toThrow();
  });
});
