import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contextHash, imageHash, SHARED_FILES, stageBuildContext } from '../../targets/images/image-builder.ts';

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

describe('the files every image shares (run-files.sh)', () => {
  /** A shared file of its own for a test, outside any context. */
  function shared(text: string): Record<string, string> {
    const dir = context({ 'run-files.sh': text });
    return { 'run-files.sh': join(dir, 'run-files.sh') };
  }

  it('count in the image hash: a change to one rebuilds every image', () => {
    const dir = context(files);
    expect(imageHash(dir, BASE_ID, shared('die() { exit 1; }\n'))).toBe(imageHash(dir, BASE_ID, shared('die() { exit 1; }\n')));
    expect(imageHash(dir, BASE_ID, shared('die() { exit 1; }\n'))).not.toBe(imageHash(dir, BASE_ID, shared('die() { exit 2; }\n')));
    expect(imageHash(dir, BASE_ID, shared(''))).not.toBe(imageHash(dir, BASE_ID, {}));
  });

  it("are the project's run-files.sh unless told otherwise", () => {
    expect(Object.keys(SHARED_FILES)).toEqual(['run-files.sh']);
    expect(readFileSync(SHARED_FILES['run-files.sh']!, 'utf8')).toMatch(/^read_relay\(\) \{/m);
    const dir = context(files);
    expect(imageHash(dir, BASE_ID)).toBe(imageHash(dir, BASE_ID, SHARED_FILES));
    expect(imageHash(dir, BASE_ID)).not.toBe(imageHash(dir, BASE_ID, {}));
  });

  it('are added to the build context docker reads, which hashes as the image does', () => {
    const dir = context(files);
    const extra = shared('read_user() { :; }\n');
    const stage = stageBuildContext(dir, extra);
    dirs.push(stage);
    expect(readFileSync(join(stage, 'run-files.sh'), 'utf8')).toBe('read_user() { :; }\n');
    expect(readFileSync(join(stage, 'etc/sub/z.conf'), 'utf8')).toBe('z\n');
    expect(contextHash(stage)).toBe(contextHash(dir, extra));
    // The context itself is left as it was.
    expect(existsSync(join(dir, 'run-files.sh'))).toBe(false);
  });

  it('may not be shadowed by a file of the context', () => {
    const dir = context({ ...files, 'run-files.sh': 'mine\n' });
    expect(() => contextHash(dir, shared('shared\n'))).toThrow(/run-files.sh is a file every image shares/);
    expect(() => stageBuildContext(dir, shared('shared\n'))).toThrow(/run-files.sh is a file every image shares/);
  });
});
