import { beforeAll, expect } from 'vitest';
import { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import { FlawedServer, type Flaw, type FlawedServerOptions } from '../../targets/flawed/flawed-server.ts';
import { SmtpWire, type Trust } from './smtp-wire.ts';

export const USER = 'alice';
export const PASSWORD = 'secret';
export const PLAIN_OK = Buffer.from(`\0${USER}\0${PASSWORD}`).toString('base64');
export const PLAIN_BAD = Buffer.from(`\0${USER}\0wrong`).toString('base64');
export const b64 = (text: string): string => Buffer.from(text).toString('base64');
export const first = (reply: string[]): string => reply[0] ?? '';
export const GREETING = '220 mail.example.test ESMTP msaspec-flawed';

/** The server identity and the client's trust in it, made once per test file. */
export const pki: { identity: { cert: string; key: string }; trust: Trust } = {
  identity: { cert: '', key: '' },
  trust: { ca: '', servername: '' },
};

export function usePki(): void {
  beforeAll(async () => {
    const ca = await CertificateAuthority.create();
    pki.identity = await ca.issueServer('mail.example.test');
    pki.trust = { ca: ca.pem, servername: 'mail.example.test' };
  });
}

export async function withServer(
  flaws: Flaw[],
  body: (server: FlawedServer) => Promise<void>,
  extra: Partial<FlawedServerOptions> = {},
): Promise<void> {
  const server = await FlawedServer.start({ ...pki.identity, user: USER, password: PASSWORD, flaws, ...extra });
  try {
    await body(server);
  } finally {
    await server.stop();
  }
}

/** Connected to the STARTTLS port, greeting read. */
export async function plain(server: FlawedServer): Promise<SmtpWire> {
  const wire = await SmtpWire.plain(server.ports.starttls ?? 0);
  expect(await wire.reply()).toEqual([GREETING]);
  return wire;
}

/** STARTTLS done on a wire that has read the greeting (and maybe more). */
export async function upgrade(wire: SmtpWire): Promise<SmtpWire> {
  expect(await wire.command('STARTTLS')).toEqual(['220 2.0.0 Ready to start TLS']);
  await wire.upgrade(pki.trust);
  return wire;
}

/** Implicit TLS, greeting read. */
export async function implicit(server: FlawedServer): Promise<SmtpWire> {
  const wire = await SmtpWire.implicit(server.ports.implicit ?? 0, pki.trust);
  expect(await wire.reply()).toEqual([GREETING]);
  return wire;
}

/** Inside TLS on the STARTTLS port, after EHLO and a successful AUTH PLAIN. */
export async function authenticated(server: FlawedServer): Promise<SmtpWire> {
  const wire = await upgrade(await plain(server));
  expect(first(await wire.command('EHLO client.example.test'))).toBe('250-mail.example.test');
  expect(await wire.command(`AUTH PLAIN ${PLAIN_OK}`)).toEqual(['235 2.7.0 Authentication successful']);
  return wire;
}
