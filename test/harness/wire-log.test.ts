import { describe, expect, it } from 'vitest';
import { WireLog, printable } from '../../harness/smtp/wire-log.ts';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const USER = 'alice@example.test';
const PASSWORD = 'correct horse battery';

function logWith(text: string, dir: 'C' | 'S' | '*' = 'C'): string {
  const log = new WireLog().addCredentials(USER, PASSWORD);
  log.add(dir, false, text);
  return log.entries[0]?.text ?? '';
}

describe('WireLog masks credentials in every entry', () => {
  it('masks the password in clear', () => {
    const text = logWith(`535 5.7.8 bad password ${PASSWORD} for ${USER}`, 'S');
    expect(text).not.toContain(PASSWORD);
    expect(text).toBe(`535 5.7.8 bad password [redacted] for ${USER}`);
  });

  it('masks the password in base64 (AUTH LOGIN answer)', () => {
    expect(logWith(b64(PASSWORD))).toBe('[redacted]');
  });

  it('masks the AUTH PLAIN blob base64("\\0user\\0password")', () => {
    const blob = b64(`\0${USER}\0${PASSWORD}`);
    const text = logWith(`AUTH PLAIN ${blob}`);
    expect(text).toBe('AUTH PLAIN [redacted]');
    expect(text).not.toContain(blob);
  });

  it('masks the AUTH PLAIN blob in clear', () => {
    expect(logWith(`decoded: \0${USER}\0${PASSWORD}`)).not.toContain(PASSWORD);
  });

  it('masks server and harness-event entries too, and every occurrence', () => {
    const log = new WireLog().addCredentials(USER, PASSWORD);
    log.add('S', true, `334 ${b64(PASSWORD)} ${b64(PASSWORD)}`);
    log.event(false, `sent ${PASSWORD}`);
    expect(log.entries.map((e) => e.text)).toEqual(['334 [redacted] [redacted]', 'sent [redacted]']);
  });

  it('masks error text passed through mask()', () => {
    const log = new WireLog().addCredentials(USER, PASSWORD);
    expect(log.mask(`failed: ${PASSWORD}`)).toBe('failed: [redacted]');
  });

  it('keeps the user name visible: it is not a secret', () => {
    expect(logWith(`AUTH LOGIN ${b64(USER)}`)).toBe(`AUTH LOGIN ${b64(USER)}`);
  });

  it('masks the password even without a user name', () => {
    const log = new WireLog().addCredentials(undefined, PASSWORD);
    log.add('C', false, `${PASSWORD} ${b64(PASSWORD)}`);
    expect(log.entries[0]?.text).toBe('[redacted] [redacted]');
  });

  it('adds nothing to mask when there are no credentials', () => {
    const log = new WireLog().addCredentials(undefined, undefined);
    log.add('C', false, 'EHLO client.msaspec.test');
    expect(log.entries[0]?.text).toBe('EHLO client.msaspec.test');
  });

  it('records direction, TLS state and a non-negative time', () => {
    const log = new WireLog();
    log.add('S', true, '250 ok');
    expect(log.entries[0]).toMatchObject({ dir: 'S', tls: true, text: '250 ok' });
    expect(log.entries[0]?.t).toBeGreaterThanOrEqual(0);
  });
});

describe('printable() escapes control characters', () => {
  it('escapes C0 controls, CR, DEL and C1 controls as \\xNN', () => {
    expect(printable('a\x00b\x1b[31mc\rd\x7fe\x85f\x9b')).toBe('a\\x00b\\x1b[31mc\\x0dd\\x7fe\\x85f\\x9b');
  });

  it('leaves printable ASCII, Latin-1 letters and the line feed alone', () => {
    expect(printable('250-SIZE 1000 café ÿ\n')).toBe('250-SIZE 1000 café ÿ\n');
  });

  it('escapes every byte of a binary TLS record header', () => {
    expect(printable('\x16\x03\x01\x02\x00\x01')).toBe('\\x16\\x03\\x01\\x02\\x00\\x01');
  });
});
