import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contextHash, imageHash } from '../../containers/images/image-builder.ts';

const dirs: string[] = [];
function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'msaspec-hash-test-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const files = {
  Dockerfile: 'ARG BASE\nFROM ${BASE}\nRUN true\n',
  'etc/main.cf': 'smtpd_tls_security_level = may\n',
  'etc/sub/z.conf': 'z\n',
  'a.sh': '#!/bin/sh\n',
};
const BASE_ID = 'sha256:' + '1'.repeat(64);

describe('contextHash / imageHash', () => {
  it('is stable for the same content, wherever it lives', () => {
    const a = context(files);
    const b = context(files);
    expect(contextHash(a)).toBe(contextHash(a));
    expect(contextHash(a)).toBe(contextHash(b));
    expect(imageHash(a, BASE_ID)).toBe(imageHash(b, BASE_ID));
    expect(imageHash(a, BASE_ID)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes when a file changes, is added, renamed or made executable', () => {
    const base = contextHash(context(files));
    expect(contextHash(context({ ...files, 'etc/main.cf': 'smtpd_tls_security_level = encrypt\n' }))).not.toBe(base);
    expect(contextHash(context({ ...files, 'etc/extra.cf': '' }))).not.toBe(base);
    const { 'etc/sub/z.conf': z, ...rest } = files;
    expect(contextHash(context({ ...rest, 'etc/sub/y.conf': z }))).not.toBe(base);
    const dir = context(files);
    chmodSync(join(dir, 'a.sh'), 0o755);
    expect(contextHash(dir)).not.toBe(base);
  });

  it('does not confuse where one file ends and the next begins', () => {
    expect(contextHash(context({ a: 'bc', b: '' }))).not.toBe(contextHash(context({ a: 'b', b: 'c' })));
  });

  it('changes with the base image', () => {
    const dir = context(files);
    expect(imageHash(dir, BASE_ID)).not.toBe(imageHash(dir, 'sha256:' + '2'.repeat(64)));
  });
});
