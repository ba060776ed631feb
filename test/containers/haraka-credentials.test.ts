import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarakaContainer } from '../../targets/haraka/index.ts';
import type { StartedSubmissionContainer } from '../../targets/modules/index.ts';

/**
 * Haraka's user as withUser gave it, byte for byte and across a restart. haraka-config reads an ini
 * value "007" as the number 7 and trims spaces; a line ending in "\" continues on the next. The image
 * hands the password over as JSON (targets/haraka/image/users.cjs) and keeps it for later starts.
 * Each password is checked with AUTH PLAIN and LOGIN on 465, next to the near miss the ini reader
 * would have made of it, before and after `docker restart`.
 */
const TRICKY = `  a=b;c#d "q" 'q' \\n é€😀\u2028 [x] \\ `;
const cases = [
  ['all digits, leading zero', 'hardened', '007', '7'],
  ['spaces around, = ; # quotes \\ UTF-8 U+2028, trailing "\\ "', 'stock', TRICKY, TRICKY.trim()],
] as const;

const run = promisify(execFile);

function transport(mta: StartedSubmissionContainer, pass: string, authMethod: 'PLAIN' | 'LOGIN', user = mta.getUser()) {
  return nodemailer.createTransport({
    host: mta.getHost(),
    port: mta.getImplicitPort(),
    secure: true,
    authMethod,
    auth: { user, pass },
    tls: { ca: mta.getCaPem(), servername: mta.getServername() },
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
}

async function submit(mta: StartedSubmissionContainer, authMethod: 'PLAIN' | 'LOGIN'): Promise<string[]> {
  const client = transport(mta, mta.getPassword(), authMethod);
  try {
    const info = await client.sendMail({ from: `${mta.getUser()}@example.test`, to: 'bob@example.test', subject: authMethod, text: 'hello\n' });
    return info.accepted.map(String);
  } finally {
    client.close();
  }
}

async function refused(mta: StartedSubmissionContainer, pass: string, user?: string): Promise<void> {
  const client = transport(mta, pass, 'PLAIN', user);
  try {
    await expect(client.verify()).rejects.toThrow(/535/);
  } finally {
    client.close();
  }
}

describe.each(cases)('Haraka password: %s (%s)', (_shape, configuration, password, nearMiss) => {
  let mta: StartedSubmissionContainer;

  beforeAll(async () => {
    mta = await new HarakaContainer().withConfiguration(configuration).withUser('ivan', password).start();
  }, 10 * 60_000);

  afterAll(async () => {
    await mta?.stop();
  });

  it.each(['PLAIN', 'LOGIN'] as const)('takes the password verbatim with AUTH %s on 465', async (method) => {
    expect(await submit(mta, method)).toEqual(['bob@example.test']);
  });

  it('refuses what the ini reader would have made of it', async () => {
    await refused(mta, nearMiss);
  });

  // The users map has no prototype: "toString" is no user, not a function to take as a password.
  it("refuses a user named after an Object.prototype method, with that method's source", async () => {
    await refused(mta, 'function toString() { [native code] }', 'toString');
  });

  it('keeps the user across a restart, and never logs the password', async () => {
    await mta.restart();
    expect(await submit(mta, 'PLAIN')).toEqual(['bob@example.test']);
    expect(await submit(mta, 'LOGIN')).toEqual(['bob@example.test']);
    await refused(mta, nearMiss);
    const { stdout, stderr } = await run('docker', ['logs', mta.getId()], { timeout: 20_000, maxBuffer: 16 << 20 });
    expect(stdout).toContain('msaspec: users: ivan');
    if (password.length > 3) expect(`${stdout}\n${stderr}`).not.toContain(password.trim());
  }, 120_000);
});
