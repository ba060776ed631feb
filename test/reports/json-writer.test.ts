import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarizeTarget, type ResolvedTarget } from '../../harness/model/target.ts';
import { WireLog, printable } from '../../harness/smtp/wire-log.ts';
import { writeJsonReport } from '../../reports/json-writer.ts';
import { caseResult, report } from './fixtures.ts';

const PASSWORD = 's3cret-pass';
const PASSWORD_B64 = Buffer.from(PASSWORD).toString('base64');

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'msaspec-json-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('writeJsonReport', () => {
  it('creates the directory and writes report.json that round-trips', async () => {
    const sample = report([
      caseResult(),
      caseResult({ caseId: 'injection/starttls-buffered', category: 'security', verdict: 'FAIL', seen: 'x', error: undefined }),
    ]);
    const dir = path.join(tmp, 'nested', 'out');
    const file = await writeJsonReport(sample, dir);

    expect(file).toBe(path.join(dir, 'report.json'));
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^\{\n {2}"schemaVersion": 1,\n/);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(sample)));
  });

  it('overwrites an earlier report in the same directory', async () => {
    await writeJsonReport(report([caseResult({ verdict: 'FAIL' })]), tmp);
    const file = await writeJsonReport(report([caseResult()]), tmp);
    expect(JSON.parse(await readFile(file, 'utf8')).exitCode).toBe(0);
  });

  it('holds neither the password nor its base64 when transcripts went through WireLog', async () => {
    const log = new WireLog().addSecret(PASSWORD);
    log.event(false, 'connected to 127.0.0.1:587');
    log.add('C', true, 'AUTH LOGIN');
    log.add('S', true, '334 VXNlcm5hbWU6');
    log.add('C', true, Buffer.from('alice').toString('base64'));
    log.add('S', true, '334 UGFzc3dvcmQ6');
    log.add('C', true, PASSWORD_B64);
    log.add('S', true, printable(`535 5.7.8 bad password ${PASSWORD} for alice\x1b[2J`));
    log.add('C', true, `AUTH PLAIN ${PASSWORD_B64}`);

    const target: ResolvedTarget = {
      name: 'postfix',
      kind: 'container',
      host: '127.0.0.1',
      ports: { starttls: 32769 },
      servername: 'mail.test',
      ca: '-----BEGIN CERTIFICATE-----\n...',
      user: 'alice',
      password: PASSWORD,
      waivers: [],
      facts: {},
    };
    const sample = report([caseResult({ caseId: 'rfc4954/auth-login', verdict: 'FAIL', transcript: log.entries })], {
      targets: [summarizeTarget(target)],
    });

    const text = await readFile(await writeJsonReport(sample, tmp), 'utf8');
    expect(text).toContain('[redacted]');
    expect(text).toContain('alice');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(PASSWORD_B64);
  });
});
