import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_CA_ENV, hostExtraCaPem } from '../../targets/images/host-ca.ts';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nAAAA==\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----';

describe('hostExtraCaPem: the CA certificates an image build may need to pass an intercepting proxy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'msaspec-host-ca-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the certificates of the file MSASPEC_BUILD_CA names, never a key, each once', () => {
    const file = join(dir, 'bundle.pem');
    writeFileSync(file, `junk\n${CERT}\n${KEY}\n${CERT}\n`);
    const pem = hostExtraCaPem({ [BUILD_CA_ENV]: file });
    expect(pem).toBe(CERT);
    expect(pem).not.toContain('PRIVATE KEY');
  });

  it('is empty when the file is missing or holds no certificate', () => {
    expect(hostExtraCaPem({ [BUILD_CA_ENV]: join(dir, 'absent.pem') })).toBe('');
    const file = join(dir, 'key-only.pem');
    writeFileSync(file, KEY);
    expect(hostExtraCaPem({ [BUILD_CA_ENV]: file })).toBe('');
  });
});
